import { describe, expect, it } from 'vitest'
import { loadContract } from '../../../contract/load-schemas.ts'
import { createFixedClock } from '../../../sandbox/clock.ts'
import { createApiApp, MAX_BODY_BYTES } from '../../../sandbox/create-api-app.ts'
import { createFaultInjector } from '../../../sandbox/faults.ts'
import { createIds } from '../../../sandbox/ids.ts'
import { createSelfCheckLog } from '../../../sandbox/self-check.ts'
import { adapty } from '../api.ts'
import { createAdaptySandbox } from './app.ts'
import { MAX_ID_LENGTH } from './errors.ts'
import { buildStores, readSeed } from './seed.ts'
import type { AdaptyStore } from './state/store.ts'

const contract = loadContract()
const seed = readSeed('default')
const main = seed.apps.find((a) => a.name === 'main')
const KEY = main?.apiKey ?? ''
const PROFILE = '/api/v2/server-side-api/profile/'
const STRIPE = '/api/v1/sdk/purchase/stripe/token/validate/'

function setup(apps?: ReadonlyMap<string, AdaptyStore>) {
  const lines: string[] = []
  const selfCheck = createSelfCheckLog()
  const faults = createFaultInjector(
    1,
    adapty.operations.map((op) => op.operationId),
  )
  const deps = { seed: 'default', clock: createFixedClock(), ids: createIds(1) }
  const app = createApiApp({
    api: adapty,
    sandbox: createAdaptySandbox(deps, apps ?? buildStores(seed, createFixedClock(), createIds(1))),
    contract,
    selfCheck,
    faults,
    log: (line) => lines.push(line),
  })
  const send = async (
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: RequestInit['body'] } = {},
  ) => {
    const res = await app.request(path, {
      ...init,
      headers: { authorization: `Api-Key ${KEY}`, ...init.headers },
      ...(init.body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit)
    const text = await res.text()
    return { status: res.status, type: res.headers.get('content-type'), text, json: safeJson(text) }
  }
  return { app, send, lines, selfCheck, faults }
}

function safeJson(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>
  } catch {
    return {}
  }
}

const json = (body: string, type = 'application/json') => ({
  method: 'POST',
  headers: { 'content-type': type },
  body,
})

describe('crashes', () => {
  it('logs and records a real crash (a broken store) as a self-check problem', async () => {
    const { send, lines, selfCheck } = setup(new Map([[KEY, {} as AdaptyStore]]))
    const res = await send(PROFILE, { headers: { 'adapty-customer-user-id': 'someone' } })
    expect(res.status).toBe(500)
    expect(res.json).toMatchObject({ error_code: 'server_error' })
    expect(lines.some((l) => l.startsWith('[sandbox] adapty crashed on GET'))).toBe(true)
    expect(selfCheck.problems).toHaveLength(1)
    expect(selfCheck.problems[0]).toMatch(/^GET \/api\/v2\/server-side-api\/profile\/ crashed: /)
  })
})

describe('unknown paths', () => {
  it('hints at the trailing slash only when the path lacks one', async () => {
    const { send } = setup()
    const without = await send('/api/v2/server-side-api/no-such-thing')
    const withSlash = await send('/api/v2/server-side-api/no-such-thing/')
    expect([without.status, withSlash.status]).toEqual([404, 404])
    expect(without.text).toContain('Paths end with a slash')
    expect(withSlash.text).not.toContain('slash')
    expect(withSlash.json).toMatchObject({ error_code: 'not_found', status_code: 404 })
  })
})

