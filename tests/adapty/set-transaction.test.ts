import { beforeAll, describe, expect, it } from 'vitest'
import {
  accessLevelIds,
  createTestProfile,
  errorCodeOf,
  errorSourcesOf,
  expectOffersHistory,
  oneTimePurchase,
  profileOf,
  SEEDED_OFFERS_CUSTOMER,
  subscriptionTransaction,
} from '../support/adapty-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'setTransaction'
const api = useTarget('adapty')

/** An expiry far enough ahead to be active on every target, whatever its clock says. */
const FAR_FUTURE = '2099-01-15T12:00:00.000Z'

/** A subscription that is still active on any target. */
const activeSubscription = (overrides: Record<string, unknown> = {}) =>
  subscriptionTransaction(api.faker, { expires_at: FAR_FUTURE, ...overrides })

describe(op, () => {
  let customer: string
  beforeAll(async () => {
    customer = (await createTestProfile(api)).customerUserId
  })

  it('records a subscription, which grants its access level and appears on the profile [setTransaction]', async () => {
    const { customerUserId } = await createTestProfile(api)
    const headers = api.byCustomer(customerUserId)
    const body = activeSubscription()
    const res = await api.call(op, { headers, body })
    expect(res).toMatchContract(200)
    expect(accessLevelIds(res)).toContain('premium')
    const read = await api.call('getProfile', { headers })
    expect(read).toMatchContract(200)
    expect(accessLevelIds(read)).toContain('premium')
    expect(profileOf(read).subscriptions).toContainEqual(
      expect.objectContaining({
        store_transaction_id: body.store_transaction_id,
        expires_at: body.expires_at,
      }),
    )
  })

  it('records a one-time purchase as a non-subscription', async () => {
    const { customerUserId } = await createTestProfile(api)
    const headers = api.byCustomer(customerUserId)
    const body = oneTimePurchase(api.faker)
    const res = await api.call(op, { headers, body })
    expect(res).toMatchContract(200)
    expect(profileOf(res).non_subscriptions).toContainEqual(
      expect.objectContaining({
        store_transaction_id: body.store_transaction_id,
        store_product_id: body.store_product_id,
        is_refund: false,
      }),
    )
    const read = await api.call('getProfile', { headers })
    expect(read).toMatchContract(200)
    expect(profileOf(read).non_subscriptions).toHaveLength(1)
  })

  it('adds the price of each new purchase to total_revenue_usd', async () => {
    const { customerUserId } = await createTestProfile(api)
    const headers = api.byCustomer(customerUserId)
    const first = await api.call(op, { headers, body: activeSubscription() })
    expect(first).toMatchContract(200)
    const res = await api.call(op, { headers, body: oneTimePurchase(api.faker) })
    expect(res).toMatchContract(200)
    expect(profileOf(res).total_revenue_usd).toBeCloseTo(9.99 + 19.99)
  })

  it('updates the same purchase when a store_transaction_id is sent again', async () => {
    const { customerUserId } = await createTestProfile(api)
    const headers = api.byCustomer(customerUserId)
    const body = activeSubscription()
    const first = await api.call(op, { headers, body })
    expect(first).toMatchContract(200)
    const billingIssue = '2026-01-20T00:00:00.000Z'
    const res = await api.call(op, {
      headers,
      body: { ...body, billing_issue_detected_at: billingIssue },
    })
    expect(res).toMatchContract(200)
    expect(profileOf(res).subscriptions).toEqual([
      expect.objectContaining({ billing_issue_detected_at: billingIssue }),
    ])
    expect(profileOf(res).total_revenue_usd).toBeCloseTo(body.price.value)
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

  it('accepts date-times with a numeric offset and fractional seconds, as the docs send them', async () => {
    const body = activeSubscription({
      purchased_at: '2026-01-10T09:42:50.000000+0000',
      originally_purchased_at: '2026-01-10T09:42:50.000000+0000',
    })
    const res = await api.call(op, { headers: api.byCustomer(customer), body })
    expect(res).toMatchContract(200)
    const recorded = profileOf(res).subscriptions.find(
      (s) => s.store_transaction_id === body.store_transaction_id,
    )
    expect(Date.parse(String(recorded?.purchased_at))).toBe(Date.parse('2026-01-10T09:42:50Z'))
  })

  it('takes the access level away when the purchase is refunded', async () => {
    const { customerUserId } = await createTestProfile(api)
    const headers = api.byCustomer(customerUserId)
    const body = activeSubscription()
    const bought = await api.call(op, { headers, body })
    expect(bought).toMatchContract(200)
    expect(accessLevelIds(bought)).toContain('premium')
    const refund = {
      ...body,
      refunded_at: '2026-01-20T00:00:00.000Z',
      cancellation_reason: 'refund',
    }
    const res = await api.call(op, { headers, body: refund })
    expect(res).toMatchContract(200)
    expect(accessLevelIds(res)).not.toContain('premium')
    expect(profileOf(res).subscriptions).toEqual([
      expect.objectContaining({ cancellation_reason: 'refund' }),
    ])
  })

  it('marks a refunded one-time purchase with is_refund', async () => {
    const body = oneTimePurchase(api.faker, {
      refunded_at: '2026-01-12T08:00:00.000Z',
      cancellation_reason: 'refund',
    })
    const res = await api.call(op, { headers: api.byCustomer(customer), body })
    expect(res).toMatchContract(200)
    expect(profileOf(res).non_subscriptions).toContainEqual(
      expect.objectContaining({ store_transaction_id: body.store_transaction_id, is_refund: true }),
    )
  })

  it.each([
    [
      'billing_issue_detected_at_date_comparison_error',
      'billing_issue_detected_at',
      { billing_issue_detected_at: '2026-01-01T00:00:00.000Z' },
    ],
    ['expires_date_error', 'expires_at', { expires_at: '2026-01-01T00:00:00.000Z' }],
    ['family_share_price_error', 'is_family_shared', { is_family_shared: true }],
    [
      'free_trial_price_error',
      'offer.type',
      { offer: { category: 'introductory', type: 'free_trial' } },
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
      'missing_offer_id',
      'offer.category',
      { offer: { category: 'promotional', type: 'pay_as_you_go' } },
    ],
    [
      'originally_purchased_date_error',
      'originally_purchased_at',
      { originally_purchased_at: '2026-01-20T00:00:00.000Z' },
    ],
    [
      'refund_date_error',
      'refunded_at',
      { refunded_at: '2026-01-01T00:00:00.000Z', cancellation_reason: 'refund' },
    ],
    ['refund_fields_error', 'refunded_at', { refunded_at: '2026-01-20T00:00:00.000Z' }],
    ['refund_fields_error', 'refunded_at', { cancellation_reason: 'refund' }],
    [
      'renew_status_changed_date_error',
      'renew_status_changed_at',
      { renew_status_changed_at: '2026-01-01T00:00:00.000Z' },
    ],
  ])(
    'returns 400 %s (source %s) for a subscription that breaks the rule',
    async (code, source, overrides) => {
      const res = await api.call(op, {
        headers: api.byCustomer(customer),
        body: activeSubscription(overrides),
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

  it('returns 400 store_transaction_id_error for a one-time purchase with a renewal chain', async () => {
    const body = oneTimePurchase(api.faker, { store_original_transaction_id: 'another-id' })
    const res = await api.call(op, { headers: api.byCustomer(customer), body })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('store_transaction_id_error')
    expect(errorSourcesOf(res)).toEqual(['store_transaction_id'])
  })

  it('changes nothing when a rule is broken', async () => {
    const { customerUserId } = await createTestProfile(api)
    const headers = api.byCustomer(customerUserId)
    const res = await api.call(op, {
      headers,
      body: activeSubscription({ is_family_shared: true }),
    })
    expect(res).toMatchContract(400)
    const read = await api.call('getProfile', { headers })
    expect(read).toMatchContract(200)
    expect(profileOf(read)).toMatchObject({ subscriptions: [], access_levels: [] })
  })

  it('returns 400 validation_error for a body of neither purchase type', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(customer),
      body: { purchase_type: 'rental', store: 'app_store' },
    })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('validation_error')
  })

  it('returns 400 validation_error for a subscription without expires_at', async () => {
    const { expires_at: _dropped, ...body } = activeSubscription()
    const res = await api.call(op, { headers: api.byCustomer(customer), body })
    expect(res).toMatchContract(400)
    expect(errorSourcesOf(res)).toContain('expires_at')
  })

  it('returns 400 validation_error for a store_transaction_id over 50 characters', async () => {
    const id = api.faker.string.alphanumeric(51)
    const body = oneTimePurchase(api.faker, {
      store_transaction_id: id,
      store_original_transaction_id: id,
    })
    const res = await api.call(op, { headers: api.byCustomer(customer), body })
    expect(res).toMatchContract(400)
    expect(errorSourcesOf(res)).toContain('store_transaction_id')
  })

  it('returns 401 not_authenticated without an API key [setTransaction: no auth]', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(customer),
      body: activeSubscription(),
      authorization: null,
    })
    expect(res).toMatchContract(401)
    expect(errorCodeOf(res)).toBe('not_authenticated')
  })

  it('returns 404 profile_does_not_exist for an unknown profile [setTransaction: unknown profile]', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(api.uniqueCustomerUserId()),
      body: activeSubscription(),
    })
    expect(res).toMatchContract(404)
    expect(errorCodeOf(res)).toBe('profile_does_not_exist')
  })

  it('adds a subscription beside a purchase history, keeping the longer access level', async () => {
    api.needSandbox()
    // Expires before the seeded premium level (2099-01-01), so that level stays as it was.
    const body = subscriptionTransaction(api.faker, { expires_at: '2098-01-15T12:00:00.000Z' })
    const res = await api.call(op, {
      headers: api.byCustomer(SEEDED_OFFERS_CUSTOMER.setTransaction),
      body,
    })
    expect(res).toMatchContract(200)
    expect(profileOf(res).subscriptions).toContainEqual(
      expect.objectContaining({ store_transaction_id: body.store_transaction_id, offer: null }),
    )
    expectOffersHistory(res)
  })
})
