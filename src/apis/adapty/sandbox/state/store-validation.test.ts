import { describe, expect, it } from 'vitest'
import { createFixedClock } from '../../../../sandbox/clock.ts'
import { createIds } from '../../../../sandbox/ids.ts'
import { newProfile } from './profiles.ts'
import { createStore } from './store.ts'
import { SUBSCRIPTION_PERIOD_MS, validatePaddle, validateStripe } from './store-validation.ts'

const START = '2026-01-15T12:00:00.000Z'

function storeWith(paddleConfigured = true) {
  const clock = createFixedClock(START)
  const store = createStore(clock, createIds(3), 'app-1', {
    vcEnabled: false,
    vcRateLimitPerMinute: 600,
    paddleConfigured,
  })
  store.accessLevels.add('premium')
  store.accessLevels.add('lifetime')
  store.stripeTokens.set('sub_month', {
    token: 'sub_month',
    storeProductId: 'prod_month',
    kind: 'subscription',
    priceUsd: 9.99,
    accessLevelId: 'premium',
  })
  store.stripeTokens.set('pi_life', {
    token: 'pi_life',
    storeProductId: 'prod_life',
    kind: 'one_time',
    priceUsd: 49.99,
    accessLevelId: 'lifetime',
  })
  store.paddleTokens.set('txn_year', {
    token: 'txn_year',
    storeProductId: 'pri_year',
    priceUsd: 59.99,
    accessLevelId: 'premium',
  })
  return { store, clock }
}

