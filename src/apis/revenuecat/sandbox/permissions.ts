/**
 * RevenueCat v2 key permissions: scopes are `<domain>:<resource>:<level>` strings (the spec's
 * `x-scopes`, such as `customer_information:customers:read_write`), level `read` or `read_write`.
 */
import type { Operation } from '../../../registry/types.ts'

const SCOPE = /^[a-z_]+:[a-z_]+:(read|read_write)$/

/** True when `scope` is well formed (`domain:resource:read` or `…:read_write`). */
export function isScope(scope: string): boolean {
  return SCOPE.test(scope)
}

/** True when a key holding `held` may use `required`: `X:read_write` also grants `X:read`. */
export function grants(held: ReadonlySet<string>, required: string): boolean {
  if (held.has(required)) return true
  return required.endsWith(':read') && held.has(`${required}_write`)
}

/**
 * The scopes of `op` the key lacks, in the spec's order; empty when it may call the operation.
 * An operation listing several scopes needs every one of them (S-5).
 */
export function missingScopes(held: ReadonlySet<string>, op: Operation): string[] {
  return (op.scopes ?? []).filter((scope) => !grants(held, scope))
}

/** The 403 message for a key lacking `missing` on `op`. */
export function forbiddenMessage(op: Operation, missing: readonly string[]): string {
  const list = missing.join(', ')
  const noun = missing.length === 1 ? 'permission' : 'permissions'
  return `This API key lacks the ${noun} ${list}, which ${op.operationId} needs.`
}
