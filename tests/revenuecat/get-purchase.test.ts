import { describe, expect, it } from 'vitest'
import {
  addPurchase,
  bodyOf,
  createTestCustomer,
  expectMissing,
  expectParameterError,
  missingId,
  SANDBOX_CUSTOMERS,
  SANDBOX_ENTITLEMENTS,
  SANDBOX_PRODUCTS,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'get-purchase'
const api = useTarget('revenuecat')

interface Purchase {
  object: string
  id: string
  customer_id: string
  product_id: string
  status: string
  store: string
  environment: string
  ownership: string
  quantity: number
  entitlements: { items: Array<{ id: string }> }
}

/**
 * The seeded purchases of every store, status and ownership (fixtures/seeds/revenuecat/default.json),
 * as get-purchase shows them.
 */
const SEEDED_PURCHASES = [
  {
    id: 'purch5eed0002',
    customer: SANDBOX_CUSTOMERS.active,
    store: 'app_store',
    status: 'owned',
    ownership: 'purchased',
    environment: 'production',
    entitlements: [],
  },
  {
    id: 'purch5eed0012',
    customer: SANDBOX_CUSTOMERS.web,
    store: 'rc_billing',
    status: 'owned',
    ownership: 'purchased',
    environment: 'production',
    entitlements: [SANDBOX_ENTITLEMENTS.lifetime],
  },
  {
    id: 'purch5eed0018',
    customer: SANDBOX_CUSTOMERS.refunded,
    store: 'play_store',
    status: 'refunded',
    ownership: 'purchased',
    environment: 'production',
    entitlements: [SANDBOX_ENTITLEMENTS.lifetime],
  },
  {
    id: 'purch5eed0211',
    customer: SANDBOX_CUSTOMERS.variety,
    store: 'amazon',
    status: 'owned',
    ownership: 'purchased',
    environment: 'production',
    entitlements: [],
  },
  {
    id: 'purch5eed0212',
    customer: SANDBOX_CUSTOMERS.variety,
    store: 'mac_app_store',
    status: 'owned',
    ownership: 'purchased',
    environment: 'production',
    entitlements: [],
  },
  {
    id: 'purch5eed0213',
    customer: SANDBOX_CUSTOMERS.variety,
    store: 'play_store',
    status: 'owned',
    ownership: 'family_shared',
    environment: 'production',
    entitlements: [SANDBOX_ENTITLEMENTS.lifetime],
  },
  {
    id: 'purch5eed0214',
    customer: SANDBOX_CUSTOMERS.variety,
    store: 'promotional',
    status: 'owned',
    ownership: 'purchased',
    environment: 'production',
    entitlements: [SANDBOX_ENTITLEMENTS.premium],
  },
  {
    id: 'purch5eed0215',
    customer: SANDBOX_CUSTOMERS.variety,
    store: 'stripe',
    status: 'refunded',
    ownership: 'purchased',
    environment: 'sandbox',
    entitlements: [SANDBOX_ENTITLEMENTS.lifetime],
  },
] as const

const path = (purchaseId: string) => ({
  project_id: api.need('projectId'),
  purchase_id: purchaseId,
})

describe(op, () => {
  it('returns a purchase [get-purchase]', async () => {
    const id = api.need('purchaseId')
    const res = await api.call(op, { path: path(id) })
    expect(res).toMatchContract(200)
    expect(bodyOf<Purchase>(res)).toMatchObject({ object: 'purchase', id })
  })

  it('returns the seeded App Store purchase of the active customer as it was bought', async () => {
    api.needSandbox()
    const res = await api.call(op, { path: path(api.need('purchaseId')) })
    expect(res).toMatchContract(200)
    expect(bodyOf<Purchase>(res)).toMatchObject({
      customer_id: SANDBOX_CUSTOMERS.active,
      product_id: SANDBOX_PRODUCTS.gems,
      status: 'owned',
      store: 'app_store',
      quantity: 2,
      entitlements: { items: [] },
    })
  })

  it.each(SEEDED_PURCHASES)(
    'returns the seeded $store purchase $id, $status and $ownership, of $environment',
    async (seeded) => {
      api.needSandbox()
      const res = await api.call(op, { path: path(seeded.id) })
      expect(res).toMatchContract(200)
      const purchase = bodyOf<Purchase>(res)
      expect(purchase).toMatchObject({
        object: 'purchase',
        id: seeded.id,
        customer_id: seeded.customer,
        store: seeded.store,
        status: seeded.status,
        ownership: seeded.ownership,
        environment: seeded.environment,
      })
      expect(purchase.entitlements.items.map((e) => e.id)).toEqual(seeded.entitlements)
    },
  )

  it('returns a Web Billing purchase made now, owned, with the entitlement it unlocks', async () => {
    const customerId = await createTestCustomer(api)
    const made = await addPurchase(api, customerId, {
      product_id: SANDBOX_PRODUCTS.webLifetime,
      store: 'rc_billing',
    })
    const res = await api.call(op, { path: path(made.id) })
    expect(res).toMatchContract(200)
    const purchase = bodyOf<Purchase>(res)
    expect(purchase).toMatchObject({ id: made.id, customer_id: customerId, status: 'owned' })
    expect(purchase.entitlements.items.map((e) => e.id)).toEqual([SANDBOX_ENTITLEMENTS.lifetime])
  })

  it('returns 400 parameter_error for an id longer than 255 characters', async () => {
    await expectParameterError(api, op, { path: path('p'.repeat(256)) }, 'purchase_id')
  })

  it('returns 404 resource_missing for an unknown purchase [get-purchase: unknown purchase]', async () => {
    await expectMissing(api, op, { path: path(missingId(api, 'purchase')) })
  })
})
