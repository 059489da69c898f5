// The documented flows across operations, each on its own run-scoped profile.
import { describe, expect, it } from 'vitest'
import {
  accessLevelIds,
  profileOf,
  profilePayload,
  subscriptionTransaction,
} from '../../support/adapty-data.ts'
import { useTarget } from '../../support/target.ts'

const api = useTarget('adapty')

describe('lifecycles', () => {
  it('runs a profile from creation to deletion, with an access level granted and revoked on the way', async () => {
    const headers = api.byCustomer(api.uniqueCustomerUserId())
    expect(
      await api.call('createProfile', { headers, body: profilePayload(api.faker) }),
    ).toMatchContract(200)
    expect(await api.call('getProfile', { headers })).toMatchContract(200)
    const updated = await api.call('updateProfile', {
      headers,
      body: { custom_attributes: [{ key: 'tier', value: 'gold' }] },
    })
    expect(updated).toMatchContract(200)
    expect(profileOf(updated).custom_attributes).toContainEqual(
      expect.objectContaining({ key: 'tier', value: 'gold' }),
    )
    expect(
      await api.call('grantAccessLevel', { headers, body: { access_level_id: 'premium' } }),
    ).toMatchContract(200)
    const granted = await api.call('getProfile', { headers })
    expect(accessLevelIds(granted)).toContain('premium')
    expect(
      await api.call('revokeAccessLevel', { headers, body: { access_level_id: 'premium' } }),
    ).toMatchContract(200)
    const revoked = await api.call('getProfile', { headers })
    expect(accessLevelIds(revoked)).not.toContain('premium')
    expect(await api.call('deleteProfile', { headers })).toMatchContract(204)
    expect(await api.call('getProfile', { headers })).toMatchContract(404)
  })

  it('turns a recorded subscription into an access level and a subscription on the profile', async () => {
    const headers = api.byCustomer(api.uniqueCustomerUserId())
    expect(
      await api.call('createProfile', { headers, body: profilePayload(api.faker) }),
    ).toMatchContract(200)
    const transaction = subscriptionTransaction(api.faker)
    expect(await api.call('setTransaction', { headers, body: transaction })).toMatchContract(200)
    const read = await api.call('getProfile', { headers })
    expect(read).toMatchContract(200)
    expect(accessLevelIds(read)).toContain('premium')
    expect(profileOf(read).subscriptions.map((s) => s.store_transaction_id)).toContain(
      transaction.store_transaction_id,
    )
    expect(profileOf(read).total_revenue_usd).toBeCloseTo(transaction.price.value)
    expect(await api.call('deleteProfile', { headers })).toMatchContract(204)
  })

  it('credits virtual currency once, even when the request is replayed with its Idempotency-Key', async () => {
    // The target's first currency (ADAPTY_VC_CURRENCY_CODES; the sandbox's seeded ones).
    const [code] = api.currencies(1)
    const headers = api.byCustomer(api.uniqueCustomerUserId())
    expect(
      await api.call('createProfile', { headers, body: profilePayload(api.faker) }),
    ).toMatchContract(200)
    const keyed = { ...headers, 'idempotency-key': api.faker.string.uuid() }
    const body = { items: [{ currency_code: code, amount: 300 }] }
    expect(
      await api.call('createVirtualCurrencyTransaction', { headers: keyed, body }),
    ).toMatchContract(200)
    expect(
      await api.call('createVirtualCurrencyTransaction', { headers: keyed, body }),
    ).toMatchContract(200)
    const balances = await api.call('listVirtualCurrencyBalances', { headers })
    expect(balances).toMatchContract(200)
    const credited = (
      balances.response.json as { data: Array<{ code: string; balance: number }> }
    ).data.find((b) => b.code === code)
    expect(credited?.balance).toBe(300)
    const history = await api.call('listVirtualCurrencyTransactions', { headers })
    expect((history.response.json as { data: unknown[] }).data).toHaveLength(1)
    expect(await api.call('deleteProfile', { headers })).toMatchContract(204)
  })
})
