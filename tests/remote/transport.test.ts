// Retries, timeouts and transport errors over real loopback sockets, against the sandbox with
// injected faults. Waits between attempts go through a recording sleep: nothing here sleeps.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { adapty } from '../../src/apis/adapty/api.ts'
import { OPERATIONS } from '../../src/apis/all.ts'
import { revenuecat } from '../../src/apis/revenuecat/api.ts'
import { loadContract } from '../../src/contract/load-schemas.ts'
import { validateExchange } from '../../src/contract/validate-exchange.ts'
import { type Client, createClient } from '../../src/http/create-client.ts'
import { HttpError } from '../../src/http/http-error.ts'
import { createSandbox, type Sandbox, type SandboxApi } from '../../src/sandbox/create-sandbox.ts'

let sandbox: Sandbox
let client: Client
const waits: number[] = []

/** The sandbox's Adapty API. */
function served(): SandboxApi {
  const api = sandbox.apis.adapty
  if (api === undefined) throw new Error('the sandbox does not serve adapty')
  return api
}

/** The sandbox's RevenueCat API. */
function servedRevenueCat(): SandboxApi {
  const api = sandbox.apis.revenuecat
  if (api === undefined) throw new Error('the sandbox does not serve revenuecat')
  return api
}

/** A client of the sandbox's RevenueCat API, with the same recording sleep as clientWith. */
function revenuecatClient(): Client {
  return createClient({
    api: revenuecat,
    baseUrl: servedRevenueCat().url,
    authorization: `${revenuecat.auth.scheme} ${servedRevenueCat().apiKey}`,
    retry: { baseDelayMs: 100, maxAttempts: 4, random: () => 0.5 },
    sleep: async (ms) => {
      waits.push(ms)
    },
  })
}

/** The path of the seeded customer RevenueCat's read-only tests use. */
const seededCustomer = () => ({
  project_id: servedRevenueCat().values.REVENUECAT_PROJECT_ID ?? '',
  customer_id: servedRevenueCat().values.REVENUECAT_CUSTOMER_ID ?? '',
})

const customer = () => ({
  'adapty-customer-user-id': served().values.ADAPTY_CUSTOMER_USER_ID ?? '',
})

function clientWith(
  overrides: Parameters<typeof createClient>[0]['timeouts'] = {},
  maxAttempts = 4,
): Client {
  return createClient({
    api: adapty,
    baseUrl: served().url,
    authorization: `${adapty.auth.scheme} ${served().apiKey}`,
    retry: { baseDelayMs: 100, maxAttempts, random: () => 0.5 },
    timeouts: overrides,
    sleep: async (ms) => {
      waits.push(ms)
    },
  })
}

async function transportError(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(HttpError)
  return error as HttpError
}

// One sandbox, both APIs, for every case of this file.
beforeAll(async () => {
  sandbox = await createSandbox({ apis: [adapty, revenuecat] })
})
afterAll(() => sandbox.close())

