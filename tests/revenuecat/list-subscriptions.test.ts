import { describe, expect, it } from 'vitest'
import {
  addSubscription,
  bodyOf,
  createTestCustomer,
  customerPath,
  errorParamOf,
  errorTypeOf,
  itemsOf,
  missingId,
  SANDBOX_CUSTOMERS,
  SANDBOX_PRODUCTS,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'list-subscriptions'
const api = useTarget('revenuecat')

interface Subscription {
  object: string
  id: string
  customer_id: string
  environment: string
  store: string
  status: string
  gives_access: boolean
  auto_renewal_status: string
  ends_at: number | null
  ownership: string
}
interface Page {
  url: string
  next_page: string | null
  items: Subscription[]
}

/** A seeded subscription as the list shows it: id, store, status, gives_access, auto_renewal_status, whether it has an end date. */
type Row = [string, string, string, boolean, string, boolean]

/** Each seeded customer's subscriptions, oldest first (fixtures/seeds/revenuecat/default.json, sandbox only). */
const SEEDED: Array<[string, Row[]]> = [
  [
    SANDBOX_CUSTOMERS.active,
    [['sub5eed0001', 'app_store', 'active', true, 'will_change_product', false]],
  ],
  [SANDBOX_CUSTOMERS.trial, [['sub5eed0003', 'play_store', 'trialing', true, 'will_renew', false]]],
  [
    SANDBOX_CUSTOMERS.grace,
    [['sub5eed0004', 'play_store', 'in_grace_period', true, 'will_renew', false]],
  ],
  [
    SANDBOX_CUSTOMERS.billingRetry,
    [['sub5eed0005', 'app_store', 'in_billing_retry', false, 'will_renew', false]],
  ],
  [
    SANDBOX_CUSTOMERS.paused,
    [
      ['sub5eed0006', 'play_store', 'paused', false, 'will_renew', false],
      ['sub5eed0007', 'mac_app_store', 'active', true, 'requires_price_increase_consent', false],
      ['sub5eed0008', 'amazon', 'active', true, 'will_pause', false],
    ],
  ],
  [
    SANDBOX_CUSTOMERS.expired,
    [['sub5eed0009', 'app_store', 'expired', false, 'will_not_renew', true]],
  ],
  [
    SANDBOX_CUSTOMERS.web,
    [
      ['sub5eed0010', 'rc_billing', 'active', true, 'will_renew', false],
      ['sub5eed0011', 'stripe', 'active', true, 'has_already_renewed', false],
    ],
  ],
  [
    SANDBOX_CUSTOMERS.refunded,
    [['sub5eed0017', 'rc_billing', 'expired', false, 'will_not_renew', true]],
  ],
  [
    SANDBOX_CUSTOMERS.granted,
    [
      ['sub5eed0019', 'promotional', 'active', true, 'will_not_renew', true],
      ['sub5eed0020', 'promotional', 'expired', false, 'will_not_renew', true],
    ],
  ],
  [
    SANDBOX_CUSTOMERS.variety,
    [
      ['sub5eed0201', 'stripe', 'unknown', false, 'will_renew', false],
      ['sub5eed0202', 'rc_billing', 'incomplete', false, 'will_renew', false],
      ['sub5eed0203', 'app_store', 'active', true, 'will_change_product', false],
    ],
  ],
]

const list = (customerId: string, query?: Record<string, string>) =>
  api.call(op, { path: customerPath(api, customerId), ...(query ? { query } : {}) })

describe(op, () => {
  it("lists the customer's subscriptions [list-subscriptions]", async () => {
    const id = api.need('customerId')
    const res = await list(id)
    expect(res).toMatchContract(200)
    const items = itemsOf<Subscription>(res)
    expect(items.map((s) => s.id)).toContain(api.need('subscriptionId'))
    for (const sub of items) expect(sub).toMatchObject({ object: 'subscription', customer_id: id })
  })

  it('keeps the production subscriptions only [list-subscriptions: environment production]', async () => {
    const res = await list(api.need('customerId'), { environment: 'production' })
    expect(res).toMatchContract(200)
    for (const sub of itemsOf<Subscription>(res)) expect(sub.environment).toBe('production')
  })

  it('pages through 25 subscriptions, and filters them by environment', async () => {
    api.needSandbox()
    const first = await list(SANDBOX_CUSTOMERS.many)
    expect(first).toMatchContract(200)
    const page = bodyOf<Page>(first)
    expect(page.items).toHaveLength(20)
    const last = page.items.at(-1)?.id ?? ''
    expect(page.next_page).toContain(`starting_after=${last}`)
    const second = await list(SANDBOX_CUSTOMERS.many, { starting_after: last })
    expect(second).toMatchContract(200)
    expect(bodyOf<Page>(second)).toMatchObject({ next_page: null })
    const all = [...page.items, ...itemsOf<Subscription>(second)]
    expect(new Set(all.map((s) => s.id)).size).toBe(25)

    const sandbox = await list(SANDBOX_CUSTOMERS.many, { environment: 'sandbox', limit: '5' })
    expect(sandbox).toMatchContract(200)
    const filtered = bodyOf<Page>(sandbox)
    expect(filtered.items).toHaveLength(5)
    for (const sub of filtered.items) expect(sub.environment).toBe('sandbox')
    expect(filtered.next_page).toContain('environment=sandbox')
    const rest = await list(SANDBOX_CUSTOMERS.many, {
      environment: 'sandbox',
      starting_after: filtered.items.at(-1)?.id ?? '',
    })
    expect(rest).toMatchContract(200)
    const sandboxCount = all.filter((s) => s.environment === 'sandbox').length
    expect(filtered.items.length + itemsOf(rest).length).toBe(sandboxCount)
  })

  it.each(SEEDED)(
    'lists the seeded subscriptions of %s in their states',
    async (customerId, rows) => {
      api.needSandbox()
      const res = await list(customerId)
      expect(res).toMatchContract(200)
      expect(bodyOf<Page>(res).next_page).toBeNull()
      expect(itemsOf<Subscription>(res)).toEqual(
        rows.map(([id, store, status, access, renewal, ended]) =>
          expect.objectContaining({
            id,
            customer_id: customerId,
            store,
            status,
            gives_access: access,
            auto_renewal_status: renewal,
            ends_at: ended ? expect.any(Number) : null,
          }),
        ),
      )
    },
  )

  it('lists a family-shared subscription and its change to a product with a grace period and a trial', async () => {
    api.needSandbox()
    const res = await list(SANDBOX_CUSTOMERS.variety)
    expect(res).toMatchContract(200)
    expect(itemsOf<Subscription>(res).find((s) => s.id === 'sub5eed0203')).toMatchObject({
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
    })
    const expired = await list(SANDBOX_CUSTOMERS.expired)
    expect(expired).toMatchContract(200)
    expect(itemsOf<Subscription>(expired)).toEqual([
      expect.objectContaining({ ownership: 'family_shared' }),
    ])
  })

  it('lists a new subscription of a new customer, and nothing of another customer', async () => {
    api.needSandbox()
    const id = await createTestCustomer(api)
    const empty = await list(id)
    expect(empty).toMatchContract(200)
    expect(itemsOf(empty)).toEqual([])
    const sub = await addSubscription(api, id, {
      product_id: SANDBOX_PRODUCTS.playStoreMonthly,
      store: 'play_store',
      environment: 'production',
    })
    const res = await list(id)
    expect(res).toMatchContract(200)
    expect(itemsOf<Subscription>(res)).toEqual([
      expect.objectContaining({ id: sub.id, store: 'play_store', environment: 'production' }),
    ])
    const other = await list(id, { environment: 'sandbox' })
    expect(itemsOf(other)).toEqual([])
  })

  it('returns 400 parameter_error for an unknown environment [list-subscriptions: bad environment]', async () => {
    const res = await list(api.need('customerId'), { environment: 'staging' })
    expect(res).toMatchContract(400)
    expect(errorTypeOf(res)).toBe('parameter_error')
    expect(errorParamOf(res)).toBe('environment')
  })

  it('returns 400 parameter_error for a limit that is not a number', async () => {
    const res = await list(api.need('customerId'), { limit: 'ten' })
    expect(res).toMatchContract(400)
    expect(errorParamOf(res)).toBe('limit')
  })

  it('returns 400 parameter_error for a customer id longer than 1500 characters', async () => {
    const res = await list('x'.repeat(1501))
    expect(res).toMatchContract(400)
    expect(errorParamOf(res)).toBe('customer_id')
  })

  it('returns 404 resource_missing for an unknown customer [list-subscriptions: unknown customer]', async () => {
    const res = await list(missingId(api, 'customer'))
    expect(res).toMatchContract(404)
    expect(errorTypeOf(res)).toBe('resource_missing')
  })
})
