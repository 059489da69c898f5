// Inputs and readers for RevenueCat suites: a request that reaches an operation (its path filled,
// a JSON body for the operations that take one), and the error envelope's fields.
import type { Exchange } from '../../src/exchange.ts'
import type { CallInput } from '../../src/http/create-client.ts'
import type { Operation } from '../../src/registry/types.ts'

/** A project id no key opens. */
export const UNKNOWN_PROJECT = 'projsubcontract0missing'

/** The input that reaches `op` in `project`: placeholder ids for the other path parameters. */
export function reach(op: Operation, project: string, extra: Partial<CallInput> = {}): CallInput {
  const path: Record<string, string> = {}
  for (const name of op.pathParams)
    path[name] = name === 'project_id' ? project : `subcontract_missing_${name}`
  return { path, ...(op.request === undefined ? {} : { body: {} }), ...extra }
}

/** The error body's `type` (RevenueCat's error envelope), or undefined. */
export function errorTypeOf(res: Exchange): unknown {
  return (res.response.json as { type?: unknown } | undefined)?.type
}
