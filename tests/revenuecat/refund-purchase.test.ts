import { describe, expect, it } from 'vitest'
import {
  addPurchase,
  bodyOf,
  createTestCustomer,
  customerPath,
  errorParamOf,
  errorTypeOf,
  expectMissing,
  expectParameterError,
  missingId,
  SANDBOX_ENTITLEMENTS,
  SANDBOX_PRODUCTS,
  whileLocked,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'refund-purchase'
const api = useTarget('revenuecat')

const path = (purchaseId: string) => ({
  project_id: api.need('projectId'),
  purchase_id: purchaseId,
})

/** The ids of the customer's active entitlements, read through get-customer. */
async function activeEntitlements(customerId: string): Promise<string[]> {
  const res = await api.call('get-customer', { path: customerPath(api, customerId) })
  expect(res).toMatchContract(200)
  return bodyOf<{ active_entitlements: { items: Array<{ entitlement_id: string }> } }>(
    res,
  ).active_entitlements.items.map((e) => e.entitlement_id)
}

/** A test customer with a Web Billing lifetime purchase (unlocking `lifetime`). */
async function webPurchase(): Promise<{ customerId: string; purchaseId: string }> {
  const customerId = await createTestCustomer(api)
  const made = await addPurchase(api, customerId, {
    product_id: SANDBOX_PRODUCTS.webLifetime,
    store: 'rc_billing',
  })
  return { customerId, purchaseId: made.id }
}

describe(op, () => {
  it('refunds a Web Billing purchase and revokes its entitlement [refund-purchase]', async () => {
    const { customerId, purchaseId } = await webPurchase()
    expect(await activeEntitlements(customerId)).toEqual([SANDBOX_ENTITLEMENTS.lifetime])
    const res = await api.call(op, { path: path(purchaseId) })
    expect(res).toMatchContract(200)
    expect(bodyOf(res)).toMatchObject({ id: purchaseId, status: 'refunded' })
    expect(await activeEntitlements(customerId)).toEqual([])
    const read = await api.call('get-purchase', { path: path(purchaseId) })
    expect(read).toMatchContract(200)
    expect(bodyOf(read).status).toBe('refunded')
  })

  it('keeps everything else the purchase was bought with: offering, country, ownership, quantity, price', async () => {
    const customerId = await createTestCustomer(api)
    const made = await addPurchase(api, customerId, {
      product_id: SANDBOX_PRODUCTS.webLifetime,
      store: 'rc_billing',
      environment: 'production',
      presented_offering_id: 'ofrng5eed0001',
      country: 'DE',
      ownership: 'purchased',
      quantity: 3,
      price: 49.5,
    })
    expect(made).toMatchObject({
      presented_offering_id: 'ofrng5eed0001',
      country: 'DE',
      ownership: 'purchased',
      quantity: 3,
      revenue_in_usd: { currency: 'USD', gross: 49.5 },
    })
    const res = await api.call(op, { path: path(made.id) })
    expect(res).toMatchContract(200)
    expect(bodyOf(res)).toEqual({ ...made, status: 'refunded' })
    const read = await api.call('get-purchase', { path: path(made.id) })
    expect(read).toMatchContract(200)
    expect(bodyOf(read)).toEqual({ ...made, status: 'refunded' })
  })

  it('returns 422 unprocessable_entity_error for a purchase refunded already [refund-purchase: already refunded]', async () => {
    const { customerId, purchaseId } = await webPurchase()
    expect(await api.call(op, { path: path(purchaseId) })).toMatchContract(200)
    const res = await api.call(op, { path: path(purchaseId) })
    expect(res).toMatchContract(422)
    expect(errorTypeOf(res)).toBe('unprocessable_entity_error')
    expect(await activeEntitlements(customerId)).toEqual([])
  })

  it('returns 422 unprocessable_entity_error for a purchase of another store, and keeps it owned', async () => {
    const customerId = await createTestCustomer(api)
    const made = await addPurchase(api, customerId, {
      product_id: 'prod5eed0007',
      store: 'play_store',
    })
    const res = await api.call(op, { path: path(made.id) })
    expect(res).toMatchContract(422)
    expect(errorTypeOf(res)).toBe('unprocessable_entity_error')
    expect(errorParamOf(res)).toBeUndefined()
    expect(await activeEntitlements(customerId)).toEqual([SANDBOX_ENTITLEMENTS.lifetime])
  })

  it('returns 400 parameter_error for an id longer than 255 characters', async () => {
    await expectParameterError(api, op, { path: path('p'.repeat(256)) }, 'purchase_id')
  })

  it('returns 404 resource_missing for an unknown purchase [refund-purchase: unknown purchase]', async () => {
    await expectMissing(api, op, { path: path(missingId(api, 'purchase')) })
  })

  it('returns 423 resource_locked_error while the customer is being changed, and refunds nothing', async () => {
    const { customerId, purchaseId } = await webPurchase()
    const res = await whileLocked(api, customerId, () => api.call(op, { path: path(purchaseId) }))
    expect(res).toMatchContract(423)
    expect(errorTypeOf(res)).toBe('resource_locked_error')
    expect(await activeEntitlements(customerId)).toEqual([SANDBOX_ENTITLEMENTS.lifetime])
  })
})