describe('store validation state', () => {
  it('creates the profile of a new customer with the Stripe subscription, level and revenue', () => {
    const { store } = storeWith()
    const result = validateStripe(store, 'cus-1', 'sub_month')
    if (!result.ok) throw new Error(result.error.detail)
    const profile = result.value
    expect(store.profileIdByCustomerUserId.get('cus-1')).toBe(profile.profileId)
    expect(profile.subscriptions).toEqual([
      expect.objectContaining({ store: 'stripe', storeTransactionId: 'sub_month' }),
    ])
    const expires = new Date(Date.parse(START) + SUBSCRIPTION_PERIOD_MS).toISOString()
    expect(profile.accessLevels.get('premium')).toMatchObject({
      store: 'stripe',
      expiresAt: expires,
    })
    expect(profile.totalRevenueUsd).toBeCloseTo(9.99)
  })

  it('records a Stripe payment intent as a one-time purchase with a lifetime level', () => {
    const { store } = storeWith()
    const result = validateStripe(store, 'cus-1', 'pi_life')
    if (!result.ok) throw new Error(result.error.detail)
    expect(result.value.subscriptions).toEqual([])
    expect(result.value.nonSubscriptions).toEqual([
      expect.objectContaining({ store: 'stripe', isConsumable: false, isRefund: false }),
    ])
    expect(result.value.accessLevels.get('lifetime')?.expiresAt).toBeNull()
  })

  it('changes nothing when the same token is validated again for the same customer', () => {
    const { store } = storeWith()
    validateStripe(store, 'cus-1', 'pi_life')
    const again = validateStripe(store, 'cus-1', 'pi_life')
    if (!again.ok) throw new Error(again.error.detail)
    expect(again.value.nonSubscriptions).toHaveLength(1)
    expect(again.value.totalRevenueUsd).toBeCloseTo(49.99)
  })

  it('attaches the purchase to the existing profile of the customer', () => {
    const { store } = storeWith()
    const existing = newProfile('4f1c2a8e-1b3d-4c5e-8f7a-9b0c1d2e3f40', 'cus-1')
    store.profiles.set(existing.profileId, existing)
    store.profileIdByCustomerUserId.set('cus-1', existing.profileId)
    const result = validateStripe(store, 'cus-1', 'sub_month')
    expect(result.ok && result.value).toBe(existing)
    expect(store.profiles.size).toBe(1)
  })

  it('drops access levels that expired before the new purchase is attached', () => {
    const { store, clock } = storeWith()
    validateStripe(store, 'cus-1', 'sub_month')
    clock.advance(SUBSCRIPTION_PERIOD_MS + 1)
    const result = validateStripe(store, 'cus-1', 'pi_life')
    if (!result.ok) throw new Error(result.error.detail)
    expect([...result.value.accessLevels.keys()]).toEqual(['lifetime'])
  })

  it('points an unknown Stripe token at stripe_token and creates no profile', () => {
    const { store } = storeWith()
    expect(validateStripe(store, 'cus-1', 'sub_unknown')).toEqual({
      ok: false,
      error: {
        pointer: '/data/attributes/stripe_token',
        detail: expect.stringContaining('No such Stripe'),
      },
    })
    expect(validateStripe(store, 'cus-1', 'tok_123')).toMatchObject({
      ok: false,
      error: { detail: expect.stringContaining('not a Stripe subscription') },
    })
    expect(store.profiles.size).toBe(0)
  })

  it('points a blank customer user id at customer_user_id', () => {
    const { store } = storeWith()
    expect(validateStripe(store, ' ', 'sub_month')).toMatchObject({
      ok: false,
      error: { pointer: '/data/attributes/customer_user_id' },
    })
  })

  it('records a known Paddle token as a Paddle subscription', () => {
    const { store } = storeWith()
    const result = validatePaddle(store, 'cus-2', 'txn_year')
    if (!result.ok) throw new Error(result.error.errorCode)
    expect(result.value.subscriptions).toEqual([expect.objectContaining({ store: 'paddle' })])
    expect(result.value.accessLevels.get('premium')?.store).toBe('paddle')
  })

  it('records the purchase but keeps a level another purchase holds for longer', () => {
    const { store } = storeWith()
    const profile = newProfile('p-longer', 'cus-longer')
    store.profiles.set(profile.profileId, profile)
    store.profileIdByCustomerUserId.set('cus-longer', profile.profileId)
    const held = {
      accessLevelId: 'premium',
      store: 'app_store',
      storeProductId: 'premium_yearly',
      storeBasePlanId: null,
      storeTransactionId: 'apple-1',
      storeOriginalTransactionId: 'apple-1',
      offer: { category: 'promotional', type: 'pay_as_you_go', id: 'promo-1' },
      startsAt: START,
      purchasedAt: START,
      originallyPurchasedAt: START,
      expiresAt: '2099-01-01T00:00:00.000Z',
      renewalCancelledAt: null,
      billingIssueDetectedAt: null,
      isInGracePeriod: false,
      cancellationReason: null,
    }
    profile.accessLevels.set('premium', { ...held })
    const result = validatePaddle(store, 'cus-longer', 'txn_year')
    if (!result.ok) throw new Error(result.error.errorCode)
    expect(result.value.subscriptions).toEqual([expect.objectContaining({ store: 'paddle' })])
    expect(result.value.accessLevels.get('premium')).toEqual(held)
  })

  it('fails with paddle_api_key_not_found before looking at the token when Paddle is not set up', () => {
    const { store } = storeWith(false)
    const result = validatePaddle(store, 'cus-2', 'txn_year')
    expect(result.ok ? undefined : result.error.errorCode).toBe('paddle_api_key_not_found')
    expect(store.profiles.size).toBe(0)
  })

  it('fails with invalid_paddle_credentials_or_purchase_not_found for an unknown token', () => {
    const { store } = storeWith()
    const result = validatePaddle(store, 'cus-2', 'txn_nope')
    expect(result.ok ? undefined : result.error.errorCode).toBe(
      'invalid_paddle_credentials_or_purchase_not_found',
    )
  })

  it('rejects a blank Paddle customer user id as a validation error', () => {
    const { store } = storeWith()
    const result = validatePaddle(store, '', 'txn_year')
    expect(result.ok ? undefined : result.error).toMatchObject({
      errorCode: 'validation_error',
      errors: [{ source: 'customer_user_id' }],
    })
  })
})
