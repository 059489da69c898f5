import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { SandboxEnv } from '../../../api/api-definition.ts'
import type { Operation } from '../../../registry/types.ts'
import { createFixedClock } from '../../../sandbox/clock.ts'
import { createIds } from '../../../sandbox/ids.ts'
import { revenuecat, SANDBOX_RATE_LIMIT_SCALE } from '../api.ts'
import {
  createRateLimiter,
  createRateLimitMiddleware,
  LIMIT_HEADER,
  RATE_LIMITS,
  type RateLimiter,
  resolveLimits,
  USAGE_HEADER,
} from './rate-limits.ts'

function op(operationId: string, rateLimitDomain: string): Operation {
  return {
    api: 'revenuecat',
    operationId,
    method: 'GET',
    path: '/projects/{project_id}/x',
    tag: 'x',
    summary: 'x',
    safety: 'read',
    labels: [],
    scopes: [],
    rateLimitDomain,
    headers: [],
    query: [],
    pathParams: ['project_id'],
    responses: {},
  }
}

const OVERVIEW = op('get-overview-metrics', 'charts_metrics')
const LIST_APPS = op('list-apps', 'project_configuration')

/** A pipeline stand-in: sets op and key like the shared pipeline does, then the middleware. */
function appWith(limits = RATE_LIMITS, status: 200 | 404 = 200) {
  const clock = createFixedClock()
  const limiter = createRateLimiter(clock, limits)
  const app = new Hono<SandboxEnv>()
  app.use('*', async (c, next) => {
    const which = c.req.path.startsWith('/charts') ? OVERVIEW : LIST_APPS
    if (!c.req.path.startsWith('/__sandbox')) c.set('op', which)
    c.set('apiKey', c.req.header('x-key') ?? 'key-a')
    return next()
  })
  app.use('*', createRateLimitMiddleware(limiter))
  app.get('*', (c) => c.json({ ok: true }, status))
  const get = (path: string, key = 'key-a') => app.request(path, { headers: { 'x-key': key } })
  return { clock, limiter, get }
}

describe('RevenueCat rate limits', () => {
  it('refuses the 6th charts_metrics request in a minute, and lets it through a minute later', async () => {
    const { clock, get } = appWith()
    for (let n = 1; n <= 5; n++) {
      const res = await get('/charts')
      expect(res.status).toBe(200)
      expect(res.headers.get(USAGE_HEADER)).toBe(String(n))
      expect(res.headers.get(LIMIT_HEADER)).toBe('5')
      clock.advance(1000)
    }
    const refused = await get('/charts')
    expect(refused.status).toBe(429)
    // The window opened 5 s ago: 55 s remain.
    expect(refused.headers.get('retry-after')).toBe('55')
    expect(refused.headers.get(USAGE_HEADER)).toBe('5')
    expect(refused.headers.get(LIMIT_HEADER)).toBe('5')
    expect(await refused.json()).toMatchObject({
      object: 'error',
      type: 'rate_limit_error',
      retryable: true,
      backoff_ms: 55_000,
      doc_url: 'https://errors.rev.cat/rate-limit-error',
    })

    clock.advance(54_999)
    expect((await get('/charts')).status).toBe(429)
    clock.advance(1)
    const again = await get('/charts')
    expect(again.status).toBe(200)
    expect(again.headers.get(USAGE_HEADER)).toBe('1')
  })

  it('answers Retry-After of at least one second', () => {
    const clock = createFixedClock()
    const limiter = createRateLimiter(clock, { charts_metrics: 1 })
    limiter.hit('k', 'charts_metrics')
    clock.advance(59_999)
    expect(limiter.hit('k', 'charts_metrics')).toMatchObject({ ok: false, retryAfterSeconds: 1 })
  })

  it('counts each key and each domain in its own window', async () => {
    const { get } = appWith({ ...RATE_LIMITS, charts_metrics: 1, project_configuration: 1 })
    expect((await get('/charts', 'key-a')).status).toBe(200)
    expect((await get('/charts', 'key-a')).status).toBe(429)
    expect((await get('/charts', 'key-b')).status).toBe(200)
    expect((await get('/apps', 'key-a')).status).toBe(200)
  })

  it('counts answers that are not 2xx, without usage headers on them', async () => {
    const { get } = appWith({ ...RATE_LIMITS, project_configuration: 2 }, 404)
    const first = await get('/apps')
    expect(first.status).toBe(404)
    expect(first.headers.get(USAGE_HEADER)).toBeNull()
    expect((await get('/apps')).status).toBe(404)
    expect((await get('/apps')).status).toBe(429)
  })

  it('does not count refused requests', () => {
    const clock = createFixedClock()
    const limiter = createRateLimiter(clock, { charts_metrics: 2 })
    for (let n = 0; n < 10; n++) limiter.hit('k', 'charts_metrics')
    expect(limiter.usage()).toMatchObject([{ apiKey: 'k', usage: 2, limit: 2 }])
  })

  it('leaves requests without an operation alone (control routes)', async () => {
    const { get, limiter } = appWith()
    const res = await get('/__sandbox/anything')
    expect(res.status).toBe(200)
    expect(res.headers.get(USAGE_HEADER)).toBeNull()
    expect(limiter.usage()).toEqual([])
  })

  it('lists open windows only, and forgets them on reset', () => {
    const clock = createFixedClock()
    const limiter = createRateLimiter(clock)
    limiter.hit('k', 'customer_information')
    expect(limiter.usage()).toEqual([
      {
        apiKey: 'k',
        domain: 'customer_information',
        usage: 1,
        limit: 480,
        resetsAt: clock.now().getTime() + 60_000,
      },
    ])
    clock.advance(60_000)
    expect(limiter.usage()).toEqual([])
    limiter.hit('k', 'customer_information')
    limiter.reset()
    expect(limiter.usage()).toEqual([])
  })

  it('scales or replaces the vendor limits per sandbox', () => {
    expect(resolveLimits()).toEqual(RATE_LIMITS)
    expect(resolveLimits({ scale: 10 })).toMatchObject({
      charts_metrics: 50,
      customer_information: 4800,
    })
    expect(resolveLimits({ scale: 0.5, limits: { charts_metrics: 7 } })).toMatchObject({
      charts_metrics: 7,
      project_configuration: 30,
    })
    expect(() => resolveLimits({ scale: 0 })).toThrow(/scale must be a number above 0/)
    expect(() => resolveLimits({ limits: { charts_metrics: 1.5 } })).toThrow(/whole number/)
  })
})