describe('request bodies', () => {
  it.each([
    ['text/plain', 'text/plain'],
    ['no content type', undefined],
    ['the JSON:API type', 'application/vnd.api+json'],
    ['a form', 'application/x-www-form-urlencoded'],
  ])('answers a JSON operation sent %s with 415 in the Adapty envelope', async (_, type) => {
    const { send, selfCheck } = setup()
    const res = await send(PROFILE, {
      method: 'POST',
      headers: type === undefined ? {} : { 'content-type': type },
      body: new TextEncoder().encode('{}'),
    })
    expect(res.status).toBe(415)
    expect(res.type).toBe('application/json')
    expect(res.json).toEqual({
      errors: [
        {
          source: 'non_field_errors',
          errors: [
            `Unsupported media type "${type ?? ''}" in request. Send "Content-Type: application/json".`,
          ],
        },
      ],
      error_code: 'unsupported_media_type',
      status_code: 415,
    })
    expect(selfCheck.problems).toEqual([])
  })

  it.each(['application/json', 'application/json; charset=utf-8', 'Application/JSON'])(
    'takes %s',
    async (type) => {
      const { send } = setup()
      expect((await send(PROFILE, json('{}', type))).status).toBe(200)
    },
  )

  it('keeps the Stripe operation on its JSON:API type: 415 for application/json, in JSON:API form', async () => {
    const { send, selfCheck } = setup()
    const body = JSON.stringify({
      data: { type: 'stripe_receipt_validation_result', attributes: {} },
    })
    const jsonApi = await send(STRIPE, json(body, 'application/vnd.api+json'))
    expect(jsonApi.status).toBe(400) // past the media type: the schema wants attributes
    const plain = await send(STRIPE, json(body))
    expect(plain.status).toBe(415)
    expect(plain.type).toBe('application/vnd.api+json')
    expect(plain.json).toEqual({
      errors: [
        {
          detail:
            'Unsupported media type "application/json" in request. Send "Content-Type: application/vnd.api+json".',
          source: { pointer: '' },
          status: '415',
        },
      ],
    })
    expect(selfCheck.problems).toEqual([])
  })

  it('answers a body that is not valid UTF-8 with 400 parse_error', async () => {
    const { send } = setup()
    const bytes = new Uint8Array([...new TextEncoder().encode('{"first_name":"'), 0xff, 0x22, 0x7d])
    const res = await send(PROFILE, { ...json(''), body: bytes })
    expect(res.status).toBe(400)
    expect(res.json).toMatchObject({
      error_code: 'parse_error',
      errors: [{ errors: ['JSON parse error - the body is not valid UTF-8.'] }],
    })
  })

  it('answers a body with a byte order mark with 400 parse_error, as Python json does', async () => {
    const { send } = setup()
    const res = await send(PROFILE, json('\uFEFF{}'))
    expect(res.status).toBe(400)
    expect(res.json).toMatchObject({ error_code: 'parse_error' })
  })

  it.each([
    ['a field', '{"first_name":"a\\u0000b"}', 'first_name'],
    [
      'a nested value',
      '{"custom_attributes":[{"key":"k","value":"\\u0000"}]}',
      'custom_attributes.0.value',
    ],
    ['a key', '{"installation_meta":{"a\\u0000":"x"}}', 'installation_meta.a\\u0000'],
  ])('answers NUL inside %s with 400 validation_error naming it', async (_, body, source) => {
    const { send } = setup()
    const res = await send(PROFILE, json(body))
    expect(res.status).toBe(400)
    expect(res.json).toEqual({
      errors: [{ source, errors: ['Null characters are not allowed.'] }],
      error_code: 'validation_error',
      status_code: 400,
    })
  })

  it('points the JSON:API error at a NUL in a Stripe attribute', async () => {
    const { send } = setup()
    const body = '{"data":{"type":"x","attributes":{"customer_user_id":"a\\u0000"}}}'
    const res = await send(STRIPE, json(body, 'application/vnd.api+json'))
    expect(res.status).toBe(400)
    expect(res.json).toMatchObject({
      errors: [{ source: { pointer: '/data/attributes/customer_user_id' }, status: '400' }],
    })
  })

  it('stops reading an endless chunked body at the limit and answers 413', async () => {
    const { send } = setup()
    let sent = 0
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 64 * 1024
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x20))
      },
    })
    const res = await send(PROFILE, { ...json(''), body: endless })
    expect(res.status).toBe(413)
    expect(sent).toBeLessThan(MAX_BODY_BYTES + 256 * 1024)
  })
})

describe('identification headers', () => {
  it('answers a customer user id over the limit with 400 naming the header', async () => {
    const { send, selfCheck } = setup()
    const long = 'u'.repeat(15 * 1024)
    const res = await send(PROFILE, {
      ...json('{}'),
      headers: { 'content-type': 'application/json', 'adapty-customer-user-id': long },
    })
    expect(res.status).toBe(400)
    expect(res.json).toEqual({
      errors: [
        {
          source: 'adapty-customer-user-id',
          errors: [`Ensure this header has no more than 255 characters (it has ${long.length}).`],
        },
      ],
      error_code: 'validation_error',
      status_code: 400,
    })
    expect(selfCheck.problems).toEqual([])
  })

  it('takes a customer user id of exactly the limit', async () => {
    const { send } = setup()
    const res = await send(PROFILE, {
      ...json('{}'),
      headers: {
        'content-type': 'application/json',
        'adapty-customer-user-id': 'u'.repeat(MAX_ID_LENGTH),
      },
    })
    expect(res.status).toBe(200)
  })

  it('answers its not-found error where the operation documents no 400 (getProfile)', async () => {
    const { send, selfCheck } = setup()
    const res = await send(PROFILE, { headers: { 'adapty-customer-user-id': 'u'.repeat(300) } })
    expect(res.status).toBe(404)
    expect(res.json).toMatchObject({ error_code: 'profile_does_not_exist' })
    expect(selfCheck.problems).toEqual([])
  })
})

