/**
 * The operation index: lookup by id, request-line matching and URL building over a list of
 * operations. It names no API: the composition root (src/apis/all.ts) builds the index of every
 * API, and an engine given one ApiDefinition indexes that API's operations (`indexOf`).
 */
import { HarnessError } from '../errors.ts'
import type { ApiName, Operation } from './types.ts'

/** The result of matching a request line against the registry. */
export interface OperationMatch {
  op: Operation | undefined
  /** Methods documented at this path (empty when the path is unknown). */
  allowed: string[]
}

/** Lookups over a fixed list of operations. */
export interface OperationIndex {
  readonly all: readonly Operation[]
  /** The operations of one API, in registry order. */
  of(api: ApiName): Operation[]
  /** Finds an operation or fails with a suggestion. */
  get(api: ApiName, operationId: string): Operation
  /** Finds the operation for a method and a concrete path (relative to the API's base path, no query). */
  match(api: ApiName, method: string, path: string): OperationMatch
}

// Hot path of the sandbox: remember answers for the few distinct request lines a run uses.
// Bounded, so hostile traffic with random paths cannot grow it without limit.
const MATCH_CACHE_LIMIT = 2000

/** Builds the index of a list of operations. */
export function createOperationIndex(operations: readonly Operation[]): OperationIndex {
  const byKey = new Map(operations.map((op) => [`${op.api}:${op.operationId}`, op]))
  const patterns = operations.map((op) => ({
    op,
    pattern: new RegExp(`^${op.path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }))
  const matchCache = new Map<string, OperationMatch>()
  const of = (api: ApiName) => operations.filter((op) => op.api === api)
  return {
    all: operations,
    of,
    get(api, operationId) {
      const op = byKey.get(`${api}:${operationId}`)
      if (op !== undefined) return op
      const near = of(api)
        .map((o) => o.operationId)
        .filter((id) => id.toLowerCase().includes(operationId.toLowerCase().slice(0, 5)))
      throw new HarnessError(
        'CONTRACT_UNKNOWN_OPERATION',
        `Failed to find operation: ${api} has no operation "${operationId}".`,
        {
          hint:
            near.length > 0
              ? `did you mean ${near.map((n) => `"${n}"`).join(', ')}? Run \`npx subcontract list\` for all.`
              : `use an operationId from src/apis/${api}/operations.ts (\`npx subcontract list\`).`,
        },
      )
    },
    match(api, method, path) {
      const key = `${api} ${method} ${path}`
      const cached = matchCache.get(key)
      if (cached !== undefined) return cached
      const candidates = patterns.filter((p) => p.op.api === api && p.pattern.test(path))
      // A static segment beats a parameter (`/customers/blocked_customers` over `/customers/{id}`).
      const sorted = candidates.sort((a, b) => specificity(b.op.path) - specificity(a.op.path))
      const top = sorted.filter((p) => samePattern(p.op.path, sorted[0]?.op.path))
      const upper = method.toUpperCase()
      const match = {
        op: top.find((p) => p.op.method === upper)?.op,
        allowed: [...new Set(top.map((p) => p.op.method))],
      }
      if (matchCache.size < MATCH_CACHE_LIMIT) matchCache.set(key, match)
      return match
    },
  }
}

function specificity(path: string): number {
  return path.split('/').filter((s) => s !== '' && !s.startsWith('{')).length
}

function samePattern(a: string, b: string | undefined): boolean {
  return b !== undefined && a.replace(/\{[^}]+\}/g, '{}') === b.replace(/\{[^}]+\}/g, '{}')
}

const INDEXES = new WeakMap<readonly Operation[], OperationIndex>()

/** The (cached) index of one list of operations, such as an ApiDefinition's. */
export function indexOf(operations: readonly Operation[]): OperationIndex {
  let index = INDEXES.get(operations)
  if (index === undefined) {
    index = createOperationIndex(operations)
    INDEXES.set(operations, index)
  }
  return index
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

/** `createProfile` → `create-profile`, `list-paywalls` stays: the suite file stem of an operation. */
export function suiteStem(op: Pick<Operation, 'operationId'>): string {
  return op.operationId.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()
}
