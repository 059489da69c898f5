import { type Context, Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { ApiDefinition } from '../api/api-definition.ts'
import { adapty } from '../apis/adapty/api.ts'
import { OPERATIONS } from '../apis/all.ts'
import { type Check, failure } from '../contract/checks/types.ts'
import { loadContract } from '../contract/load-schemas.ts'
import { createSelfCheck, createSelfCheckLog } from './self-check.ts'

const contract = loadContract()

function appReturning(body: unknown, status = 200, api: ApiDefinition = adapty) {
  const log = createSelfCheckLog()
  const app = new Hono<{ Variables: { op: unknown } }>()
  app.use('*', async (c, next) => {
    c.set('op', OPERATIONS.get('adapty', 'getPaywall'))
    await next()
  })
  app.use('*', createSelfCheck(api, contract, log))
  app.get('*', (c) => c.json(body as object, status as 200))
  return { app, log }
}

describe('sandbox self-check', () => {
  it('passes a response that keeps the contract through untouched', async () => {
    const body = {
      errors: [{ source: null, errors: ['Paywall not found'] }],
      error_code: 'paywall_does_not_exist',
      status_code: 404,
    }
    const { app, log } = appReturning(body, 404)
    const res = await app.request('/x')
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual(body)
    expect(log.problems).toEqual([])
  })

  it('turns a response that breaks the contract into a 500 naming the failure, and records it', async () => {
    const { app, log } = appReturning({ title: 'no id' })
    const res = await app.request('/x')
    expect(res.status).toBe(500)
    expect(res.headers.get('x-sandbox-self-check')).toBe('failed')
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const body = (await res.json()) as {
      error_code: string
      status_code: number
      errors: Array<{ source: string; errors: string[] }>
    }
    expect(body.error_code).toBe('sandbox_self_check_failed')
    expect(body.status_code).toBe(500)
    expect(body.errors[0]?.source).toBe('sandbox_self_check')
    expect(body.errors[0]?.errors[0]).toContain('paywall_id')
    expect(log.problems).toHaveLength(1)
    expect(log.problems[0]).toMatch(/^getPaywall: /)
  })

  it("also runs the API's own checks, and answers their failure in the API's envelope", async () => {
    const own: Check = {
      name: 'own-envelope',
      run: (ctx) => [failure(ctx, 'own-envelope', { message: 'the API-specific check failed' })],
    }
    const body = {
      errors: [{ source: null, errors: ['Paywall not found'] }],
      error_code: 'paywall_does_not_exist',
      status_code: 404,
    }
    const { app, log } = appReturning(body, 404, { ...adapty, contract: { checks: [own] } })
    const res = await app.request('/x')
    expect(res.status).toBe(500)
    expect(res.headers.get('x-sandbox-self-check')).toBe('failed')
    const answer = (await res.json()) as { error_code: string; errors: Array<{ errors: string[] }> }
    expect(answer.error_code).toBe('sandbox_self_check_failed')
    expect(answer.errors[0]?.errors[0]).toContain('the API-specific check failed')
    expect(log.problems).toHaveLength(1)
  })

  it('flags an undocumented status', async () => {
    const { app, log } = appReturning({}, 418 as 200)
    const res = await app.request('/x')
    expect(res.status).toBe(500)
    expect(log.problems[0]).toContain('status 418 is not documented')
  })
})

describe('what the self-check reads', () => {
  const paywall = {
    title: 'Main',
    paywall_id: '11111111-1111-4111-8111-111111111111',
    use_paywall_builder: false,
    use_paywall_builder_legacy: false,
    updated_at: '2026-01-01T00:00:00.000Z',
    created_at: '2026-01-01T00:00:00.000Z',
    state: 'live',
    is_deleted: false,
    products: [],
  }

  /** An app whose handler answers with `answer`, and the log's read statistics. */
  function appAnswering(answer: (c: Context) => Response | Promise<Response>) {
    const log = createSelfCheckLog()
    const app = new Hono<{ Variables: { op: unknown } }>()
    app.use('*', async (c, next) => {
      c.set('op', OPERATIONS.get('adapty', 'getPaywall'))
      await next()
    })
    app.use('*', createSelfCheck(adapty, contract, log))
    app.get('*', (c) => answer(c))
    return { app, log }
  }

  it('checks the object given to c.json, without copying the response', async () => {
    const { app, log } = appAnswering((c) => c.json({ title: 'no id' }))
    const res = await app.request('/x')
    expect(res.status).toBe(500)
    expect(log.problems[0]).toContain('paywall_id')
    expect(log.stats).toEqual({ captured: 1, copied: 0 })
  })

  it('checks the text given to c.body, parsed, without copying the response', async () => {
    const { app, log } = appAnswering((c) =>
      c.body(JSON.stringify({ title: 'no id' }), 200, { 'content-type': 'application/json' }),
    )
    expect((await app.request('/x')).status).toBe(500)
    expect(log.problems[0]).toContain('paywall_id')
    expect(log.stats).toEqual({ captured: 1, copied: 0 })
  })

  it('copies and re-reads a response built some other way, and still checks it', async () => {
    const { app, log } = appAnswering(
      () =>
        new Response(JSON.stringify({ title: 'no id' }), {
          headers: { 'content-type': 'application/json' },
        }),
    )
    expect((await app.request('/x')).status).toBe(500)
    expect(log.problems[0]).toContain('paywall_id')
    expect(log.stats).toEqual({ captured: 0, copied: 1 })
  })

  it('judges what goes on the wire when the object says more than JSON can', async () => {
    // A Date serialises to a string, and an undefined property is left out: the object alone
    // breaks the contract (a Date is not a string), the wire body keeps it.
    const { app, log } = appAnswering((c) =>
      c.json({ ...paywall, web_purchase_url: undefined, created_at: new Date(0) }),
    )
    const res = await app.request('/x')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ...paywall, created_at: '1970-01-01T00:00:00.000Z' })
    expect(log.problems).toEqual([])
  })

  it('sees headers a later middleware sets on the answer in place', async () => {
    const own: Check = {
      name: 'needs-header',
      run: (ctx) =>
        ctx.exchange.response.headers['x-later'] === 'yes'
          ? []
          : [failure(ctx, 'needs-header', { message: 'x-later is missing' })],
    }
    const log = createSelfCheckLog()
    const app = new Hono<{ Variables: { op: unknown } }>()
    app.use('*', async (c, next) => {
      c.set('op', OPERATIONS.get('adapty', 'getPaywall'))
      await next()
    })
    app.use('*', createSelfCheck({ ...adapty, contract: { checks: [own] } }, contract, log))
    app.use('*', async (c, next) => {
      await next()
      c.res.headers.set('x-later', 'yes')
    })
    app.get('*', (c) => c.json(paywall))
    const res = await app.request('/x')
    expect(res.status).toBe(200)
    expect(log.problems).toEqual([])
    expect(log.stats).toEqual({ captured: 1, copied: 0 })
  })
})

describe('the self-check log', () => {
  it('keeps the first problems, counts the rest, and says so in a last line', () => {
    const log = createSelfCheckLog(3)
    for (let i = 1; i <= 7; i++) log.record(`problem ${i}`)
    expect(log.dropped).toBe(4)
    expect(log.problems).toEqual([
      'problem 1',
      'problem 2',
      'problem 3',
      '… and 4 more problem(s), dropped: only the first 3 are kept.',
    ])
  })

  it('keeps 100 by default, so a flood of problems cannot grow it without bound', () => {
    const log = createSelfCheckLog()
    for (let i = 0; i < 10_000; i++) log.record(`problem ${i}`)
    expect(log.problems).toHaveLength(101)
    expect(log.problems.at(-1)).toBe(
      '… and 9900 more problem(s), dropped: only the first 100 are kept.',
    )
  })

  it('has no extra line while nothing was dropped', () => {
    const log = createSelfCheckLog(2)
    log.record('one')
    log.record('two')
    expect(log.problems).toEqual(['one', 'two'])
    expect(log.dropped).toBe(0)
  })
})
