import { describe, expect, it } from 'vitest'
import { errorTypeOf, reach } from '../../support/revenuecat-data.ts'
import { selectedOperations } from '../../support/selection.ts'
import { useTarget } from '../../support/target.ts'

const api = useTarget('revenuecat')
const operations = selectedOperations('revenuecat')

describe('rate limits', () => {
  // The sandbox's rate-limited key allows one request a minute per domain; the sandbox fills its
  // window in the operation's domain, so this one request is refused (limits are per key and
  // domain, whichever operation sends the request).
  it.each(operations)(
    '%s returns 429 rate_limit_error with Retry-After and backoff_ms once its domain is exhausted',
    async (id, op) => {
      api.needSandbox()
      const key = api.need('rateLimitedApiKey')
      await api.control('rate-limits/fill', { domain: op.rateLimitDomain }, key)
      const input = reach(op, api.need('projectId'), {
        authorization: api.authorizationFor(key),
        noRetry: true,
      })
      const res = await api.call(id, input)
      expect(res).toMatchContract(429)
      expect(errorTypeOf(res)).toBe('rate_limit_error')
      const retryAfter = Number(res.response.headers['retry-after'])
      expect(retryAfter).toBeGreaterThanOrEqual(1)
      const body = res.response.json as { retryable?: unknown; backoff_ms?: unknown }
      expect(body.retryable).toBe(true)
      expect(body.backoff_ms).toBe(retryAfter * 1000)
      expect(res.response.headers['revenuecat-rate-limit-current-limit']).toBe('1')
    },
  )
})
