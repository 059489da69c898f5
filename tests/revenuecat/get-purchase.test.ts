import { describe, expect, it } from 'vitest'
import {
  addPurchase,
  bodyOf,
  createTestCustomer,
  errorParamOf,
  errorTypeOf,
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
  quantity: number
  entitlements: { items: Array<{ id: string }> }
}

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
    const res = await api.call(op, { path: path('p'.repeat(256)) })
    expect(res).toMatchContract(400)
    expect(errorTypeOf(res)).toBe('parameter_error')
    expect(errorParamOf(res)).toBe('purchase_id')
  })

  it('returns 404 resource_missing for an unknown purchase [get-purchase: unknown purchase]', async () => {
    const res = await api.call(op, { path: path(missingId(api, 'purchase')) })
    expect(res).toMatchContract(404)
    expect(errorTypeOf(res)).toBe('resource_missing')
  })
})
