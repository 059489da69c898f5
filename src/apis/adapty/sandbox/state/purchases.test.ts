import { describe, expect, it } from 'vitest'
import { createFixedClock } from '../../../../sandbox/clock.ts'
import { createIds } from '../../../../sandbox/ids.ts'
import {
  defaultAccessLevel,
  expireAccessLevels,
  grantAccessLevel,
  revokeAccessLevel,
} from './access-levels.ts'
import { newProfile } from './profiles.ts'
import {
  checkTransaction,
  type OneTimePurchaseInput,
  type SubscriptionInput,
  setTransaction,
} from './purchases.ts'
import { createStore, type Result } from './store.ts'

const NOW = '2026-01-15T12:00:00.000Z'
const DAY = 24 * 60 * 60 * 1000

function setup(levels: string[] = ['premium', 'pro', 'lifetime']) {
  const clock = createFixedClock(NOW)
  const store = createStore(clock, createIds(7), 'app-1', {
    vcEnabled: false,
    vcRateLimitPerMinute: 600,
    paddleConfigured: false,
  })
  for (const level of levels) store.accessLevels.add(level)
  const profile = newProfile('6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b', 'cus-1')
  store.profiles.set(profile.profileId, profile)
  return { store, clock, profile }
}

function subscription(overrides: Partial<SubscriptionInput> = {}): SubscriptionInput {
  return {
    purchase_type: 'subscription',
    store: 'app_store',
    store_product_id: 'monthly',
    store_transaction_id: 'tx-1',
    store_original_transaction_id: 'tx-1',
    price: { country: 'US', currency: 'USD', value: 9.99 },
    purchased_at: '2026-01-10T00:00:00.000Z',
    originally_purchased_at: '2026-01-10T00:00:00.000Z',
    expires_at: '2026-02-10T00:00:00.000Z',
    renew_status: true,
    ...overrides,
  }
}

function oneTime(overrides: Partial<OneTimePurchaseInput> = {}): OneTimePurchaseInput {
  return {
    purchase_type: 'one_time_purchase',
    store: 'play_store',
    store_product_id: 'lifetime_unlock',
    store_transaction_id: 'otp-1',
    store_original_transaction_id: 'otp-1',
    price: { country: 'DE', currency: 'EUR', value: 19.99 },
    purchased_at: '2026-01-10T00:00:00.000Z',
    ...overrides,
  }
}

function errorOf(result: Result<unknown> | undefined) {
  if (result === undefined || result.ok) return undefined
  return {
    code: result.error.errorCode,
    source: result.error.errors[0]?.source,
    status: result.error.status,
  }
}

