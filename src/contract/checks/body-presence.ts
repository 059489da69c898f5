/** Fails when a documented body is empty or not JSON, or an empty body is documented but one came. */
import { redactText, truncate } from '../../redact/redact.ts'
import { type Check, failure } from './types.ts'

/** Check: the body is present and parses as JSON where the contract documents one, and absent where it documents none. */
export const bodyPresence: Check = {
  name: 'body-presence',
  run: (ctx) => {
    const spec = ctx.op.responses[String(ctx.exchange.response.status)]
    const { bodyText, jsonError } = ctx.exchange.response
    if (spec?.kind === 'empty' && bodyText.trim().length > 0) {
      return [
        failure(ctx, 'body-presence', {
          message: 'a body came where the contract documents none',
          expected: 'an empty body',
          value: truncate(redactText(bodyText), 200), // text, not a JSON-encoded string
        }),
      ]
    }
    if (spec?.kind !== 'json') return []
    if (bodyText.trim().length === 0) {
      return [
        failure(ctx, 'body-presence', {
          message: 'the body is empty',
          expected: `a JSON body (${spec.schema})`,
        }),
      ]
    }
    if (jsonError !== undefined) {
      return [
        failure(ctx, 'body-presence', {
          message: `the body is not JSON: ${jsonError}`,
          expected: `a JSON body (${spec.schema})`,
          value: truncate(redactText(bodyText), 200), // text, not a JSON-encoded string
        }),
      ]
    }
    return []
  },
}