describe('listPaywalls page numbers', () => {
  it('answers a page number past 2^53 with an empty page that echoes it exactly', async () => {
    const { send, selfCheck } = setup()
    const res = await send('/api/v2/server-side-api/paywalls/?page[number]=99999999999999999999')
    expect(res.status).toBe(200)
    expect(res.text).toContain('"page":99999999999999999999,')
    const { data, meta } = res.json as {
      data: unknown[]
      meta: { pagination: { count: number; pages: number } }
    }
    expect(data).toEqual([])
    expect(meta.pagination.count).toBeGreaterThan(0)
    expect(meta.pagination.pages).toBe(Math.ceil(meta.pagination.count / 20))
    expect(selfCheck.problems).toEqual([])
  })

  it.each(['0', '-1', 'abc', '1.5', '00'])('still refuses page[number]=%s', async (page) => {
    const { send } = setup()
    const res = await send(`/api/v2/server-side-api/paywalls/?page[number]=${page}`)
    expect(res.status).toBe(400)
    expect(res.json).toMatchObject({ errors: [{ source: 'page[number]' }] })
  })
})

describe('the fault control endpoint', () => {
  it.each([
    [{ operationId: 'getProfil', kind: '429' }, 'unknown operation "getProfil"', 'getProfile'],
    [{ operationId: 'getProfile', kind: '492' }, 'unknown kind "492"', '429'],
    [{ operationId: 'getProfile', kind: '429', time: 3 }, 'unknown key "time"', 'times'],
  ])('refuses %j with 400 and a "did you mean"', async (rule, what, near) => {
    const { app, faults } = setup()
    const res = await app.request('/__sandbox/faults', {
      method: 'POST',
      headers: { authorization: `Api-Key ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(rule),
    })
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: string; hint: string }
    expect(body.error).toBe(`Failed to add a fault: ${what}.`)
    expect(body.hint).toContain(`did you mean "${near}"?`)
    expect(faults.list()).toEqual([])
  })

  it('adds nothing of a list with one bad rule: the whole request is refused', async () => {
    const { app, faults } = setup()
    const res = await app.request('/__sandbox/faults', {
      method: 'POST',
      headers: { authorization: `Api-Key ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        rules: [
          { operationId: 'getProfile', kind: '503', times: 1 },
          { operationId: 'getProfil', kind: '429' },
        ],
      }),
    })
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: string; hint: string }
    expect(body.error).toBe('Failed to add a fault: unknown operation "getProfil".')
    expect(body.hint).toContain('did you mean "getProfile"?')
    expect(body.hint).toContain('operation ids are listed by `npx subcontract list`')
    expect(faults.list()).toEqual([])
  })

  it('adds every rule of a good list and lists them', async () => {
    const { app, faults } = setup()
    const rules = [
      { operationId: 'getProfile', kind: '503', times: 1 },
      { operationId: '*', kind: 'latency', delayMs: 1 },
    ]
    const res = await app.request('/__sandbox/faults', {
      method: 'POST',
      headers: { authorization: `Api-Key ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ rules }),
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ rules })
    expect(faults.list()).toEqual(rules)
  })
})

describe('the self-check endpoint', () => {
  it('is served by the pipeline and lists what the self-check recorded', async () => {
    const { app, send } = setup(new Map([[KEY, {} as AdaptyStore]]))
    await send(PROFILE, { headers: { 'adapty-customer-user-id': 'someone' } })
    const res = await app.request('/__sandbox/self-check', {
      headers: { authorization: `Api-Key ${KEY}` },
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { enabled: boolean; problems: string[]; dropped: number }
    expect(body).toMatchObject({ enabled: true, dropped: 0 })
    expect(body.problems).toHaveLength(1)
    expect(body.problems[0]).toMatch(/crashed: /)
  })
})
