/** Fails when the response status is not one the operation documents. */
import { type Check, failure } from './types.ts'

/** Check: the status code is documented for the operation. */
export const statusDocumented: Check = {
  name: 'status-documented',
  run: (ctx) => {
    const status = String(ctx.exchange.response.status)
    if (ctx.op.responses[status] !== undefined) return []
    return [
      failure(ctx, 'status-documented', {
        message: `status ${status} is not documented`,
        expected: `one of ${Object.keys(ctx.op.responses).join(', ')}`,
        value: status,
      }),
    ]
  },
}
