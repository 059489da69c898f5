/**
 * RevenueCat's own contract checks: what its documentation says across fields, which a JSON
 * Schema cannot say. Both runners and the sandbox's self-check run them (ApiDefinition.contract).
 */
import { type Check, type CheckContext, failure } from '../../contract/checks/types.ts'

type Body = Record<string, unknown>

function bodyOf(ctx: CheckContext, object: 'error' | 'list'): Body | undefined {
  const { json } = ctx.exchange.response
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined
  return (json as Body).object === object ? (json as Body) : undefined
}

/**
 * Check: `retryable` and `backoff_ms` agree. `backoff_ms` is "only present for retryable
 * errors": a retryable error carries a whole number of milliseconds, another none (absent or
 * null); and a 429's `backoff_ms` is its `Retry-After` in milliseconds.
 */
export const retryableBackoff: Check = {
  name: 'retryable-backoff',
  run: (ctx) => {
    const body = bodyOf(ctx, 'error')
    if (body === undefined || typeof body.retryable !== 'boolean') return []
    const backoff = body.backoff_ms
    const fail = (message: string, expected: string) => [
      failure(ctx, 'retryable-backoff', {
        message,
        pointer: '/backoff_ms',
        expected,
        value: backoff === undefined ? '(absent)' : JSON.stringify(backoff),
      }),
    ]
    if (!body.retryable) {
      return backoff === undefined || backoff === null
        ? []
        : fail('a non-retryable error gives a backoff', 'absent or null (retryable is false)')
    }
    if (typeof backoff !== 'number' || !Number.isInteger(backoff) || backoff < 0)
      return fail('a retryable error gives no backoff', 'a whole number of ms (retryable is true)')
    const retryAfter = ctx.exchange.response.headers['retry-after']
    if (ctx.exchange.response.status === 429 && retryAfter !== undefined) {
      const seconds = Number(retryAfter)
      if (Number.isFinite(seconds) && backoff !== seconds * 1000)
        return fail(
          `backoff_ms is not Retry-After (${retryAfter} s) in milliseconds`,
          String(seconds * 1000),
        )
    }
    return []
  },
}

/** The path of a request URL, or of a relative link (`/v2/…?query`). */
function pathOf(url: string): string | undefined {
  try {
    return new URL(url, 'http://relative.invalid').pathname
  } catch {
    return undefined
  }
}

/**
 * Check: a list's `url` is the path it was read from, and its `next_page`, when there is one,
 * reads more of the same list: the same path, with `starting_after`.
 */
export const listLinks: Check = {
  name: 'list-links',
  run: (ctx) => {
    const body = bodyOf(ctx, 'list')
    if (body === undefined) return []
    const requested = pathOf(ctx.exchange.request.url)
    const out = []
    if (typeof body.url === 'string' && requested !== undefined && pathOf(body.url) !== requested)
      out.push(
        failure(ctx, 'list-links', {
          message: 'the list names another path than the one it was read from',
          pointer: '/url',
          expected: requested,
          value: JSON.stringify(body.url),
        }),
      )
    const next = body.next_page
    if (typeof next === 'string') {
      const samePath = requested === undefined || pathOf(next) === requested
      const cursor = new URL(next, 'http://relative.invalid').searchParams.get('starting_after')
      if (!samePath || cursor === null || cursor === '')
        out.push(
          failure(ctx, 'list-links', {
            message: samePath
              ? 'next_page has no starting_after cursor'
              : 'next_page points at another path than the list',
            pointer: '/next_page',
            expected: `${requested ?? '(the same path)'}?starting_after=<id>`,
            value: JSON.stringify(next),
          }),
        )
    }
    return out
  },
}

/** Every check of RevenueCat's own, in the order they run. */
export const REVENUECAT_CHECKS: readonly Check[] = [retryableBackoff, listLinks]
