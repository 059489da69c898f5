/** The operation index over every API: lookup by id, URL building and listing. */
import { HarnessError } from '../errors.ts'
import { ADAPTY_OPERATIONS } from '../apis/adapty/operations.ts'
import type { ApiName, Operation } from './types.ts'

/** Every operation subcontract covers, across APIs. */
export const OPERATIONS: readonly Operation[] = [...ADAPTY_OPERATIONS]

const BY_KEY = new Map(OPERATIONS.map((op) => [`${op.api}:${op.operationId}`, op]))

/** The operations of one API. */
export function operationsOf(api: ApiName): Operation[] {
  return OPERATIONS.filter((op) => op.api === api)
}

/** Finds an operation or fails with a suggestion. */
export function getOperation(api: ApiName, operationId: string): Operation {
  const op = BY_KEY.get(`${api}:${operationId}`)
  if (op !== undefined) return op
  const near = operationsOf(api)
    .map((o) => o.operationId)
    .filter((id) => id.toLowerCase().includes(operationId.toLowerCase().slice(0, 5)))
  throw new HarnessError(
    'CONTRACT_UNKNOWN_OPERATION',
    `Failed to find operation: ${api} has no operation "${operationId}".`,
    {
      hint:
        near.length > 0
          ? `did you mean ${near.map((n) => `"${n}"`).join(', ')}? Run \`npm run regression -- --list\` for all.`
          : 'use an operationId from src/apis/adapty/operations.ts.',
    },
  )
}

/** Fills a path template; a missing or empty parameter is an error, values are URL-encoded. */
export function buildPath(op: Operation, params: Readonly<Record<string, string>> = {}): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined || value === '') {
      throw new HarnessError(
        'HTTP_MISSING_PARAMETER',
        `Failed to build the URL of ${op.operationId}: path parameter "${name}" is missing.`,
        { hint: `pass path: { ${name}: '…' } to the call.` },
      )
    }
    return encodeURIComponent(value)
  })
}

/** `createProfile` → `create-profile`: the suite file stem of an operation. */
export function suiteStem(op: Operation): string {
  return op.operationId.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()
}

const PATTERNS = OPERATIONS.map((op) => ({
  op,
  pattern: new RegExp(`^${op.path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
}))

/** The result of matching a request line against the registry. */
export interface OperationMatch {
  op: Operation | undefined
  /** Methods documented at this path (empty when the path is unknown). */
  allowed: string[]
}

// Hot path of the sandbox: remember answers for the few distinct request lines a run uses.
// Bounded, so hostile traffic with random paths cannot grow it without limit.
const MATCH_CACHE = new Map<string, OperationMatch>()
const MATCH_CACHE_LIMIT = 2000

/** Finds the operation for a method and a concrete path (no query string). */
export function matchOperation(api: ApiName, method: string, path: string): OperationMatch {
  const key = `${api} ${method} ${path}`
  const cached = MATCH_CACHE.get(key)
  if (cached !== undefined) return cached
  const match = findOperation(api, method, path)
  if (MATCH_CACHE.size < MATCH_CACHE_LIMIT) MATCH_CACHE.set(key, match)
  return match
}

function findOperation(api: ApiName, method: string, path: string): OperationMatch {
  const candidates = PATTERNS.filter((p) => p.op.api === api && p.pattern.test(path))
  return {
    op: candidates.find((p) => p.op.method === method.toUpperCase())?.op,
    allowed: candidates.map((p) => p.op.method),
  }
}
