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
