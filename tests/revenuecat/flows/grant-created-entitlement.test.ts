// A flow across the Entitlement and Customer operations: an entitlement created here, a product
// of the catalog attached to it, granted to a test customer, seen among its active entitlements,
// revoked, and deleted again.
import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  createTestCustomer,
  customerPath,
  expectMissing,
  itemsOf,
} from '../../support/revenuecat-data.ts'
import {
  catalogProducts,
  createTestEntitlement,
  type Entitlement,
  entitlementPath,
} from '../../support/revenuecat-entitlements.ts'
import { useTarget } from '../../support/target.ts'

const api = useTarget('revenuecat')

/** 2100-01-01: later than any clock a run meets. */
const FAR_FUTURE = 4102444800000

const activeIds = async (customer: string) => {
  const res = await api.call('list-customer-active-entitlements', {
    path: customerPath(api, customer),
  })
  expect(res).toMatchContract(200)
  return itemsOf<{ entitlement_id: string; expires_at: number | null }>(res)
}

describe('grant a created entitlement', () => {
  it('creates, attaches, grants, sees, revokes and deletes an entitlement', async () => {
    const [product] = await catalogProducts(api, 1)
    const entitlement = await createTestEntitlement(api, 'Flow entitlement')
    const path = entitlementPath(api, entitlement.id)
    const attach = await api.call('attach-products-to-entitlement', {
      path,
      body: { product_ids: [product] },
    })
    expect(attach).toMatchContract(200)
    const read = await api.call('get-entitlement', { path, query: { expand: 'product' } })
    expect(bodyOf<Entitlement>(read).products?.items.map((p) => p.id)).toEqual([product])

    const customer = await createTestCustomer(api)
    const grant = await api.call('grant-customer-entitlement', {
      path: customerPath(api, customer),
      body: { entitlement_id: entitlement.id, expires_at: FAR_FUTURE },
    })
    expect(grant).toMatchContract(201)
    expect(await activeIds(customer)).toContainEqual(
      expect.objectContaining({ entitlement_id: entitlement.id, expires_at: FAR_FUTURE }),
    )

    const revoke = await api.call('revoke-customer-granted-entitlement', {
      path: customerPath(api, customer),
      body: { entitlement_id: entitlement.id },
    })
    expect(revoke).toMatchContract(200)
    expect((await activeIds(customer)).map((e) => e.entitlement_id)).not.toContain(entitlement.id)

    const removed = await api.call('delete-entitlement', { path })
    expect(removed).toMatchContract(200)
    await expectMissing(api, 'get-entitlement', { path })
    // Gone from the project, it can no longer be granted.
    const again = await api.call('grant-customer-entitlement', {
      path: customerPath(api, customer),
      body: { entitlement_id: entitlement.id, expires_at: FAR_FUTURE },
    })
    expect(again).toMatchContract(404)
  })
})
