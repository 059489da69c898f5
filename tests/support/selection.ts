// Which operations a cross-cutting suite covers: every operation of its API, or only those the
// run selected (`subcontract run --operation …` hands them over in SUBCONTRACT_OPERATIONS).
import type { ApiName } from '../../src/api/api-definition.ts'
import { OPERATIONS } from '../../src/apis/all.ts'
import type { Operation } from '../../src/registry/types.ts'

/** The environment variable the run command sets for a filtered run (`api:operationId,…`). */
export const SELECTION_VARIABLE = 'SUBCONTRACT_OPERATIONS'

/** The selected operations of an API, as `[operationId, op]` rows for `it.each`. */
export function selectedOperations(api: ApiName): Array<readonly [string, Operation]> {
  const raw = process.env[SELECTION_VARIABLE]
  const chosen = raw === undefined || raw === '' ? undefined : new Set(raw.split(','))
  return OPERATIONS.of(api)
    .filter((op) => chosen === undefined || chosen.has(`${op.api}:${op.operationId}`))
    .map((op) => [op.operationId, op] as const)
}
