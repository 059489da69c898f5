/** One recorded decision that changes an API's derived schemas (the API keeps its own list). */
import type { SchemaObject } from './openapi-to-schemas.ts'

/** A patch with the id of its section in fixtures/schemas/<api>/DECISIONS.md. */
export interface SchemaDecision {
  id: string
  apply: (schemas: Map<string, SchemaObject>) => void
}
