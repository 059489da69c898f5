/**
 * Adapty's own contract checks: what its documentation says across fields of a body, which a JSON
 * Schema cannot say. Both runners and the sandbox's self-check run them (ApiDefinition.contract).
 */
import { type Check, failure } from '../../contract/checks/types.ts'

/** Check: an error body's `status_code` repeats the HTTP status ("status_code repeats the HTTP status"). */
export const errorStatusCode: Check = {
  name: 'error-status-code',
  run: (ctx) => {
    const { status, json } = ctx.exchange.response
    if (status < 400 || ctx.op.responses[String(status)]?.kind !== 'json') return []
    if (typeof json !== 'object' || json === null || !('status_code' in json)) return []
    const code = (json as { status_code: unknown }).status_code
    if (code === status) return []
    return [
      failure(ctx, 'error-status-code', {
        message: `the error body's status_code is not the HTTP status ${status}`,
        pointer: '/status_code',
        expected: String(status),
        value: JSON.stringify(code) ?? 'undefined',
      }),
    ]
  },
}

/** Every check of Adapty's own, in the order they run. */
export const ADAPTY_CHECKS: readonly Check[] = [errorStatusCode]
