/** The Collaborator operations; none is emulated yet, so each answers 501 (table.ts). */
import { notEmulated, type RouteTable } from './table.ts'

/** Declares the Collaborator operations. */
export function collaboratorsRoutes(table: RouteTable): void {
  /** operationId: list-collaborators */
  table.route('list-collaborators', notEmulated)
}
