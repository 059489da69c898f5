import { describe, expect, it } from 'vitest'
import { OPERATIONS } from '../apis/all.ts'
import type { Exchange } from '../exchange.ts'
import { parseBody } from '../exchange.ts'
import { type Check, failure } from './checks/types.ts'
import { formatFailures } from './failure.ts'
import { loadContract } from './load-schemas.ts'
import { validateExchange } from './validate-exchange.ts'

const contract = loadContract()
const strict = loadContract({ strictExtraFields: true })
const getProfile = OPERATIONS.get('adapty', 'getProfile')
const deleteProfile = OPERATIONS.get('adapty', 'deleteProfile')

function profileBody() {
  return {
    data: {
      app_id: '5d3f1c2a-8b7e-4f60-9a1d-2c4e6f8a0b13',
      profile_id: '6a0e5b1c-3d2f-4e8a-9b7c-1f0d2e3c4b5a',
      customer_user_id: 'user-1',
      total_revenue_usd: 9.99,
      segment_hash: 'abc',
      timestamp: 1768478400000,
      custom_attributes: [{ key: 'level', value: 3 }],
      access_levels: [
        {
          access_level_id: 'premium',
          store: 'app_store',
          store_product_id: 'monthly',
          store_base_plan_id: null,
          store_transaction_id: 't1',
          store_original_transaction_id: 't1',
          offer: { category: 'introductory', type: 'free_trial', id: null },
          starts_at: '2026-01-15T12:00:00.000Z',
          purchased_at: '2026-01-15T12:00:00.000Z',
          originally_purchased_at: '2026-01-15T12:00:00.000Z',
          expires_at: '2026-02-15T12:00:00.000Z',
          renewal_cancelled_at: null,
          billing_issue_detected_at: null,
          is_in_grace_period: false,
          cancellation_reason: null,
        },
      ],
      subscriptions: [],
      non_subscriptions: [],
    },
  }
}

type Body = ReturnType<typeof profileBody>

function exchange(
  body: unknown,
  options: { status?: number; contentType?: string; raw?: string; operationId?: string } = {},
): Exchange {
  const bodyText = options.raw ?? JSON.stringify(body)
  return {
    api: 'adapty',
    operationId: options.operationId ?? 'getProfile',
    request: {
      method: 'GET',
      url: 'http://127.0.0.1/api/v2/server-side-api/profile/',
      headers: {},
    },
    response: {
      status: options.status ?? 200,
      headers: { 'content-type': options.contentType ?? 'application/json', 'x-extra': 'yes' },
      bodyText,
      ...parseBody(bodyText),
    },
    durationMs: 1,
    attempts: 1,
  }
}

function mutated(mutate: (body: Body) => void): Body {
  const body = profileBody()
  mutate(body)
  return body
}

const level = (b: Body) => b.data.access_levels[0] as Record<string, unknown>

