import { describe, expect, it } from 'vitest'
import { createTestProfile, errorCodeOf, errorSourcesOf } from '../support/adapty-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'createVirtualCurrencyTransaction'
const api = useTarget('adapty')

type Balance = { code: string; balance: number; held: number; available: number }
type Result = { transaction_id: string; balances: Balance[] }
const resultOf = (res: { response: { json?: unknown } }) => res.response.json as Result
const balancesOf = (res: { response: { json?: unknown } }) =>
  (res.response.json as { data: Balance[] }).data
// Currency codes come from the target (ADAPTY_VC_CURRENCY_CODES; the sandbox's seeded ones).
const credit = (amount: number, code = api.currencies(1)[0]) => ({
  items: [{ currency_code: code, amount }],
})

describe(op, () => {
  it('credits a currency and returns the new balance [createVirtualCurrencyTransaction]', async () => {
    const [coins] = api.currencies(1)
    const { customerUserId } = await createTestProfile(api)
    const res = await api.call(op, {
      headers: { ...api.byCustomer(customerUserId), 'idempotency-key': api.faker.string.uuid() },
      body: { ...credit(500, coins), metadata: { reason: 'promo' } },
    })
    expect(res).toMatchContract(200)
    expect(resultOf(res).balances).toEqual([
      expect.objectContaining({ code: coins, balance: 500, held: 0, available: 500 }),
    ])
  })

  it('converts one currency into another, returning one balance per item in order', async () => {
    const [, gems, silver] = api.currencies(3)
    const { profileId } = await createTestProfile(api)
    const headers = api.byProfileId(profileId)
    expect(await api.call(op, { headers, body: credit(300, silver) })).toMatchContract(200)
    const conversion = {
      items: [
        { currency_code: silver, amount: -100 },
        { currency_code: gems, amount: 10 },
      ],
      metadata: { reason: 'exchange' },
    }
    const res = await api.call(op, { headers, body: conversion })
    expect(res).toMatchContract(200)
    expect(resultOf(res).balances.map((b) => [b.code, b.balance])).toEqual([
      [silver, 200],
      [gems, 10],
    ])
  })

  it('replays the original answer for a repeated Idempotency-Key without crediting twice', async () => {
    const [coins] = api.currencies(1)
    const { customerUserId } = await createTestProfile(api)
    const headers = {
      ...api.byCustomer(customerUserId),
      'idempotency-key': api.faker.string.uuid(),
    }
    const first = await api.call(op, { headers, body: credit(250, coins) })
    const replay = await api.call(op, { headers, body: credit(250, coins) })
    const balances = await api.call('listVirtualCurrencyBalances', {
      headers: api.byCustomer(customerUserId),
    })
    expect(first).toMatchContract(200)
    expect(replay).toMatchContract(200)
    expect(balances).toMatchContract(200)
    expect(resultOf(replay)).toEqual(resultOf(first))
    expect(balancesOf(balances)).toContainEqual(
      expect.objectContaining({ code: coins, balance: 250 }),
    )
  })

  it('returns 400 empty_items for an empty list [createVirtualCurrencyTransaction: empty items]', async () => {
    const { customerUserId } = await createTestProfile(api)
    const res = await api.call(op, { headers: api.byCustomer(customerUserId), body: { items: [] } })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('empty_items')
    expect(errorSourcesOf(res)).toEqual(['items'])
  })

  // Bodies are built inside the test: the currency codes come from the target.
  it.each([
    ['amount_zero', 'amount', () => credit(0)],
    ['unknown_currency', 'currency_code', () => credit(5, 'DOUBLOONS')],
    [
      'duplicate_currency',
      'currency_code',
      () => ({
        items: [
          { currency_code: api.currencies(1)[0], amount: 1 },
          { currency_code: api.currencies(1)[0], amount: 2 },
        ],
      }),
    ],
    ['insufficient_balance', 'currency_code', () => credit(-1)],
  ])('returns 400 %s with source %s', async (code, source, bodyOf) => {
    const body = bodyOf()
    const { customerUserId } = await createTestProfile(api)
    const res = await api.call(op, { headers: api.byCustomer(customerUserId), body })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe(code)
    expect(errorSourcesOf(res)).toEqual([source])
  })

  it('returns 400 balance_overflow past the largest int32 balance', async () => {
    const { customerUserId } = await createTestProfile(api)
    const headers = api.byCustomer(customerUserId)
    const first = await api.call(op, { headers, body: credit(2_000_000_000) })
    const res = await api.call(op, { headers, body: credit(200_000_000) })
    expect(first).toMatchContract(200)
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('balance_overflow')
  })

  it('returns 400 insufficient_balance and applies no item when one item fails', async () => {
    const [, gems, silver] = api.currencies(3)
    const { profileId } = await createTestProfile(api)
    const headers = api.byProfileId(profileId)
    const funded = await api.call(op, { headers, body: credit(100, silver) })
    const failing = {
      items: [
        { currency_code: silver, amount: -50 },
        { currency_code: gems, amount: -1 },
      ],
    }
    const res = await api.call(op, { headers, body: failing })
    const balances = await api.call('listVirtualCurrencyBalances', { headers })
    expect(funded).toMatchContract(200)
    expect(res).toMatchContract(400)
    expect(balances).toMatchContract(200)
    expect(errorCodeOf(res)).toBe('insufficient_balance')
    expect(balancesOf(balances).find((b) => b.code === silver)?.balance).toBe(100)
  })

  it('returns 400 idempotency_key_invalid for a key that is not a UUID v4', async () => {
    const { customerUserId } = await createTestProfile(api)
    const res = await api.call(op, {
      headers: { ...api.byCustomer(customerUserId), 'idempotency-key': 'retry-1' },
      body: credit(1),
    })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('idempotency_key_invalid')
    expect(errorSourcesOf(res)).toEqual(['Idempotency-Key'])
  })

  it('returns 401 not_authenticated without an API key [createVirtualCurrencyTransaction: no auth]', async () => {
    const res = await api.call(op, { body: credit(1, api.anyCurrency()), authorization: null })
    expect(res).toMatchContract(401)
    expect(errorCodeOf(res)).toBe('not_authenticated')
  })

  it('returns 403 feature_not_enabled for an app without virtual currencies', async () => {
    const vcDisabledApiKey = api.need('vcDisabledApiKey')
    const res = await api.call(op, {
      headers: api.byCustomer(api.uniqueCustomerUserId()),
      body: credit(1, api.anyCurrency()),
      authorization: api.authorizationFor(vcDisabledApiKey),
    })
    expect(res).toMatchContract(403)
    expect(errorCodeOf(res)).toBe('feature_not_enabled')
  })

  it('returns 404 profile_does_not_exist for an unknown profile [createVirtualCurrencyTransaction: unknown profile]', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(api.uniqueCustomerUserId()),
      body: credit(1, api.anyCurrency()),
    })
    expect(res).toMatchContract(404)
    expect(errorCodeOf(res)).toBe('profile_does_not_exist')
  })

  it('returns 409 idempotency_in_flight with Retry-After while the same key is processed', async () => {
    api.needSandbox()
    const [coins] = api.currencies(1)
    const { customerUserId } = await createTestProfile(api)
    const headers = {
      ...api.byCustomer(customerUserId),
      'idempotency-key': api.faker.string.uuid(),
    }
    await api.control('vc/hold', { customer_user_id: customerUserId })
    const held = api.call(op, { headers, body: credit(10) })
    await api.control(`vc/held?customer_user_id=${encodeURIComponent(customerUserId)}`)
    const second = await api.call(op, { headers, body: credit(10) })
    await api.control('vc/release', { customer_user_id: customerUserId })
    const first = await held
    const replay = await api.call(op, { headers, body: credit(10) })
    const balances = await api.call('listVirtualCurrencyBalances', {
      headers: api.byCustomer(customerUserId),
    })
    expect(second).toMatchContract(409)
    expect(first).toMatchContract(200)
    expect(replay).toMatchContract(200)
    expect(balances).toMatchContract(200)
    expect(errorCodeOf(second)).toBe('idempotency_in_flight')
    expect(Number(second.response.headers['retry-after'])).toBeGreaterThan(0)
    expect(resultOf(replay).transaction_id).toBe(resultOf(first).transaction_id)
    expect(balancesOf(balances)).toContainEqual(
      expect.objectContaining({ code: coins, balance: 10 }),
    )
  })

  it('returns 409 duplicate_source_transaction for a source transaction applied before', async () => {
    const { customerUserId } = await createTestProfile(api)
    const headers = api.byCustomer(customerUserId)
    const source = `store-${api.faker.string.alphanumeric(12)}`
    const body = { ...credit(5), metadata: { source_transaction_id: source } }
    const first = await api.call(op, { headers, body })
    const res = await api.call(op, { headers, body })
    expect(first).toMatchContract(200)
    expect(res).toMatchContract(409)
    expect(errorCodeOf(res)).toBe('duplicate_source_transaction')
  })

  it('returns 422 validation_error for more than 20 items', async () => {
    const { customerUserId } = await createTestProfile(api)
    const items = Array.from({ length: 21 }, (_, i) => ({ currency_code: `C${i}`, amount: 1 }))
    const res = await api.call(op, { headers: api.byCustomer(customerUserId), body: { items } })
    expect(res).toMatchContract(422)
    expect(errorCodeOf(res)).toBe('validation_error')
    expect(errorSourcesOf(res)).toEqual(['items'])
  })

  it('returns 422 validation_error for metadata with more than 5 keys', async () => {
    const { customerUserId } = await createTestProfile(api)
    const metadata = Object.fromEntries(
      Array.from({ length: 6 }, (_, i) => [`key_${i}`, api.faker.lorem.word()]),
    )
    const res = await api.call(op, {
      headers: api.byCustomer(customerUserId),
      body: { ...credit(1), metadata },
    })
    expect(res).toMatchContract(422)
    expect(errorSourcesOf(res)).toEqual(['metadata'])
  })

  it('returns 429 rate_limited with Retry-After on the request past the per-app limit', async () => {
    const vcLimitedApiKey = api.need('vcLimitedApiKey')
    const authorization = api.authorizationFor(vcLimitedApiKey)
    const headers = api.byCustomer(api.uniqueCustomerUserId())
    const body = credit(1, api.anyCurrency())
    const call = () => api.call(op, { headers, body, authorization, noRetry: true })
    // The app allows 2 a minute. Calls that pass the limit stop at the profile check (no such
    // customer there); by the third the limit is reached. An earlier run in the same minute may
    // have used the allowance up already: then the limit answers sooner.
    const answers = [await call()]
    while (answers.length < 3 && answers.at(-1)?.response.status !== 429) answers.push(await call())
    const limited = answers.at(-1) as (typeof answers)[number]
    for (const passed of answers.slice(0, -1)) expect(passed).toMatchContract(404)
    expect(limited).toMatchContract(429)
    expect(errorCodeOf(limited)).toBe('rate_limited')
    expect(Number(limited.response.headers['retry-after'])).toBeGreaterThan(0)
  })
})