describe('a key with its own limit', () => {
  it('refuses its second request in any domain while other keys keep the domain limit', () => {
    const clock = createFixedClock()
    const limiter = createRateLimiter(clock, RATE_LIMITS, new Map([['slow', 1]]))
    expect(limiter.hit('slow', 'project_configuration')).toEqual({ ok: true, usage: 1, limit: 1 })
    expect(limiter.hit('slow', 'project_configuration')).toMatchObject({ ok: false, limit: 1 })
    expect(limiter.hit('slow', 'customer_information')).toEqual({ ok: true, usage: 1, limit: 1 })
    expect(limiter.hit('main', 'project_configuration')).toEqual({ ok: true, usage: 1, limit: 60 })
    clock.advance(60_000)
    expect(limiter.hit('slow', 'project_configuration')).toEqual({ ok: true, usage: 1, limit: 1 })
  })
})

describe('filling a window', () => {
  it('refuses the next request of that key in that domain only', () => {
    const limiter = createRateLimiter(createFixedClock(), RATE_LIMITS)
    limiter.fill('main', 'charts_metrics')
    expect(limiter.hit('main', 'charts_metrics')).toMatchObject({ ok: false, usage: 5, limit: 5 })
    expect(limiter.hit('other', 'charts_metrics')).toEqual({ ok: true, usage: 1, limit: 5 })
    expect(limiter.hit('main', 'customer_information')).toMatchObject({ ok: true })
  })
})

describe('the sandbox definitions of the limits', () => {
  const deps = { seed: 'default', clock: createFixedClock(), ids: createIds(1) }
  const limitsOf = (sandbox: unknown) => (sandbox as { limiter: RateLimiter }).limiter.limits

  it('raises the vendor limits a hundredfold in the embedded sandbox (S-15)', () => {
    const limits = limitsOf(revenuecat.sandbox.create(deps))
    for (const [domain, limit] of Object.entries(RATE_LIMITS))
      expect(limits[domain], domain).toBe(limit * SANDBOX_RATE_LIMIT_SCALE)
  })

  it('lifts them for load tests (sandbox --no-rate-limits), keeping a key’s own limit', () => {
    const sandbox = revenuecat.sandbox.create({ ...deps, liftRateLimits: true })
    const limits = limitsOf(sandbox)
    for (const domain of Object.keys(RATE_LIMITS))
      expect(limits[domain], domain).toBeGreaterThanOrEqual(1e9)
    const limiter = (sandbox as unknown as { limiter: RateLimiter }).limiter
    const rateLimited = sandbox.values.REVENUECAT_RATE_LIMITED_API_KEY ?? ''
    expect(limiter.hit(rateLimited, 'charts_metrics')).toMatchObject({ ok: true })
    expect(limiter.hit(rateLimited, 'charts_metrics')).toMatchObject({ ok: false })
  })
})