describe('transport against a misbehaving sandbox', () => {
  beforeAll(() => {
    client = clientWith()
  })
  afterAll(() => client.close())
  beforeEach(() => {
    sandbox.faults.clear()
    waits.length = 0
  })

  it('rides out a 429 storm, honouring Retry-After, and says so in the exchange', async () => {
    sandbox.faults.add({ operationId: 'getProfile', kind: '429', times: 3, retryAfterSeconds: 2 })
    const res = await client.call('getProfile', { headers: customer() })
    expect(res.response.status).toBe(200)
    expect(res.attempts).toBe(4)
    expect(res.retries?.map((r) => r.outcome)).toEqual(['status 429', 'status 429', 'status 429'])
    expect(waits).toEqual([2000, 2000, 2000])
  })

  it('reports a 429 that outlasts the retries as a transport error, not a contract failure', async () => {
    sandbox.faults.add({ operationId: 'getProfile', kind: '429', times: 10, retryAfterSeconds: 0 })
    const error = await transportError(client.call('getProfile', { headers: customer() }))
    expect(error.code).toBe('HTTP_RETRIES_EXHAUSTED')
    expect(error.attempts).toHaveLength(4)
  })

  it('reports a 429 whose Retry-After outlasts the budget as a transport error, without waiting', async () => {
    sandbox.faults.add({ operationId: 'getProfile', kind: '429', times: 1, retryAfterSeconds: 60 })
    const error = await transportError(client.call('getProfile', { headers: customer() }))
    expect(error.code).toBe('HTTP_RETRIES_EXHAUSTED')
    expect(error.message).toContain('would pass the retry budget of 30000 ms')
    expect(error.attempts).toHaveLength(1)
    expect(waits).toEqual([])
  })

  it('hands a 429 back as the answer only when the caller asked for noRetry', async () => {
    sandbox.faults.add({ operationId: 'getProfile', kind: '429', times: 1, retryAfterSeconds: 60 })
    const res = await client.call('getProfile', { headers: customer(), noRetry: true })
    expect(res.response.status).toBe(429)
    expect(res.attempts).toBe(1)
  })

  it('retries a 503 on a GET with capped exponential backoff', async () => {
    sandbox.faults.add({ operationId: 'getProfile', kind: '503', times: 2 })
    const res = await client.call('getProfile', { headers: customer() })
    expect(res.response.status).toBe(200)
    expect(res.attempts).toBe(3)
    expect(waits).toEqual([50, 100])
  })

  it('does not retry a 503 on a POST without an Idempotency-Key', async () => {
    sandbox.faults.add({ operationId: 'createProfile', kind: '503', times: 1 })
    const res = await client.call('createProfile', {
      headers: { 'adapty-customer-user-id': 'transport-503' },
      body: {},
    })
    expect(res.response.status).toBe(503)
    expect(res.attempts).toBe(1)
  })

  it('reports a reset on a POST without an Idempotency-Key as a transport error, without retrying', async () => {
    sandbox.faults.add({ operationId: 'createProfile', kind: 'reset', times: 1 })
    const error = await transportError(
      client.call('createProfile', {
        headers: { 'adapty-customer-user-id': 'transport-reset' },
        body: {},
      }),
    )
    expect(error.code).toBe('HTTP_CONNECTION')
    expect(error.message).toContain('not retried: the request is not idempotent')
    expect(error.attempts).toHaveLength(1)
  })

  it('retries a reset on a POST that carries an Idempotency-Key', async () => {
    sandbox.faults.add({ operationId: 'createVirtualCurrencyTransaction', kind: 'reset', times: 1 })
    const res = await client.call('createVirtualCurrencyTransaction', {
      headers: { ...customer(), 'idempotency-key': '3b7d2f1e-4a5c-4d6e-8f90-1a2b3c4d5e6f' },
      body: { items: [{ currency_code: 'COINS', amount: 5 }] },
    })
    expect(res.response.status).toBe(200)
    expect(res.attempts).toBe(2)
  })

  it('bounds a slow body by the body timeout and reports HTTP_TIMEOUT', async () => {
    sandbox.faults.add({ operationId: 'getProfile', kind: 'slow-body', times: 5, delayMs: 5000 })
    const impatient = clientWith({ bodyMs: 150 }, 2)
    try {
      const error = await transportError(impatient.call('getProfile', { headers: customer() }))
      expect(error.code).toBe('HTTP_TIMEOUT')
      expect(error.attempts).toHaveLength(2)
    } finally {
      await impatient.close()
    }
  })

  it('returns a truncated body as an answer whose contract check fails, not as a transport error', async () => {
    sandbox.faults.add({ operationId: 'getProfile', kind: 'truncate', times: 1 })
    const res = await client.call('getProfile', { headers: customer() })
    const op = OPERATIONS.get('adapty', 'getProfile')
    const failures = validateExchange(loadContract(), op, res, 200)
    expect(failures).toContainEqual(expect.objectContaining({ check: 'body-presence' }))
  })

  it('adds latency without changing the answer', async () => {
    sandbox.faults.add({ operationId: 'getProfile', kind: 'latency', times: 1, delayMs: 20 })
    const res = await client.call('getProfile', { headers: customer() })
    expect(res.response.status).toBe(200)
    expect(res.attempts).toBe(1)
  })

  it('takes fault rules over the control endpoint and rejects a bad one with a reason', async () => {
    const post = (body: unknown) =>
      fetch(`${new URL(served().url).origin}/__sandbox/faults`, {
        method: 'POST',
        headers: {
          authorization: `Api-Key ${served().apiKey}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      })
    const good = await post({
      rules: [{ operationId: 'listPaywalls', kind: 'malformed', times: 1 }],
    })
    expect(good.status).toBe(200)
    const bad = await post({ operationId: 'listPaywalls', kind: 'explode' })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({
      error: expect.stringContaining('unknown kind "explode"'),
    })
    const res = await client.call('listPaywalls')
    expect(res.response.jsonError).toBeDefined()
  })
})

describe('RevenueCat transport against a misbehaving sandbox', () => {
  let rc: Client
  beforeAll(async () => {
    rc = revenuecatClient()
  })
  afterAll(async () => {
    await rc.close()
  })
  beforeEach(() => {
    sandbox.faults.clear()
    waits.length = 0
  })

  it('rides out 429s honouring Retry-After, whose backoff_ms says the same wait', async () => {
    sandbox.faults.add({ operationId: 'get-customer', kind: '429', times: 2, retryAfterSeconds: 3 })
    // What the client reads: the vendor's header and its body's backoff_ms agree.
    const raw = await rc.call('get-customer', { path: seededCustomer(), noRetry: true })
    expect(raw.response.status).toBe(429)
    expect(raw.response.headers['retry-after']).toBe('3')
    expect(raw.response.json).toMatchObject({ type: 'rate_limit_error', backoff_ms: 3000 })
    const res = await rc.call('get-customer', { path: seededCustomer() })
    expect(res.response.status).toBe(200)
    expect(res.attempts).toBe(2)
    expect(res.retries?.map((r) => r.outcome)).toEqual(['status 429'])
    expect(waits).toEqual([3000])
  })

  it('waits backoff_ms when an answer has no Retry-After, instead of its own backoff', async () => {
    // RevenueCat's 503 server_error carries backoff_ms (1000) and no Retry-After; the client's
    // own backoff would be 50 ms (random 0.5 × base 100 ms).
    sandbox.faults.add({ operationId: 'get-customer', kind: '503', times: 2 })
    const res = await rc.call('get-customer', { path: seededCustomer() })
    expect(res.response.status).toBe(200)
    expect(res.attempts).toBe(3)
    expect(res.retries?.map((r) => r.outcome)).toEqual(['status 503', 'status 503'])
    expect(waits).toEqual([1000, 1000])
  })

  it('retries a 429 on a POST (the server did not act), honouring Retry-After', async () => {
    sandbox.faults.add({
      operationId: 'create-customer',
      kind: '429',
      times: 1,
      retryAfterSeconds: 1,
    })
    const res = await rc.call('create-customer', {
      path: { project_id: seededCustomer().project_id },
      body: { id: 'subcontract-transport-429' },
    })
    expect(res.response.status).toBe(201)
    expect(res.attempts).toBe(2)
    expect(waits).toEqual([1000])
  })

  it('reports a 429 whose Retry-After outlasts the budget as a transport error, without waiting', async () => {
    sandbox.faults.add({
      operationId: 'get-customer',
      kind: '429',
      times: 1,
      retryAfterSeconds: 60,
    })
    const error = await transportError(rc.call('get-customer', { path: seededCustomer() }))
    expect(error.code).toBe('HTTP_RETRIES_EXHAUSTED')
    expect(error.message).toContain('would pass the retry budget of 30000 ms')
    expect(waits).toEqual([])
  })

  it('takes RevenueCat fault rules over the control endpoint with its Bearer key', async () => {
    const res = await fetch(`${new URL(servedRevenueCat().url).origin}/__sandbox/faults`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${servedRevenueCat().apiKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        rules: [{ operationId: 'list-customers', kind: '429', times: 1, retryAfterSeconds: 2 }],
      }),
    })
    expect(res.status, await res.clone().text()).toBe(200)
    const listed = await rc.call('list-customers', {
      path: { project_id: seededCustomer().project_id },
    })
    expect(listed.response.status).toBe(200)
    expect(waits).toEqual([2000])
  })
})
