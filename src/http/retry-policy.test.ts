import { describe, expect, it } from 'vitest'
import { createRateLimiter } from './rate-limiter.ts'
import {
  backoffMs,
  backoffMsFromBody,
  DEFAULT_RETRY,
  isIdempotent,
  retryAfterMs,
  retryReason,
} from './retry-policy.ts'

describe('retry policy', () => {
  it('reads Retry-After in seconds and as an HTTP date', () => {
    const now = Date.parse('2026-01-15T12:00:00Z')
    expect(retryAfterMs('3', now)).toBe(3000)
    expect(retryAfterMs('Thu, 15 Jan 2026 12:00:05 GMT', now)).toBe(5000)
    expect(retryAfterMs('soon', now)).toBeUndefined()
  })

  it("reads RevenueCat's backoff_ms from an error body", () => {
    expect(backoffMsFromBody({ type: 'rate_limit_error', backoff_ms: 1500 })).toBe(1500)
    expect(backoffMsFromBody({ backoff_ms: null })).toBeUndefined()
  })

  it('retries 429 on every method but 5xx and resets only when idempotent', () => {
    expect(retryReason({ status: 429 }, false)).toBe('status 429')
    expect(retryReason({ status: 503 }, true)).toBe('status 503')
    expect(retryReason({ status: 503 }, false)).toBeUndefined()
    expect(retryReason({ status: 500 }, true)).toBeUndefined()
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })
    expect(retryReason({ error: reset }, true)).toBe('connection error ECONNRESET')
    expect(retryReason({ error: reset }, false)).toBeUndefined()
  })

  it('treats GET, PUT, DELETE and keyed POSTs as idempotent', () => {
    expect(isIdempotent('GET', {})).toBe(true)
    expect(isIdempotent('DELETE', {})).toBe(true)
    expect(isIdempotent('POST', {})).toBe(false)
    expect(isIdempotent('PATCH', {})).toBe(false)
    expect(isIdempotent('POST', { 'idempotency-key': 'k' })).toBe(true)
  })

  it('backs off exponentially with full jitter and a cap', () => {
    const top = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.999999 }
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, top))).toEqual([100, 200, 400, 800, 1000])
    expect(backoffMs(3, { ...top, random: () => 0 })).toBe(0)
  })

  it('paces requests with a token bucket, waiting only when the burst is spent', async () => {
    let now = 0
    const waits: number[] = []
    const limiter = createRateLimiter({
      ratePerSecond: 2,
      burst: 2,
      now: () => now,
      sleep: async (ms) => {
        waits.push(ms)
        now += ms
      },
    })
    for (let i = 0; i < 4; i++) await limiter.take()
    expect(waits).toEqual([500, 500])
  })
})
