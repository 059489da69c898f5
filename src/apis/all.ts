/**
 * The composition root: the one file that names every API. Only src/cli/, scripts/ and tests/
 * import it; engines take an ApiDefinition as a parameter.
 */
import type { ApiDefinition, ApiName } from '../api/api-definition.ts'
import { HarnessError } from '../errors.ts'
import { createOperationIndex } from '../registry/operations.ts'
import { adapty } from './adapty/api.ts'
import { revenuecat } from './revenuecat/api.ts'

/** Every API subcontract verifies, in report order. */
export const APIS: readonly ApiDefinition[] = [adapty, revenuecat]

/** The index of every operation of every API. */
export const OPERATIONS = createOperationIndex(APIS.flatMap((api) => api.operations))

/** The definition of one API by name. */
export function apiNamed(name: string): ApiDefinition {
  const api = APIS.find((a) => a.name === name)
  if (api === undefined) {
    throw new HarnessError('CLI_USAGE', `Failed to select an API: "${name}" is not one.`, {
      hint: `use one of ${APIS.map((a) => a.name).join(', ')}.`,
    })
  }
  return api
}

/** The definitions of the named APIs, in APIS order; every API when none is named. */
export function apisNamed(names: readonly string[]): ApiDefinition[] {
  for (const name of names) apiNamed(name)
  return APIS.filter((a) => names.length === 0 || names.includes(a.name as ApiName))
}
