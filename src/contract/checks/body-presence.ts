/** Fails when a documented body is empty or not JSON, or an empty body is documented but one came. */
import { redactText, truncate } from '../../redact/redact.ts'
import { type Check, failure } from './types.ts'

/** Check: the body is present and parses as JSON where the contract documents one, and absent where it documents none. */
export const bodyPresence: Check = {
  name: 'body-presence',
  run: (ctx) => {
    const spec = ctx.op.responses[String(ctx.exchange.response.status)]
    const { jsonError } = ctx.exchange.response
    if (spec?.kind === 'empty' && ctx.exchange.response.bodyText.trim().length > 0) {
      return [
        failure(ctx, 'body-presence', {
          message: 'a body came where the contract documents none',
          expected: 'an empty body',
          value: truncate(redactText(ctx.exchange.response.bodyText), 200), // text, not JSON
        }),
      ]
    }
    // A parsed body is a present JSON body (and the sandbox's self-check, which hands over the
    // handler's object, serialises the text only when a check needs it).
    if (spec?.kind !== 'json' || ctx.exchange.response.json !== undefined) return []
    const { bodyText } = ctx.exchange.response
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
