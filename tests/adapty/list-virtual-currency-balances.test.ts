import { beforeAll, describe, expect, it } from 'vitest'
import { createTestProfile, errorCodeOf, errorSourcesOf } from '../support/adapty-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'listVirtualCurrencyBalances'
const api = useTarget('adapty')

type Balances = {
  response_created_at: number
  data: Array<{ code: string; balance: number; held: number; available: number }>
}
const balancesOf = (res: { response: { json?: unknown } }) => res.response.json as Balances

describe(op, () => {
  let customer: string
  beforeAll(async () => {
    customer = (await createTestProfile(api)).customerUserId
  })

  it('lists a balance for every currency of the app [listVirtualCurrencyBalances]', async () => {
    const res = await api.call(op, { headers: api.byCustomer(customer) })
    expect(res).toMatchContract(200)
    expect(balancesOf(res).data.length).toBeGreaterThan(0)
    for (const balance of balancesOf(res).data)
      expect(balance.available).toBe(balance.balance - balance.held)
  })

  it('refuses an identification header longer than any id (400, naming the header)', async () => {
    // The sandbox's limit; the vendor documents none, so this runs on the sandbox only.
    api.needSandbox()
    const res = await api.call(op, { headers: api.byCustomer('x'.repeat(256)) })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('validation_error')
    expect(errorSourcesOf(res)).toEqual(['adapty-customer-user-id'])
  })

  it('lists 0 for the currencies a new profile has never touched', async () => {
    const [, gems] = api.currencies(2)
    const { customerUserId } = await createTestProfile(api)
    const credit = await api.call('createVirtualCurrencyTransaction', {
      headers: api.byCustomer(customerUserId),
      body: { items: [{ currency_code: gems, amount: 42 }] },
    })
    const res = await api.call(op, { headers: api.byCustomer(customerUserId) })
    expect(credit).toMatchContract(200)
    expect(res).toMatchContract(200)
    const { data } = balancesOf(res)
    expect(data).toContainEqual(expect.objectContaining({ code: gems, balance: 42 }))
    expect(data.filter((b) => b.code !== gems && b.balance !== 0)).toEqual([])
  })

  it('keeps a credit once after a replayed Idempotency-Key', async () => {
    const [, gems] = api.currencies(2)
    const { customerUserId } = await createTestProfile(api)
    const headers = {
      ...api.byCustomer(customerUserId),
      'idempotency-key': api.faker.string.uuid(),
    }
    const body = { items: [{ currency_code: gems, amount: 42 }] }
    const first = await api.call('createVirtualCurrencyTransaction', { headers, body })
    const replay = await api.call('createVirtualCurrencyTransaction', { headers, body })
    const res = await api.call(op, { headers: api.byCustomer(customerUserId) })
    expect(first).toMatchContract(200)
    expect(replay).toMatchContract(200)
    expect(res).toMatchContract(200)
    expect(balancesOf(res).data).toContainEqual(
      expect.objectContaining({ code: gems, balance: 42 }),
    )
  })

  it('returns 401 not_authenticated without an API key [listVirtualCurrencyBalances: no auth]', async () => {
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

  it('returns 404 profile_does_not_exist for an unknown profile [listVirtualCurrencyBalances: unknown profile]', async () => {
    const res = await api.call(op, { headers: api.byCustomer(api.uniqueCustomerUserId()) })
    expect(res).toMatchContract(404)
    expect(errorCodeOf(res)).toBe('profile_does_not_exist')
  })
})
