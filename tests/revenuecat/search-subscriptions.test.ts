import { describe, expect, it } from 'vitest'
import {
  addSubscription,
  bodyOf,
  createTestCustomer,
  errorParamOf,
  errorTypeOf,
  itemsOf,
  SANDBOX_CUSTOMERS,
  SANDBOX_PRODUCTS,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'search-subscriptions'
const api = useTarget('revenuecat')

/** An earlier store identifier of the seeded active App Store subscription (sandbox only). */
const PAST_IDENTIFIER = '2000pastA0001'

interface Subscription {
  id: string
  customer_id: string
  store_subscription_identifier: string
}

/**
 * Seeded subscriptions (fixtures/seeds/revenuecat/default.json, sandbox only): id, customer,
 * store, status, gives_access, auto_renewal_status, whether it has an end date.
 */
const SEEDED: Array<[string, string, string, string, boolean, string, boolean]> = [
  [
    'sub5eed0001',
    SANDBOX_CUSTOMERS.active,
    'app_store',
    'active',
    true,
    'will_change_product',
    false,
  ],
  ['sub5eed0003', SANDBOX_CUSTOMERS.trial, 'play_store', 'trialing', true, 'will_renew', false],
  [
    'sub5eed0004',
    SANDBOX_CUSTOMERS.grace,
    'play_store',
    'in_grace_period',
    true,
    'will_renew',
    false,
  ],
  [
    'sub5eed0005',
    SANDBOX_CUSTOMERS.billingRetry,
    'app_store',
    'in_billing_retry',
    false,
    'will_renew',
    false,
  ],
  ['sub5eed0006', SANDBOX_CUSTOMERS.paused, 'play_store', 'paused', false, 'will_renew', false],
  [
    'sub5eed0007',
    SANDBOX_CUSTOMERS.paused,
    'mac_app_store',
    'active',
    true,
    'requires_price_increase_consent',
    false,
  ],
  ['sub5eed0008', SANDBOX_CUSTOMERS.paused, 'amazon', 'active', true, 'will_pause', false],
  ['sub5eed0009', SANDBOX_CUSTOMERS.expired, 'app_store', 'expired', false, 'will_not_renew', true],
  ['sub5eed0010', SANDBOX_CUSTOMERS.web, 'rc_billing', 'active', true, 'will_renew', false],
  ['sub5eed0011', SANDBOX_CUSTOMERS.web, 'stripe', 'active', true, 'has_already_renewed', false],
  [
    'sub5eed0017',
    SANDBOX_CUSTOMERS.refunded,
    'rc_billing',
    'expired',
    false,
    'will_not_renew',
    true,
  ],
  ['sub5eed0019', SANDBOX_CUSTOMERS.granted, 'promotional', 'active', true, 'will_not_renew', true],
  [
    'sub5eed0020',
    SANDBOX_CUSTOMERS.granted,
    'promotional',
    'expired',
    false,
    'will_not_renew',
    true,
  ],
  ['sub5eed0201', SANDBOX_CUSTOMERS.variety, 'stripe', 'unknown', false, 'will_renew', false],
  [
    'sub5eed0202',
    SANDBOX_CUSTOMERS.variety,
    'rc_billing',
    'incomplete',
    false,
    'will_renew',
    false,
  ],
  [
    'sub5eed0203',
    SANDBOX_CUSTOMERS.variety,
    'app_store',
    'active',
    true,
    'will_change_product',
    false,
  ],
]

const search = (query: Record<string, string>) =>
  api.call(op, { path: { project_id: api.need('projectId') }, query })

describe(op, () => {
  it('finds a subscription by its store identifier [search-subscriptions]', async () => {
    const id = api.need('subscriptionId')
    const sub = await api.call('get-subscription', {
      path: { project_id: api.need('projectId'), subscription_id: id },
    })
    expect(sub).toMatchContract(200)
    const identifier = bodyOf<Subscription>(sub).store_subscription_identifier
    const res = await search({ store_subscription_identifier: identifier })
    expect(res).toMatchContract(200)
    expect(bodyOf<{ url: string }>(res).url).toBe(
      `/v2/projects/${api.need('projectId')}/subscriptions`,
    )
    expect(itemsOf<Subscription>(res).map((s) => s.id)).toContain(id)
    for (const found of itemsOf<Subscription>(res))
      expect(found.store_subscription_identifier).toBe(identifier)
  })

  it.each(SEEDED)(
    'finds seeded %s (%s, %s) by its store identifier, as %s',
    async (id, customer, store, status, access, renewal, ended) => {
      api.needSandbox()
      const read = await api.call('get-subscription', {
        path: { project_id: api.need('projectId'), subscription_id: id },
      })
      expect(read).toMatchContract(200)
      const sub = bodyOf<Subscription>(read)
      const res = await search({ store_subscription_identifier: sub.store_subscription_identifier })
      expect(res).toMatchContract(200)
      expect(itemsOf(res)).toEqual([sub])
      expect(sub).toMatchObject({
        id,
        customer_id: customer,
        store,
        status,
        gives_access: access,
        auto_renewal_status: renewal,
        ends_at: ended ? expect.any(Number) : null,
      })
    },
  )

  it('finds a family-shared subscription and its change to a product with a grace period and a trial', async () => {
    api.needSandbox()
    const res = await search({ store_subscription_identifier: '20005eedvar0203' })
    expect(res).toMatchContract(200)
    expect(itemsOf(res)).toEqual([
      expect.objectContaining({
        id: 'sub5eed0203',
        ownership: 'family_shared',
        pending_changes: {
          product: expect.objectContaining({
            id: SANDBOX_PRODUCTS.appStoreMonthly,
            subscription: expect.objectContaining({
              grace_period_duration: 'P16D',
              trial_duration: 'P1W',
            }),
          }),
        },
      }),
    ])
  })

  it('finds a new subscription, and only it', async () => {
    api.needSandbox()
    const customer = await createTestCustomer(api)
    const sub = await addSubscription(api, customer, {
      product_id: SANDBOX_PRODUCTS.playStoreMonthly,
      store: 'play_store',
    })
    const res = await search({
      store_subscription_identifier: String(sub.store_subscription_identifier),
    })
    expect(res).toMatchContract(200)
    expect(itemsOf<Subscription>(res)).toEqual([
      expect.objectContaining({ id: sub.id, customer_id: customer }),
    ])
  })

  it('finds a subscription by the store identifier of an earlier period', async () => {
    api.needSandbox()
    const res = await search({ store_subscription_identifier: PAST_IDENTIFIER })
    expect(res).toMatchContract(200)
    const items = itemsOf<Subscription>(res)
    expect(items).toHaveLength(1)
    expect(items[0]?.store_subscription_identifier).not.toBe(PAST_IDENTIFIER)
  })

  it('answers an empty list when nothing matches [search-subscriptions: no match]', async () => {
    const res = await search({
      store_subscription_identifier: `subcontract-missing-${api.faker.string.alphanumeric(10)}`,
    })
    expect(res).toMatchContract(200)
    expect(itemsOf(res)).toEqual([])
  })

  it('returns 400 parameter_error without store_subscription_identifier [search-subscriptions: missing store_subscription_identifier]', async () => {
    const res = await search({})
    expect(res).toMatchContract(400)
    expect(errorTypeOf(res)).toBe('parameter_error')
    expect(errorParamOf(res)).toBe('store_subscription_identifier')
  })

  it('returns 400 parameter_error for an identifier longer than 255 characters', async () => {
    const res = await search({ store_subscription_identifier: 'x'.repeat(256) })
    expect(res).toMatchContract(400)
    expect(errorParamOf(res)).toBe('store_subscription_identifier')
  })
})
