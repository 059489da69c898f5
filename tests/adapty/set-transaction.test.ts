import { beforeAll, describe, expect, it } from 'vitest'
import {
  accessLevelIds,
  createTestProfile,
  errorCodeOf,
  errorSourcesOf,
  oneTimePurchase,
  profileOf,
  subscriptionTransaction,
} from '../support/adapty-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'setTransaction'
const api = useTarget('adapty')

describe(op, () => {
  let customer: string
  beforeAll(async () => {
    customer = (await createTestProfile(api)).customerUserId
  })

  it('records a subscription, which grants its access level and appears on the profile [setTransaction]', async () => {
    const body = subscriptionTransaction(api.faker)
    const res = await api.call(op, { headers: api.byCustomer(customer), body })
    expect(res).toMatchContract(200)
    expect(accessLevelIds(res)).toContain('premium')
    const read = await api.call('getProfile', { headers: api.byCustomer(customer) })
    expect(read).toMatchContract(200)
    expect(profileOf(read).subscriptions).toContainEqual(
      expect.objectContaining({
        store_transaction_id: body.store_transaction_id,
        expires_at: body.expires_at,
      }),
    )
  })

  it('records a one-time purchase as a non-subscription', async () => {
    const body = oneTimePurchase(api.faker)
    const res = await api.call(op, { headers: api.byCustomer(customer), body })
    expect(res).toMatchContract(200)
    expect(profileOf(res).non_subscriptions).toContainEqual(
      expect.objectContaining({
        store_transaction_id: body.store_transaction_id,
        is_refund: false,
      }),
    )
  })

  it('updates the same purchase when a store_transaction_id is sent again', async () => {
    const { customerUserId } = await createTestProfile(api)
    const body = subscriptionTransaction(api.faker)
    await api.call(op, { headers: api.byCustomer(customerUserId), body })
    const res = await api.call(op, {
      headers: api.byCustomer(customerUserId),
      body: { ...body, expires_at: '2026-03-15T12:00:00.000Z' },
    })
    expect(res).toMatchContract(200)
    expect(profileOf(res).subscriptions).toHaveLength(1)
    expect(profileOf(res).total_revenue_usd).toBe(9.99)
  })

  it('identifies the profile by Adapty profile id', async () => {
    const { profileId } = await createTestProfile(api)
    const res = await api.call(op, {
      headers: api.byProfileId(profileId),
      body: oneTimePurchase(api.faker),
    })
    expect(res).toMatchContract(200)
    expect(profileOf(res).profile_id).toBe(profileId)
  })

  it.each([
    ['expires_date_error', 'expires_at', { expires_at: '2026-01-01T00:00:00.000Z' }],
    [
      'originally_purchased_date_error',
      'originally_purchased_at',
      { originally_purchased_at: '2026-01-20T00:00:00.000Z' },
    ],
    [
      'renew_status_changed_date_error',
      'renew_status_changed_at',
      { renew_status_changed_at: '2026-01-01T00:00:00.000Z' },
    ],
    [
      'billing_issue_detected_at_date_comparison_error',
      'billing_issue_detected_at',
      { billing_issue_detected_at: '2026-01-01T00:00:00.000Z' },
    ],
    [
      'grace_period_billing_error',
      'grace_period_billing_error',
      { grace_period_expires_at: '2026-02-20T00:00:00.000Z' },
    ],
    [
      'grace_period_expires_date_error',
      'grace_period_expires_at',
      {
        billing_issue_detected_at: '2026-02-01T00:00:00.000Z',
        grace_period_expires_at: '2026-01-20T00:00:00.000Z',
      },
    ],
    [
      'free_trial_price_error',
      'offer.type',
      { offer: { category: 'introductory', type: 'free_trial' } },
    ],
    [
      'missing_offer_id',
      'offer.category',
      { offer: { category: 'promotional', type: 'pay_as_you_go' } },
    ],
    ['family_share_price_error', 'is_family_shared', { is_family_shared: true }],
    ['refund_fields_error', 'refunded_at', { refunded_at: '2026-01-20T00:00:00.000Z' }],
    [
      'refund_date_error',
      'refunded_at',
      { refunded_at: '2026-01-01T00:00:00.000Z', cancellation_reason: 'refund' },
    ],
  ])(
    'returns 400 %s (source %s) for a subscription that breaks the rule',
    async (code, source, overrides) => {
      const res = await api.call(op, {
        headers: api.byCustomer(customer),
        body: subscriptionTransaction(api.faker, overrides),
      })
      expect(res).toMatchContract(400)
      expect(errorCodeOf(res)).toBe(code)
      expect(errorSourcesOf(res)).toEqual([source])
    },
  )

  it('returns 400 expires_date_error for a subscription that expires before its purchase [setTransaction: expires before purchase]', async () => {
    const body = subscriptionTransaction(api.faker, { expires_at: '2025-01-01T00:00:00.000Z' })
    const res = await api.call(op, { headers: api.byCustomer(customer), body })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('expires_date_error')
  })

  it('returns 400 store_transaction_id_error for a one-time purchase with a chain', async () => {
    const body = oneTimePurchase(api.faker, { store_original_transaction_id: 'another-id' })
    const res = await api.call(op, { headers: api.byCustomer(customer), body })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('store_transaction_id_error')
  })

  it('returns 400 validation_error for a body of neither purchase type', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(customer),
      body: { purchase_type: 'rental', store: 'app_store' },
    })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('validation_error')
  })

  it('removes the access level when the purchase is refunded', async () => {
    const { customerUserId } = await createTestProfile(api)
    const body = subscriptionTransaction(api.faker)
    expect(
      accessLevelIds(await api.call(op, { headers: api.byCustomer(customerUserId), body })),
    ).toContain('premium')
    const refund = {
      ...body,
      refunded_at: '2026-01-20T00:00:00.000Z',
      cancellation_reason: 'refund',
    }
    const res = await api.call(op, { headers: api.byCustomer(customerUserId), body: refund })
    expect(res).toMatchContract(200)
    expect(accessLevelIds(res)).not.toContain('premium')
  })

  it('returns 401 not_authenticated without an API key [setTransaction: no auth]', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(customer),
      body: subscriptionTransaction(api.faker),
      authorization: null,
    })
    expect(res).toMatchContract(401)
  })

  it('returns 404 profile_does_not_exist for an unknown profile [setTransaction: unknown profile]', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(api.uniqueCustomerUserId()),
      body: subscriptionTransaction(api.faker),
    })
    expect(res).toMatchContract(404)
    expect(errorCodeOf(res)).toBe('profile_does_not_exist')
  })
})