describe('purchase and access level state', () => {
  it('records a subscription, its premium access level and its revenue', () => {
    const { store, profile } = setup()
    const result = setTransaction(store, profile, subscription())
    expect(result.ok).toBe(true)
    expect(profile.subscriptions).toEqual([
      expect.objectContaining({
        storeTransactionId: 'tx-1',
        environment: 'Production',
        expiresAt: '2026-02-10T00:00:00.000Z',
        renewalCancelledAt: null,
      }),
    ])
    expect(profile.accessLevels.get('premium')).toMatchObject({
      store: 'app_store',
      storeOriginalTransactionId: 'tx-1',
      expiresAt: '2026-02-10T00:00:00.000Z',
    })
    expect(profile.totalRevenueUsd).toBeCloseTo(9.99)
  })

  it('records a one-time purchase as a non-subscription with a lifetime level', () => {
    const { store, profile } = setup()
    setTransaction(store, profile, oneTime())
    expect(profile.nonSubscriptions).toEqual([
      expect.objectContaining({
        storeTransactionId: 'otp-1',
        isRefund: false,
        isConsumable: false,
      }),
    ])
    expect(profile.nonSubscriptions[0]?.purchaseId).toMatch(/^[0-9a-f-]{36}$/)
    expect(profile.accessLevels.get('premium')?.expiresAt).toBeNull()
  })

  it('writes dates back in one form, whatever offset the request used', () => {
    const { store, profile } = setup()
    setTransaction(
      store,
      profile,
      subscription({
        purchased_at: '2026-01-10T09:42:50.000000+0000',
        originally_purchased_at: '2026-01-10T11:42:50+02:00',
      }),
    )
    expect(profile.subscriptions[0]).toMatchObject({
      purchasedAt: '2026-01-10T09:42:50.000Z',
      originallyPurchasedAt: '2026-01-10T09:42:50.000Z',
    })
  })

  it('unlocks the first configured level when the app has no premium level, and none without levels', () => {
    const withPro = setup(['pro', 'lifetime'])
    expect(defaultAccessLevel(withPro.store)).toBe('pro')
    setTransaction(withPro.store, withPro.profile, subscription())
    expect([...withPro.profile.accessLevels.keys()]).toEqual(['pro'])
    const bare = setup([])
    setTransaction(bare.store, bare.profile, subscription())
    expect(bare.profile.accessLevels.size).toBe(0)
    expect(bare.profile.subscriptions).toHaveLength(1)
  })

  it('updates the purchase when its store_transaction_id is sent again, counting revenue once', () => {
    const { store, profile } = setup()
    setTransaction(store, profile, subscription())
    setTransaction(
      store,
      profile,
      subscription({ billing_issue_detected_at: '2026-01-12T00:00:00.000Z' }),
    )
    expect(profile.subscriptions).toHaveLength(1)
    expect(profile.subscriptions[0]?.billingIssueDetectedAt).toBe('2026-01-12T00:00:00.000Z')
    expect(profile.totalRevenueUsd).toBeCloseTo(9.99)
    setTransaction(
      store,
      profile,
      subscription({ price: { country: 'US', currency: 'USD', value: 4.99 } }),
    )
    expect(profile.totalRevenueUsd).toBeCloseTo(4.99)
  })

  it('keeps the purchase id of a one-time purchase that is sent again', () => {
    const { store, profile } = setup()
    setTransaction(store, profile, oneTime())
    const purchaseId = profile.nonSubscriptions[0]?.purchaseId
    setTransaction(store, profile, oneTime({ environment: 'Sandbox' }))
    expect(profile.nonSubscriptions).toEqual([
      expect.objectContaining({ purchaseId, environment: 'Sandbox' }),
    ])
  })

  it('adds a renewal of the same chain as a new subscription and moves the level to it', () => {
    const { store, profile } = setup()
    setTransaction(store, profile, subscription())
    setTransaction(
      store,
      profile,
      subscription({
        store_transaction_id: 'tx-2',
        purchased_at: '2026-02-10T00:00:00.000Z',
        expires_at: '2026-03-10T00:00:00.000Z',
      }),
    )
    expect(profile.subscriptions).toHaveLength(2)
    expect(profile.accessLevels.get('premium')).toMatchObject({
      storeTransactionId: 'tx-2',
      expiresAt: '2026-03-10T00:00:00.000Z',
    })
    expect(profile.totalRevenueUsd).toBeCloseTo(19.98)
  })

  it('refunds a subscription: the level goes, the revenue goes, the subscription ends at the refund', () => {
    const { store, profile } = setup()
    setTransaction(store, profile, subscription())
    const refund = { refunded_at: '2026-01-12T00:00:00.000Z', cancellation_reason: 'refund' }
    setTransaction(store, profile, subscription(refund))
    expect(profile.accessLevels.has('premium')).toBe(false)
    expect(profile.totalRevenueUsd).toBe(0)
    expect(profile.subscriptions[0]).toMatchObject({
      expiresAt: '2026-01-12T00:00:00.000Z',
      cancellationReason: 'refund',
      isInGracePeriod: false,
    })
  })

  it('marks a refunded one-time purchase and adds no revenue for it', () => {
    const { store, profile } = setup()
    const refund = { refunded_at: '2026-01-12T00:00:00.000Z', cancellation_reason: 'refund' }
    setTransaction(store, profile, oneTime(refund))
    expect(profile.nonSubscriptions[0]?.isRefund).toBe(true)
    expect(profile.accessLevels.size).toBe(0)
    expect(profile.totalRevenueUsd).toBe(0)
  })

  it('leaves a level given by another purchase when a refund arrives', () => {
    const { store, profile } = setup()
    setTransaction(store, profile, oneTime())
    const refund = { refunded_at: '2026-01-12T00:00:00.000Z', cancellation_reason: 'refund' }
    setTransaction(store, profile, subscription(refund))
    expect(profile.accessLevels.get('premium')?.storeTransactionId).toBe('otp-1')
  })

  it('keeps a level that lasts longer than the new purchase gives', () => {
    const { store, profile } = setup()
    grantAccessLevel(store, profile, { access_level_id: 'premium' })
    setTransaction(store, profile, subscription())
    expect(profile.accessLevels.get('premium')).toMatchObject({ store: 'adapty', expiresAt: null })
    expect(profile.subscriptions).toHaveLength(1)
  })

  it('records an expired subscription without giving a level, and lapses its chain level', () => {
    const { store, profile } = setup()
    const old = {
      purchased_at: '2025-11-01T00:00:00.000Z',
      originally_purchased_at: '2025-11-01T00:00:00.000Z',
    }
    setTransaction(store, profile, subscription({ ...old, expires_at: '2025-12-01T00:00:00.000Z' }))
    expect(profile.subscriptions).toHaveLength(1)
    expect(profile.accessLevels.size).toBe(0)
    setTransaction(store, profile, subscription())
    expect(profile.accessLevels.has('premium')).toBe(true)
    setTransaction(store, profile, subscription({ expires_at: '2026-01-14T00:00:00.000Z' }))
    expect(profile.accessLevels.has('premium')).toBe(false)
  })

  it('keeps access through a grace period and reports it', () => {
    const { store, profile } = setup()
    const grace = {
      expires_at: '2026-01-14T00:00:00.000Z',
      billing_issue_detected_at: '2026-01-14T00:00:00.000Z',
      grace_period_expires_at: '2026-01-20T00:00:00.000Z',
    }
    setTransaction(store, profile, subscription(grace))
    expect(profile.subscriptions[0]).toMatchObject({
      isInGracePeriod: true,
      expiresAt: '2026-01-14T00:00:00.000Z',
    })
    expect(profile.accessLevels.get('premium')).toMatchObject({
      isInGracePeriod: true,
      expiresAt: '2026-01-20T00:00:00.000Z',
    })
  })

  it('records when auto-renewal was turned off', () => {
    const { store, profile } = setup()
    const off = { renew_status: false, renew_status_changed_at: '2026-01-11T00:00:00.000Z' }
    setTransaction(store, profile, subscription(off))
    expect(profile.subscriptions[0]?.renewalCancelledAt).toBe('2026-01-11T00:00:00.000Z')
    setTransaction(store, profile, subscription({ renew_status: false }))
    expect(profile.subscriptions[0]?.renewalCancelledAt).toBe('2026-01-10T00:00:00.000Z')
  })

  it.each<[string, string, Partial<SubscriptionInput>]>([
    ['refund_fields_error', 'refunded_at', { refunded_at: '2026-01-12T00:00:00.000Z' }],
    ['refund_fields_error', 'refunded_at', { cancellation_reason: 'refund' }],
    [
      'refund_date_error',
      'refunded_at',
      { refunded_at: '2026-01-10T00:00:00.000Z', cancellation_reason: 'refund' },
    ],
    ['family_share_price_error', 'is_family_shared', { is_family_shared: true }],
    [
      'free_trial_price_error',
      'offer.type',
      { offer: { category: 'introductory', type: 'free_trial' } },
    ],
    [
      'missing_offer_id',
      'offer.category',
      { offer: { category: 'win_back', type: 'pay_up_front', id: null } },
    ],
    ['expires_date_error', 'expires_at', { expires_at: '2026-01-10T00:00:00.000Z' }],
    [
      'originally_purchased_date_error',
      'originally_purchased_at',
      { originally_purchased_at: '2026-01-10T00:00:01.000Z' },
    ],
    [
      'renew_status_changed_date_error',
      'renew_status_changed_at',
      { renew_status_changed_at: '2026-01-09T23:59:59.000Z' },
    ],
    [
      'billing_issue_detected_at_date_comparison_error',
      'billing_issue_detected_at',
      { billing_issue_detected_at: '2026-01-10T00:00:00.000Z' },
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
        grace_period_expires_at: '2026-02-01T00:00:00.000Z',
      },
    ],
  ])('rejects a subscription with %s (source %s)', (code, source, overrides) => {
    expect(errorOf(checkTransaction(subscription(overrides)))).toEqual({
      code,
      source,
      status: 400,
    })
  })

  it('accepts the boundary cases the rules allow', () => {
    const accepted: Array<Partial<SubscriptionInput>> = [
      { cancellation_reason: 'voluntarily_cancelled', renew_status: false },
      { refunded_at: '2026-01-12T00:00:00.000Z', cancellation_reason: 'billing_error' },
      { is_family_shared: true, price: { country: 'US', currency: 'USD', value: 0 } },
      {
        offer: { category: 'introductory', type: 'free_trial' },
        price: { country: 'US', currency: 'USD', value: 0 },
      },
      { offer: { category: 'promotional', type: 'pay_as_you_go', id: 'promo-1' } },
      { renew_status_changed_at: '2026-01-10T00:00:00.000Z' },
      { originally_purchased_at: '2025-06-10T00:00:00.000Z' },
    ]
    for (const overrides of accepted)
      expect(checkTransaction(subscription(overrides))).toBeUndefined()
  })

  it('rejects a one-time purchase whose transaction ids differ, before any other rule', () => {
    const body = oneTime({
      store_original_transaction_id: 'otp-0',
      refunded_at: '2026-01-12T00:00:00.000Z',
    })
    expect(errorOf(checkTransaction(body))).toEqual({
      code: 'store_transaction_id_error',
      source: 'store_transaction_id',
      status: 400,
    })
  })

  it('changes nothing when a rule is broken', () => {
    const { store, profile } = setup()
    const result = setTransaction(store, profile, subscription({ is_family_shared: true }))
    expect(result.ok).toBe(false)
    expect(profile).toMatchObject({ subscriptions: [], totalRevenueUsd: 0 })
    expect(profile.accessLevels.size).toBe(0)
  })

  it('grants a level from store adapty and replaces its period when granted again', () => {
    const { store, profile } = setup()
    grantAccessLevel(store, profile, { access_level_id: 'pro', expires_at: '2026-02-01T00:00:00Z' })
    const first = profile.accessLevels.get('pro')
    expect(first).toMatchObject({
      store: 'adapty',
      startsAt: null,
      expiresAt: '2026-02-01T00:00:00.000Z',
    })
    grantAccessLevel(store, profile, {
      access_level_id: 'pro',
      starts_at: '2026-01-20T00:00:00Z',
      expires_at: null,
    })
    expect(profile.accessLevels.get('pro')).toMatchObject({
      startsAt: '2026-01-20T00:00:00.000Z',
      expiresAt: null,
      storeOriginalTransactionId: first?.storeOriginalTransactionId,
    })
  })

  it('rejects a grant of an unknown level, or one that ends before it starts', () => {
    const { store, profile } = setup()
    expect(errorOf(grantAccessLevel(store, profile, { access_level_id: 'gold' }))).toEqual({
      code: 'paid_access_level_does_not_exist',
      source: 'non_field_errors',
      status: 400,
    })
    const backwards = {
      access_level_id: 'pro',
      starts_at: '2026-03-01T00:00:00Z',
      expires_at: '2026-03-01T00:00:00Z',
    }
    expect(errorOf(grantAccessLevel(store, profile, backwards))).toEqual({
      code: 'value_error',
      source: 'expires_at',
      status: 400,
    })
    expect(profile.accessLevels.size).toBe(0)
  })

  it('accepts a grant that expired already, and the level lapses at once', () => {
    const { store, profile } = setup()
    grantAccessLevel(store, profile, { access_level_id: 'pro' })
    const result = grantAccessLevel(store, profile, {
      access_level_id: 'pro',
      expires_at: '2026-01-01T00:00:00Z',
    })
    expect(result.ok).toBe(true)
    expect(profile.accessLevels.has('pro')).toBe(false)
  })

  it('expires levels when the clock passes their expiry', () => {
    const { store, clock, profile } = setup()
    grantAccessLevel(store, profile, { access_level_id: 'pro', expires_at: '2026-01-16T12:00:00Z' })
    expireAccessLevels(store, profile)
    expect(profile.accessLevels.has('pro')).toBe(true)
    clock.advance(DAY)
    expireAccessLevels(store, profile)
    expect(profile.accessLevels.has('pro')).toBe(false)
  })

  it('revokes a level now, or schedules its end at revoke_at', () => {
    const { store, profile } = setup()
    grantAccessLevel(store, profile, { access_level_id: 'pro' })
    grantAccessLevel(store, profile, {
      access_level_id: 'premium',
      expires_at: '2026-06-01T00:00:00Z',
    })
    expect(revokeAccessLevel(store, profile, { access_level_id: 'pro' }).ok).toBe(true)
    expect(profile.accessLevels.has('pro')).toBe(false)
    revokeAccessLevel(store, profile, {
      access_level_id: 'premium',
      revoke_at: '2026-06-01T00:00:00Z',
    })
    expect(profile.accessLevels.get('premium')).toMatchObject({
      expiresAt: '2026-06-01T00:00:00.000Z',
      renewalCancelledAt: NOW,
    })
  })

  it('rejects a revocation of an unknown level, or of a level the profile lacks or has lost', () => {
    const { store, clock, profile } = setup()
    expect(errorOf(revokeAccessLevel(store, profile, { access_level_id: 'gold' }))?.code).toBe(
      'paid_access_level_does_not_exist',
    )
    expect(errorOf(revokeAccessLevel(store, profile, { access_level_id: 'pro' }))).toEqual({
      code: 'profile_paid_access_level_does_not_exist',
      source: 'non_field_errors',
      status: 400,
    })
    grantAccessLevel(store, profile, { access_level_id: 'pro', expires_at: '2026-01-16T00:00:00Z' })
    clock.advance(DAY)
    expect(errorOf(revokeAccessLevel(store, profile, { access_level_id: 'pro' }))?.code).toBe(
      'profile_paid_access_level_does_not_exist',
    )
  })

  it('rejects a revoke_at that is not in the future, or later than the expiry', () => {
    const { store, profile } = setup()
    grantAccessLevel(store, profile, { access_level_id: 'pro', expires_at: '2026-06-01T00:00:00Z' })
    expect(
      errorOf(revokeAccessLevel(store, profile, { access_level_id: 'pro', revoke_at: NOW })),
    ).toEqual({
      code: 'value_error',
      source: 'revoke_at',
      status: 400,
    })
    const late = { access_level_id: 'pro', revoke_at: '2026-06-01T00:00:01Z' }
    expect(errorOf(revokeAccessLevel(store, profile, late))).toEqual({
      code: 'revocation_date_more_than_expiration_date',
      source: 'revoke_at',
      status: 400,
    })
    expect(profile.accessLevels.get('pro')?.expiresAt).toBe('2026-06-01T00:00:00.000Z')
  })
})