describe('validateExchange', () => {
  it('accepts a conforming profile response', () => {
    expect(validateExchange(contract, getProfile, exchange(profileBody()), 200)).toEqual([])
  })

  it.each([
    ['an unknown extra field', (b: Body) => Object.assign(b.data, { new_field: 1 })],
    [
      'an unknown nested field',
      (b: Body) => Object.assign(level(b), { environment: 'Production', extra: true }),
    ],
    [
      'another key order',
      (b: Body) => Object.assign(b, { data: Object.fromEntries(Object.entries(b.data).reverse()) }),
    ],
    ['null in a nullable field', (b: Body) => Object.assign(b.data, { customer_user_id: null })],
  ])('accepts an additive change: %s', (_, mutate) => {
    expect(validateExchange(contract, getProfile, exchange(mutated(mutate)), 200)).toEqual([])
  })

  it.each([
    [
      'a missing required field',
      (b: Body) => Reflect.deleteProperty(b.data, 'profile_id'),
      'required',
      '/data/profile_id',
    ],
    [
      'a wrong type',
      (b: Body) => Object.assign(b.data, { total_revenue_usd: '9.99' }),
      'type',
      '/data/total_revenue_usd',
    ],
    [
      'null where null is not allowed',
      (b: Body) => Object.assign(b.data, { access_levels: null }),
      'type',
      '/data/access_levels',
    ],
    [
      'an unknown enum value',
      (b: Body) =>
        Object.assign(level(b), { offer: { category: 'x', type: 'free_trial', id: null } }),
      'enum',
      '/data/access_levels/0/offer/category',
    ],
    [
      'a malformed uuid',
      (b: Body) => Object.assign(b.data, { profile_id: 'not-a-uuid' }),
      'format',
      '/data/profile_id',
    ],
    [
      'a malformed date-time',
      (b: Body) => Object.assign(level(b), { expires_at: '2026-02-15' }),
      'format',
      '/data/access_levels/0/expires_at',
    ],
    [
      'a float where an integer is documented',
      (b: Body) => Object.assign(b.data, { timestamp: 1.5 }),
      'type',
      '/data/timestamp',
    ],
  ])('rejects a breaking change: %s', (_, mutate, keyword, pointer) => {
    const failures = validateExchange(contract, getProfile, exchange(mutated(mutate)), 200)
    expect(failures).toContainEqual(
      expect.objectContaining({ check: 'response-schema', keyword, pointer }),
    )
  })

  it('rejects a malformed email in a request-shaped schema', () => {
    const validate = contract.validator('adapty', 'profile-request')
    expect(validate({ email: 'nope' })).toBe(false)
    expect(validate.errors?.[0]?.keyword).toBe('format')
  })

  it('rejects an undocumented status', () => {
    const failures = validateExchange(
      contract,
      getProfile,
      exchange(profileBody(), { status: 418 }),
    )
    expect(failures.map((f) => f.check)).toEqual(['status-documented'])
  })

  it('rejects a status other than the expected one', () => {
    const failures = validateExchange(
      contract,
      getProfile,
      exchange(
        {
          errors: [{ source: null, errors: ['x'] }],
          error_code: 'profile_does_not_exist',
          status_code: 404,
        },
        { status: 404 },
      ),
      200,
    )
    expect(failures.map((f) => f.check)).toEqual(['expected-status'])
  })

  it('rejects a wrong content type', () => {
    const failures = validateExchange(
      contract,
      getProfile,
      exchange(profileBody(), { contentType: 'text/html' }),
      200,
    )
    expect(failures).toContainEqual(
      expect.objectContaining({ check: 'content-type', value: 'text/html' }),
    )
  })

  it('accepts content type parameters and case differences', () => {
    const res = exchange(profileBody(), { contentType: 'Application/JSON; charset=utf-8' })
    expect(validateExchange(contract, getProfile, res, 200)).toEqual([])
  })

  it('rejects a body that is not JSON', () => {
    const failures = validateExchange(
      contract,
      getProfile,
      exchange(undefined, { raw: '<html>oops</html>' }),
      200,
    )
    expect(failures).toContainEqual(expect.objectContaining({ check: 'body-presence' }))
  })

  it('rejects an empty body where one is documented', () => {
    const failures = validateExchange(contract, getProfile, exchange(undefined, { raw: '' }), 200)
    expect(failures).toContainEqual(
      expect.objectContaining({ check: 'body-presence', message: 'the body is empty' }),
    )
  })

  it('rejects a body where the contract documents none', () => {
    const res = exchange({ ok: true }, { status: 204, operationId: 'deleteProfile' })
    expect(validateExchange(contract, deleteProfile, res, 204).map((f) => f.check)).toEqual([
      'body-presence',
    ])
  })

  it('rejects unknown fields only in strict mode', () => {
    const body = mutated((b) => Object.assign(b.data, { new_field: 1 }))
    expect(validateExchange(contract, getProfile, exchange(body), 200)).toEqual([])
    const failures = validateExchange(strict, getProfile, exchange(body), 200)
    expect(failures).toContainEqual(
      expect.objectContaining({ keyword: 'unevaluatedProperties', pointer: '/data' }),
    )
  })

  it('names only the unlisted property when strict mode rejects an anyOf branch for it', () => {
    const body = {
      errors: [{ source: null, errors: ['Profile not found'], added: 1 }],
      error_code: 'profile_does_not_exist',
      status_code: 404,
    }
    expect(validateExchange(contract, getProfile, exchange(body, { status: 404 }), 404)).toEqual([])
    const failures = validateExchange(strict, getProfile, exchange(body, { status: 404 }), 404)
    expect(failures).toEqual([
      expect.objectContaining({
        pointer: '/errors/0',
        keyword: 'unevaluatedProperties',
        expected: 'no property "added" (strict extra-field mode)',
      }),
    ])
  })

  it('still names every branch when no anyOf branch matches', () => {
    const body = { errors: [42], error_code: 'x', status_code: 404 }
    const failures = validateExchange(strict, getProfile, exchange(body, { status: 404 }), 404)
    expect(failures.map((f) => [f.pointer, f.keyword])).toEqual([
      ['/errors/0', 'type'],
      ['/errors/0', 'type'],
      ['/errors/0', 'anyOf'],
    ])
  })

  it('accepts both documented shapes of the errors list', () => {
    const objects = {
      errors: [{ source: null, errors: ['Profile not found'] }],
      error_code: 'profile_does_not_exist',
      status_code: 404,
    }
    const strings = { errors: ['Invalid API key'], error_code: 'unauthorized', status_code: 401 }
    expect(validateExchange(contract, getProfile, exchange(objects, { status: 404 }), 404)).toEqual(
      [],
    )
    expect(validateExchange(contract, getProfile, exchange(strings, { status: 401 }), 401)).toEqual(
      [],
    )
  })

  it('names the operation, status, pointer, keyword, value and expectation in its message', () => {
    const body = mutated((b) => Object.assign(b.data, { profile_id: 'not-a-uuid' }))
    const text = formatFailures(validateExchange(contract, getProfile, exchange(body), 200))
    expect(text).toContain('adapty getProfile → 200')
    expect(text).toContain('at /data/profile_id')
    expect(text).toContain('keyword: format')
    expect(text).toContain('expected: format uuid')
    expect(text).toContain('received: "not-a-uuid"')
  })

  it("runs the API's own checks after the shared ones, on the operation it is given", () => {
    const seen: string[] = []
    const own: Check = {
      name: 'own-envelope',
      run: (ctx) => {
        seen.push(`${ctx.op.api} ${ctx.op.operationId} ${ctx.exchange.response.status}`)
        return [failure(ctx, 'own-envelope', { message: 'the API-specific check ran' })]
      },
    }
    const failures = validateExchange(
      contract,
      getProfile,
      exchange(profileBody(), { status: 418 }),
      undefined,
      [own],
    )
    expect(failures.map((f) => f.check)).toEqual(['status-documented', 'own-envelope'])
    expect(failures[1]).toMatchObject({ api: 'adapty', operationId: 'getProfile', status: 418 })
    expect(seen).toEqual(['adapty getProfile 418'])
    // Without extra checks only the shared ones run.
    expect(
      validateExchange(contract, getProfile, exchange(profileBody(), { status: 418 })).map(
        (f) => f.check,
      ),
    ).toEqual(['status-documented'])
  })
})
