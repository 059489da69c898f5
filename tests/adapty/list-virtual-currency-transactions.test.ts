import { beforeAll, describe, expect, it } from 'vitest'
import { createTestProfile, errorCodeOf, errorSourcesOf } from '../support/adapty-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'listVirtualCurrencyTransactions'
const api = useTarget('adapty')

type History = {
  data: Array<{
    transaction_id: string
    transaction_type: string
    items: Array<{ currency_code: string; amount: number; balance_after: number }>
  }>
  pagination: { next_cursor: string | null }
}
const historyOf = (res: { response: { json?: unknown } }) => res.response.json as History
const amountsOf = (res: { response: { json?: unknown } }) =>
  historyOf(res).data.map((t) => t.items[0]?.amount)

describe(op, () => {
  // A profile with three transactions, oldest first: +100 coins, +7 gems, -30 coins, in two of
  // the target's currencies (ADAPTY_VC_CURRENCY_CODES; the sandbox's COINS and GEMS).
  let customer: string
  let coins: string
  let gems: string
  beforeAll(async () => {
    ;[coins = '', gems = ''] = api.currencies(2)
    customer = (await createTestProfile(api)).customerUserId
    for (const [code, amount] of [
      [coins, 100],
      [gems, 7],
      [coins, -30],
    ] as const) {
      const res = await api.call('createVirtualCurrencyTransaction', {
        headers: api.byCustomer(customer),
        body: { items: [{ currency_code: code, amount }] },
      })
      expect(res).toMatchContract(200)
    }
  })

  it('lists transactions newest first with their balances after [listVirtualCurrencyTransactions]', async () => {
    const res = await api.call(op, { headers: api.byCustomer(customer) })
    expect(res).toMatchContract(200)
    expect(amountsOf(res)).toEqual([-30, 7, 100])
    expect(historyOf(res).data[0]).toMatchObject({
      transaction_type: 'api_transaction',
      items: [{ currency_code: coins, amount: -30, balance_after: 70 }],
    })
  })

  it('shows the metadata a transaction was made with', async () => {
    const { customerUserId } = await createTestProfile(api)
    const headers = api.byCustomer(customerUserId)
    const made = await api.call('createVirtualCurrencyTransaction', {
      headers,
      body: { items: [{ currency_code: coins, amount: 5 }], metadata: { reason: 'welcome' } },
    })
    expect(made).toMatchContract(200)
    const res = await api.call(op, { headers })
    expect(res).toMatchContract(200)
    const [only] = (res.response.json as { data: Array<{ metadata: unknown }> }).data
    expect(only?.metadata).toMatchObject({ reason: 'welcome' })
  })

  it('pages with an opaque cursor until next_cursor is null', async () => {
    const first = await api.call(op, { headers: api.byCustomer(customer), query: { limit: 2 } })
    expect(first).toMatchContract(200)
    const cursor = historyOf(first).pagination.next_cursor
    const second = await api.call(op, {
      headers: api.byCustomer(customer),
      query: { limit: 2, cursor: cursor ?? '' },
    })
    expect(second).toMatchContract(200)
    expect([...amountsOf(first), ...amountsOf(second)]).toEqual([-30, 7, 100])
    expect(historyOf(second).pagination.next_cursor).toBeNull()
  })

  it('filters by currency code', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(customer),
      query: { currency_code: gems },
    })
    expect(res).toMatchContract(200)
    expect(historyOf(res).data.map((t) => t.items[0]?.currency_code)).toEqual([gems])
  })

  it('shows a credit once after a replay, then a debit, newest first', async () => {
    const { customerUserId } = await createTestProfile(api)
    const headers = api.byCustomer(customerUserId)
    const keyed = { ...headers, 'idempotency-key': api.faker.string.uuid() }
    const creditBody = { items: [{ currency_code: gems, amount: 40 }] }
    const credit = await api.call('createVirtualCurrencyTransaction', {
      headers: keyed,
      body: creditBody,
    })
    const afterCredit = await api.call('listVirtualCurrencyBalances', { headers })
    const replay = await api.call('createVirtualCurrencyTransaction', {
      headers: keyed,
      body: creditBody,
    })
    const afterReplay = await api.call('listVirtualCurrencyBalances', { headers })
    const debit = await api.call('createVirtualCurrencyTransaction', {
      headers,
      body: { items: [{ currency_code: gems, amount: -15 }] },
    })
    const res = await api.call(op, { headers })
    for (const exchange of [credit, afterCredit, replay, afterReplay, debit, res])
      expect(exchange).toMatchContract(200)
    expect(afterReplay.response.json).toMatchObject({
      data: expect.arrayContaining([expect.objectContaining({ code: gems, balance: 40 })]),
    })
    expect(historyOf(res).data.map((t) => t.items[0]?.balance_after)).toEqual([25, 40])
  })

  it('returns 400 invalid_cursor for a cursor it did not issue', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(customer),
      query: { cursor: 'bm9wZQ' },
    })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('invalid_cursor')
    expect(errorSourcesOf(res)).toEqual(['cursor'])
  })

  it.each([0, 101, 'ten'])('returns 400 validation_error for limit=%s', async (limit) => {
    const res = await api.call(op, { headers: api.byCustomer(customer), query: { limit } })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('validation_error')
    expect(errorSourcesOf(res)).toEqual(['limit'])
  })

  it('returns 400 unknown_currency for a currency the app lacks', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(customer),
      query: { currency_code: 'DOUBLOONS' },
    })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('unknown_currency')
  })

  it('returns 401 not_authenticated without an API key [listVirtualCurrencyTransactions: no auth]', async () => {
    const res = await api.call(op, { headers: api.byCustomer(customer), authorization: null })
    expect(res).toMatchContract(401)
    expect(errorCodeOf(res)).toBe('not_authenticated')
  })

  it('returns 403 feature_not_enabled for an app without virtual currencies', async () => {
    const vcDisabledApiKey = api.need('vcDisabledApiKey')
    const res = await api.call(op, {
      headers: api.byCustomer(customer),
      authorization: api.authorizationFor(vcDisabledApiKey),
    })
    expect(res).toMatchContract(403)
    expect(errorCodeOf(res)).toBe('feature_not_enabled')
  })

  it('returns 404 profile_does_not_exist for an unknown profile', async () => {
    const res = await api.call(op, { headers: api.byCustomer(api.uniqueCustomerUserId()) })
    expect(res).toMatchContract(404)
    expect(errorCodeOf(res)).toBe('profile_does_not_exist')
  })
})
