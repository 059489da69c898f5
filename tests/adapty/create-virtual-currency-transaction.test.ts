import { describe, expect, it } from 'vitest'
import { createTestProfile, errorCodeOf, errorSourcesOf } from '../support/adapty-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'createVirtualCurrencyTransaction'
const api = useTarget('adapty')

type Result = {
  transaction_id: string
  balances: Array<{ code: string; balance: number; available: number }>
}
const resultOf = (res: { response: { json?: unknown } }) => res.response.json as Result
const credit = (amount: number, code = 'COINS') => ({ items: [{ currency_code: code, amount }] })

describe(op, () => {
  it('credits a currency and returns the new balance [createVirtualCurrencyTransaction]', async () => {
    const { customerUserId } = await createTestProfile(api)
    const res = await api.call(op, {
      headers: { ...api.byCustomer(customerUserId), 'idempotency-key': api.faker.string.uuid() },
      body: { ...credit(500), metadata: { reason: 'promo' } },
    })
    expect(res).toMatchContract(200)
    expect(resultOf(res).balances).toEqual([
      expect.objectContaining({ code: 'COINS', balance: 500, available: 500 }),
    ])
  })

  it('applies several currencies atomically, or none when one item fails', async () => {
    const { profileId } = await createTestProfile(api)
    const headers = api.byProfileId(profileId)
    expect(await api.call(op, { headers, body: credit(100, 'SILVER') })).toMatchContract(200)
    const failing = {
      items: [
        { currency_code: 'SILVER', amount: -50 },
        { currency_code: 'GEMS', amount: -1 },
      ],
    }
    const res = await api.call(op, { headers, body: failing })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('insufficient_balance')
    const balances = await api.call('listVirtualCurrencyBalances', { headers })
    const silver = (
      balances.response.json as { data: Array<{ code: string; balance: number }> }
    ).data.find((b) => b.code === 'SILVER')
    expect(silver?.balance).toBe(100)
  })

  it('replays the original answer for a repeated Idempotency-Key without crediting twice', async () => {
    const { customerUserId } = await createTestProfile(api)
    const headers = {
      ...api.byCustomer(customerUserId),
      'idempotency-key': api.faker.string.uuid(),
    }
    const first = await api.call(op, { headers, body: credit(250) })
    const replay = await api.call(op, { headers, body: credit(250) })
    expect(first).toMatchContract(200)
    expect(replay).toMatchContract(200)
    expect(resultOf(replay)).toEqual(resultOf(first))
    const balances = await api.call('listVirtualCurrencyBalances', {
      headers: api.byCustomer(customerUserId),
    })
    expect(
      (balances.response.json as { data: Array<{ code: string; balance: number }> }).data,
    ).toContainEqual(expect.objectContaining({ code: 'COINS', balance: 250 }))
  })

  it('returns 409 idempotency_in_flight with Retry-After while the same key is processed', async () => {
    api.needSandbox()
    const { customerUserId } = await createTestProfile(api)
    const headers = {
      ...api.byCustomer(customerUserId),
      'idempotency-key': api.faker.string.uuid(),
    }
    await api.control('vc/hold', { customer_user_id: customerUserId })
    const held = api.call(op, { headers, body: credit(10) })
    await api.control(`vc/held?customer_user_id=${encodeURIComponent(customerUserId)}`)
    const second = await api.call(op, { headers, body: credit(10) })
    expect(second).toMatchContract(409)
    expect(errorCodeOf(second)).toBe('idempotency_in_flight')
    expect(second.response.headers['retry-after']).toMatch(/^\d+$/)
    await api.control('vc/release', { customer_user_id: customerUserId })
    const first = await held
    expect(first).toMatchContract(200)
    const replay = await api.call(op, { headers, body: credit(10) })
    expect(resultOf(replay).transaction_id).toBe(resultOf(first).transaction_id)
  })

  it('returns 409 duplicate_source_transaction for a source transaction credited before', async () => {
    const { customerUserId } = await createTestProfile(api)
    const body = { ...credit(5), metadata: { source_transaction_id: 'store-tx-1' } }
    expect(await api.call(op, { headers: api.byCustomer(customerUserId), body })).toMatchContract(
      200,
    )
    const res = await api.call(op, { headers: api.byCustomer(customerUserId), body })
    expect(res).toMatchContract(409)
    expect(errorCodeOf(res)).toBe('duplicate_source_transaction')
  })

  it.each([
    ['empty_items', { items: [] }],
    ['amount_zero', credit(0)],
    ['unknown_currency', credit(5, 'DOUBLOONS')],
    [
      'duplicate_currency',
      {
        items: [
          { currency_code: 'COINS', amount: 1 },
          { currency_code: 'COINS', amount: 2 },
        ],
      },
    ],
    ['insufficient_balance', credit(-1)],
  ])('returns 400 %s', async (code, body) => {
    const { customerUserId } = await createTestProfile(api)
    const res = await api.call(op, { headers: api.byCustomer(customerUserId), body })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe(code)
  })

  it('returns 400 balance_overflow past the largest balance', async () => {
    const { customerUserId } = await createTestProfile(api)
    expect(
      await api.call(op, { headers: api.byCustomer(customerUserId), body: credit(2_000_000_000) }),
    ).toMatchContract(200)
    const res = await api.call(op, {
      headers: api.byCustomer(customerUserId),
      body: credit(2_000_000_000),
    })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('balance_overflow')
  })

  it('returns 400 empty_items for an empty list [createVirtualCurrencyTransaction: empty items]', async () => {
    const { customerUserId } = await createTestProfile(api)
    const res = await api.call(op, { headers: api.byCustomer(customerUserId), body: { items: [] } })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('empty_items')
  })

  it('returns 400 idempotency_key_invalid for a key that is not a UUID v4', async () => {
    const { customerUserId } = await createTestProfile(api)
    const res = await api.call(op, {
      headers: { ...api.byCustomer(customerUserId), 'idempotency-key': 'retry-1' },
      body: credit(1),
    })
    expect(res).toMatchContract(400)
    expect(errorSourcesOf(res)).toEqual(['Idempotency-Key'])
  })

  it('returns 401 not_authenticated without an API key [createVirtualCurrencyTransaction: no auth]', async () => {
    const res = await api.call(op, { body: credit(1), authorization: null })
    expect(res).toMatchContract(401)
  })

  it('returns 403 feature_not_enabled for an app without virtual currencies', async () => {
    const vcDisabledApiKey = api.need('vcDisabledApiKey')
    const res = await api.call(op, {
      headers: api.byCustomer(api.uniqueCustomerUserId()),
      body: credit(1),
      authorization: api.authorizationFor(vcDisabledApiKey ?? ''),
    })
    expect(res).toMatchContract(403)
    expect(errorCodeOf(res)).toBe('feature_not_enabled')
  })

  it('returns 404 profile_does_not_exist for an unknown profile [createVirtualCurrencyTransaction: unknown profile]', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(api.uniqueCustomerUserId()),
      body: credit(1),
    })
    expect(res).toMatchContract(404)
    expect(errorCodeOf(res)).toBe('profile_does_not_exist')
  })

  it('returns 422 for more than 20 items', async () => {
    const { customerUserId } = await createTestProfile(api)
    const items = Array.from({ length: 21 }, (_, i) => ({ currency_code: `C${i}`, amount: 1 }))
    const res = await api.call(op, { headers: api.byCustomer(customerUserId), body: { items } })
    expect(res).toMatchContract(422)
    expect(errorSourcesOf(res)).toEqual(['items'])
  })

  it('returns 429 rate_limited with Retry-After past the per-app limit', async () => {
    const vcLimitedApiKey = api.need('vcLimitedApiKey')
    const authorization = api.authorizationFor(vcLimitedApiKey ?? '')
    const headers = api.byCustomer(api.uniqueCustomerUserId())
    const answers = []
    for (let i = 0; i < 3; i++)
      answers.push(await api.call(op, { headers, body: credit(1), authorization, noRetry: true }))
    const limited = answers.find((r) => r.response.status === 429)
    expect(limited).toBeDefined()
    if (limited === undefined) return
    expect(limited).toMatchContract(429)
    expect(errorCodeOf(limited)).toBe('rate_limited')
    expect(Number(limited.response.headers['retry-after'])).toBeGreaterThan(0)
  })
})
