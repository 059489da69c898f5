// Seeded payload builders and small flows shared by the Adapty suites.
import type { Faker } from '@faker-js/faker'
import { expect } from 'vitest'
import { NO_PROFILE, type Target } from './target.ts'

/** A valid ProfileRequest body with seeded values. */
export function profilePayload(faker: Faker) {
  return {
    first_name: faker.person.firstName(),
    last_name: faker.person.lastName(),
    gender: faker.helpers.arrayElement(['f', 'm', 'o']),
    email: faker.internet.email().toLowerCase(),
    birthday: faker.date.birthdate({ min: 18, max: 80, mode: 'age' }).toISOString().slice(0, 10),
    ip_country: faker.location.countryCode('alpha-2'),
    store_country: faker.location.countryCode('alpha-2'),
    store: 'app_store',
    att_status: 3,
    analytics_disabled: false,
    custom_attributes: [
      { key: 'favourite_sport', value: faker.helpers.arrayElement(['yoga', 'tennis', 'chess']) },
      { key: 'level', value: faker.number.int({ min: 1, max: 99 }) },
    ],
    installation_meta: {
      device_id: faker.string.uuid(),
      device: 'iPhone 15',
      locale: 'en',
      os: 'iOS 17.1',
      platform: 'iOS',
      timezone: 'Europe/Rome',
      app_build: '100',
      app_version: '1.0.0',
    },
  }
}

/**
 * Creates a fresh profile with a run-scoped customer user id and returns its ids. On a read-only
 * remote run it falls back to ADAPTY_CUSTOMER_USER_ID, or to a placeholder whose tests skip.
 */
export async function createTestProfile(
  api: Target,
): Promise<{ customerUserId: string; profileId: string }> {
  if (!api.writesAllowed) {
    const seeded = api.data.seededCustomerUserId
    if (seeded === undefined) {
      return { customerUserId: NO_PROFILE, profileId: '00000000-0000-4000-8000-000000000000' }
    }
    const read = await api.call('getProfile', { headers: api.byCustomer(seeded) })
    return { customerUserId: seeded, profileId: profileOf(read).profile_id }
  }
  const customerUserId = api.uniqueCustomerUserId()
  const res = await api.call('createProfile', {
    headers: api.byCustomer(customerUserId),
    body: profilePayload(api.faker),
  })
  expect(res).toMatchContract(200)
  const profileId = (res.response.json as { data: { profile_id: string } }).data.profile_id
  return { customerUserId, profileId }
}

/** The `data` of a ProfileResponse exchange. */
export function profileOf(res: { response: { json?: unknown } }) {
  return (res.response.json as { data: ProfileData }).data
}

/** The parts of a profile the suites read. */
export interface ProfileData {
  profile_id: string
  customer_user_id: string | null
  custom_attributes: Array<{ key: string; value: string | number }>
  access_levels: Array<{
    access_level_id: string
    expires_at: string | null
    [key: string]: unknown
  }>
  subscriptions: Array<Record<string, unknown>>
  non_subscriptions: Array<Record<string, unknown>>
  total_revenue_usd: number
}

/** The error_code of an Adapty error exchange. */
export function errorCodeOf(res: { response: { json?: unknown } }): string | undefined {
  return (res.response.json as { error_code?: string } | undefined)?.error_code
}

/** The sources named by an Adapty error exchange. */
export function errorSourcesOf(res: { response: { json?: unknown } }): Array<string | null> {
  const errors =
    (res.response.json as { errors?: Array<{ source?: string | null } | string> }).errors ?? []
  return errors.map((e) => (typeof e === 'string' ? null : (e.source ?? null)))
}

/** A valid subscription transaction for setTransaction, seeded and unique per call. */
export function subscriptionTransaction(faker: Faker, overrides: Record<string, unknown> = {}) {
  const id = `sub-${faker.string.alphanumeric(12)}`
  return {
    purchase_type: 'subscription',
    store: 'app_store',
    environment: 'Sandbox',
    store_product_id: 'monthly_premium',
    store_transaction_id: id,
    store_original_transaction_id: id,
    price: { country: 'US', currency: 'USD', value: 9.99 },
    // Purchased in the past, expiring far ahead: active on the sandbox's fixed clock and on a
    // real API's clock alike.
    purchased_at: '2026-01-15T12:00:00.000Z',
    originally_purchased_at: '2026-01-15T12:00:00.000Z',
    expires_at: '2099-01-15T12:00:00.000Z',
    renew_status: true,
    ...overrides,
  }
}

/** A valid one-time purchase for setTransaction, seeded and unique per call. */
export function oneTimePurchase(faker: Faker, overrides: Record<string, unknown> = {}) {
  const id = `otp-${faker.string.alphanumeric(12)}`
  return {
    purchase_type: 'one_time_purchase',
    store: 'play_store',
    store_product_id: 'lifetime_unlock',
    store_transaction_id: id,
    store_original_transaction_id: id,
    price: { country: 'DE', currency: 'EUR', value: 19.99 },
    purchased_at: '2026-01-10T08:00:00.000Z',
    ...overrides,
  }
}

/** The access level ids on a profile response. */
export function accessLevelIds(res: { response: { json?: unknown } }): string[] {
  return profileOf(res).access_levels.map((a) => a.access_level_id)
}

