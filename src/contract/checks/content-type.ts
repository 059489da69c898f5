/** Fails when a documented JSON body comes with another media type. */
import { type Check, failure } from './types.ts'

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
}

/** Check: the Content-Type matches the documented media type (parameters ignored). */
export const contentType: Check = {
  name: 'content-type',
  run: (ctx) => {
    const spec = ctx.op.responses[String(ctx.exchange.response.status)]
    if (spec?.kind !== 'json') return []
    const received = mediaType(ctx.exchange.response.headers['content-type'])
    if (received === spec.contentType) return []
    return [
      failure(ctx, 'content-type', {
        message: `content type ${received === '' ? '(none)' : received} is not the documented one`,
        expected: spec.contentType,
        value: received === '' ? '(none)' : received,
      }),
    ]
  },
}
