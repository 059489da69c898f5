import { describe, expect, it } from 'vitest'
import { walkPages } from '../../src/http/walk-pages.ts'
import {
  addPurchase,
  createTestCustomer,
  expectMissing,
  expectParameterError,
  itemsOf,
  missingId,
  SANDBOX_ENTITLEMENTS,
  SANDBOX_PRODUCTS,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'list-purchase-entitlements'
const api = useTarget('revenuecat')

const path = (purchaseId: string) => ({
  project_id: api.need('projectId'),
  purchase_id: purchaseId,
})

describe(op, () => {
  it('lists the entitlements of a purchase [list-purchase-entitlements]', async () => {
    const res = await api.call(op, { path: path(api.need('purchaseId')) })
    expect(res).toMatchContract(200)
    for (const item of itemsOf<{ object: string }>(res)) expect(item.object).toBe('entitlement')
  })

  it('lists the entitlement a Web Billing purchase unlocks', async () => {
    const customerId = await createTestCustomer(api)
    const made = await addPurchase(api, customerId, {
      product_id: SANDBOX_PRODUCTS.webLifetime,
      store: 'rc_billing',
    })
    const res = await api.call(op, { path: path(made.id) })
    expect(res).toMatchContract(200)
    expect(itemsOf<{ id: string; lookup_key: string }>(res)).toEqual([
      expect.objectContaining({ id: SANDBOX_ENTITLEMENTS.lifetime, lookup_key: 'lifetime' }),
    ])
  })

  it('lists a purchase with no entitlement as an empty list', async () => {
    const customerId = await createTestCustomer(api)
    const made = await addPurchase(api, customerId, {
      product_id: SANDBOX_PRODUCTS.gems,
      store: 'app_store',
    })
    const res = await api.call(op, { path: path(made.id) })
    expect(res).toMatchContract(200)
    expect(itemsOf(res)).toEqual([])
  })

  it('walks the entitlements one page at a time, none repeated or missing', async () => {
    const customerId = await createTestCustomer(api)
    // The annual product unlocks two entitlements (pro and premium).
    const made = await addPurchase(api, customerId, { product_id: 'prod5eed0002' })
    const walk = await walkPages(api, op, { path: path(made.id), query: { limit: 1 } })
    expect(walk.stopped).toBeUndefined()
    for (const page of walk.pages) expect(page).toMatchContract(200)
    expect(walk.pages).toHaveLength(2)
    expect((walk.items as Array<{ id: string }>).map((e) => e.id)).toEqual([
      SANDBOX_ENTITLEMENTS.pro,
      SANDBOX_ENTITLEMENTS.premium,
    ])
  })

  it('returns 400 parameter_error for a limit that is not a number [list-purchase-entitlements: bad limit]', async () => {
    await expectParameterError(
      api,
      op,
      { path: path(api.need('purchaseId')), query: { limit: 'many' } },
      'limit',
    )
  })

  it('returns 400 parameter_error for an id longer than 255 characters', async () => {
    await expectParameterError(api, op, { path: path('p'.repeat(256)) }, 'purchase_id')
  })

  it('returns 404 resource_missing for an unknown purchase [list-purchase-entitlements: unknown purchase]', async () => {
    await expectMissing(api, op, { path: path(missingId(api, 'purchase')) })
  })
})