/**
 * Customers of the sandbox's default seed (fixtures/seeds/adapty/default.json) that start with the
 * `offers` purchase history: one per suite that changes its profile, so no suite sees another's
 * change. They exist only on the embedded sandbox: tests that use them call `api.needSandbox()`.
 */
export const SEEDED_OFFERS_CUSTOMER = {
  getProfile: 'subcontract-seed-offers',
  createProfile: 'subcontract-seed-offers-create',
  updateProfile: 'subcontract-seed-offers-update',
  setTransaction: 'subcontract-seed-offers-transaction',
  grantAccessLevel: 'subcontract-seed-offers-grant',
  revokeAccessLevel: 'subcontract-seed-offers-revoke',
  validatePaddlePurchase: 'subcontract-seed-offers-paddle',
} as const

/** The seeded customer whose Refund Saver preference is `grant` (sandbox only). */
export const SEEDED_REFUND_GRANT_CUSTOMER = 'subcontract-seed-refund-grant'

/** Seeded paywalls of the sandbox's main app by what they show (sandbox only). */
/** Every product set a paywall product documents; the seeded paywalls carry them all. */
export const PRODUCT_SETS = [
  'weekly',
  'monthly',
  'two_months',
  'trimonthly',
  'semiannual',
  'annual',
  'lifetime',
  'consumable',
  'nonsubscriptions',
  'uncategorised',
] as const

export const SEEDED_PAYWALLS = {
  /** live: monthly and annual products. */
  onboarding: '0f6c2a8e-1b3d-4c5e-8f7a-9b0c1d2e3f40',
  /** draft: a lifetime product. */
  draft: '1e7d3b9f-2c4e-4d6f-9a8b-0c1d2e3f4a51',
  /** inactive: no products. */
  inactive: '2f8e4c0a-3d5f-4e7a-8b9c-1d2e3f4a5b62',
  /** archived: weekly, two_months, trimonthly and semiannual products. */
  archived: '3a9f5d1b-4e6a-4f8b-9c0d-2e3f4a5b6c73',
  /** live: consumable, nonsubscriptions and uncategorised products. */
  store: '4b0a6e2c-5f7b-4a9c-8d1e-3f4a5b6c7d84',
} as const

/**
 * Checks the meaningful values of the seeded `offers` history on a profile response: each offer
 * category and type on its access level and subscription, the billing issue, the cancelled
 * renewal, base plan ids, environments, and the consumable and refunded one-time purchases.
 */
export function expectOffersHistory(
  res: { response: { json?: unknown } },
  { changedLevels = [] }: { changedLevels?: string[] } = {},
): void {
  const profile = profileOf(res)
  // A level the test itself changed (a grant, a new purchase) is left to the test to check.
  const level = (id: string) =>
    changedLevels.includes(id)
      ? expect.anything()
      : profile.access_levels.find((a) => a.access_level_id === id)
  expect(level('premium')).toMatchObject({
    store: 'play_store',
    store_base_plan_id: 'premium-monthly',
    offer: { category: 'introductory', type: 'free_trial', id: 'premium-trial-7d' },
    environment: 'Production',
  })
  expect(level('pro')).toMatchObject({
    offer: { category: 'promotional', type: 'pay_as_you_go', id: 'pro_loyalty_discount' },
    billing_issue_detected_at: '2026-01-10T06:15:00.000Z',
    is_in_grace_period: true,
    environment: 'Sandbox',
  })
  expect(level('plus')).toMatchObject({
    store: 'stripe',
    offer: { category: 'offer_code', type: 'pay_up_front', id: 'SUBCONTRACT-Q1' },
    renewal_cancelled_at: '2026-01-12T20:00:00.000Z',
    cancellation_reason: 'voluntarily_cancelled',
  })
  expect(level('basic')).toMatchObject({
    offer: { category: 'win_back', type: 'unknown', id: 'basic_comeback_offer' },
  })
  expect(level('lifetime')).toMatchObject({ offer: null, expires_at: null })
  const offers = profile.subscriptions.flatMap((s) =>
    s.offer === null ? [] : [s.offer as { category: string; type: string }],
  )
  expect(offers.map((o) => o.category).sort()).toEqual([
    'introductory',
    'offer_code',
    'promotional',
    'win_back',
  ])
  expect(offers.map((o) => o.type).sort()).toEqual([
    'free_trial',
    'pay_as_you_go',
    'pay_up_front',
    'unknown',
  ])
  expect(profile.subscriptions).toContainEqual(
    expect.objectContaining({
      store_base_plan_id: 'price_SubcontractPlusQuarterly',
      cancellation_reason: 'voluntarily_cancelled',
      renewal_cancelled_at: '2026-01-12T20:00:00.000Z',
    }),
  )
  const purchase = (storeProductId: string) =>
    profile.non_subscriptions.find((n) => n.store_product_id === storeProductId)
  expect(purchase('io.subcontract.coins.500')).toMatchObject({
    is_consumable: true,
    is_refund: false,
    environment: 'Sandbox',
    store_base_plan_id: null,
  })
  expect(purchase('prod_SubcontractGemPack')).toMatchObject({
    store: 'stripe',
    is_refund: true,
    store_base_plan_id: 'price_SubcontractGemPackOnce',
  })
  expect(purchase('subcontract_lifetime')).toMatchObject({
    store: 'play_store',
    is_consumable: false,
    is_refund: false,
    store_base_plan_id: 'lifetime-buy',
  })
}
