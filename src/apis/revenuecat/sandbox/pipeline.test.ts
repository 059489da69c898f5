// The RevenueCat sandbox inside the shared pipeline (create-api-app), with the self-check on:
// its error answers must pass the project's own RevenueCat contract.
import { describe, expect, it } from 'vitest'
import type { SelfCheckLog } from '../../../sandbox/self-check.ts'
import { LIMIT_HEADER, USAGE_HEADER } from './rate-limits.ts'
import { revenueCatPipeline } from './test-pipeline.ts'

// Until the pipeline counts 501 among the statuses any operation may answer (as it does 405 and
// 413), the self-check flags every not-emulated answer; only other problems count here.
const NOT_EMULATED = 'status 501 is not documented'
const problemsOf = (log: SelfCheckLog) => log.problems.filter((p) => !p.includes(NOT_EMULATED))

const setup = () => revenueCatPipeline()

describe('RevenueCat sandbox in the shared pipeline', () => {
  it('answers 401 without a key, in an envelope the contract accepts', async () => {
    const { app, project, selfCheck } = setup()
    const res = await app.request(`/v2/projects/${project}/customers`)
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ object: 'error', type: 'authentication_error' })
    expect(problemsOf(selfCheck)).toEqual([])
  })

  it('answers 401 for the wrong scheme and for an unknown key', async () => {
    const { app, project, request, selfCheck } = setup()
    const wrongScheme = await app.request(`/v2/projects/${project}/customers`, {
      headers: { authorization: 'Api-Key whatever' },
    })
    expect(wrongScheme.status).toBe(401)
    const unknown = await request(`/v2/projects/${project}/customers`, {}, 'sk_nope')
    expect(unknown.status).toBe(401)
    expect(problemsOf(selfCheck)).toEqual([])
  })

  it('answers 403 naming the missing scope, in an envelope the contract accepts', async () => {
    const { request, project, selfCheck, values } = setup()
    const res = await request(
      `/v2/projects/${project}/customers`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":"c1"}' },
      values.REVENUECAT_READ_ONLY_API_KEY,
    )
    expect(res.status).toBe(403)
    const body = (await res.json()) as { type: string; message: string }
    expect(body.type).toBe('authorization_error')
    expect(body.message).toContain('customer_information:customers:read_write')
    expect(problemsOf(selfCheck)).toEqual([])
  })

  it('answers 404 for a project the key does not open', async () => {
    const { request, selfCheck, values } = setup()
    const res = await request(`/v2/projects/${values.REVENUECAT_OTHER_PROJECT_ID}/apps`)
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ type: 'resource_missing' })
    expect(problemsOf(selfCheck)).toEqual([])
  })

  it('answers 404 resource_missing for a path that is no operation', async () => {
    const { request } = setup()
    const res = await request('/v2/nothing/here')
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ object: 'error', type: 'resource_missing' })
  })

  it('answers 405 invalid_request with Allow for a wrong method', async () => {
    const { request, project } = setup()
    const res = await request(`/v2/projects/${project}/customers`, { method: 'PUT' })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('GET, POST')
    expect(await res.json()).toMatchObject({ type: 'invalid_request' })
  })

  it('answers 400 invalid_request for a body without application/json', async () => {
    const { request, project, selfCheck } = setup()
    const res = await request(`/v2/projects/${project}/customers`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"id":"c1"}',
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ type: 'invalid_request', retryable: false })
    expect(problemsOf(selfCheck)).toEqual([])
  })

  it('answers 400 invalid_request for a body that is not JSON', async () => {
    const { request, project, selfCheck } = setup()
    const res = await request(`/v2/projects/${project}/customers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"id":',
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ type: 'invalid_request' })
    expect(problemsOf(selfCheck)).toEqual([])
  })

  it('answers 429 at the real charts_metrics limit with headers the contract requires', async () => {
    const { request, project, clock, selfCheck, values } = setup()
    const overview = `/v2/projects/${project}/metrics/overview`
    const key = values.REVENUECAT_CHARTS_API_KEY
    for (let n = 0; n < 5; n++) await request(overview, {}, key)
    const refused = await request(overview, {}, key)
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBe('60')
    expect(refused.headers.get(USAGE_HEADER)).toBe('5')
    expect(refused.headers.get(LIMIT_HEADER)).toBe('5')
    expect(await refused.json()).toMatchObject({ type: 'rate_limit_error', backoff_ms: 60_000 })
    expect(problemsOf(selfCheck)).toEqual([])
    clock.advance(60_000)
    expect((await request(overview, {}, key)).status).not.toBe(429)
  })

  it('routes /customers/blocked_customers to the beta block list, not to a customer of that id', async () => {
    const { request, project, selfCheck } = setup()
    const res = await request(`/v2/projects/${project}/customers/blocked_customers`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ object: 'blocked_customer' })
    // The static segment wins for the block and unblock paths too.
    const customer = 'subcontract-seed-active'
    const path = `/v2/projects/${project}/customers/blocked_customers/${customer}`
    expect((await request(path, { method: 'POST' })).status).toBe(200)
    expect(
      await (await request(`/v2/projects/${project}/customers/blocked_customers`)).json(),
    ).toEqual({
      object: 'blocked_customer',
      [customer]: { updated_at_ms: expect.any(Number) },
    })
    expect((await request(path, { method: 'DELETE' })).status).toBe(204)
    expect(problemsOf(selfCheck)).toEqual([])
  })
})
