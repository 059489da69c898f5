import { describe, expect, it } from 'vitest'
import {
  allItems,
  bodyOf,
  expectMissing,
  expectParameterError,
  itemsOf,
  missingId,
} from '../support/revenuecat-data.ts'
import {
  createTestEntitlement,
  deleteTestEntitlement,
  entitlementPath,
  entitlementWithProducts,
} from '../support/revenuecat-entitlements.ts'
import { useTarget } from '../support/target.ts'

const op = 'get-products-from-entitlement'
const api = useTarget('revenuecat')

interface Product {
  object: string
  id: string
  type: string
  app_id: string
  [field: string]: unknown
}

describe(op, () => {
  it('lists the attached products, in the order attached [get-products-from-entitlement]', async () => {
    const { entitlement, products } = await entitlementWithProducts(api, 5)
    const res = await api.call(op, { path: entitlementPath(api, entitlement.id) })
    expect(res).toMatchContract(200)
    expect(bodyOf(res)).toMatchObject({
      object: 'list',
      next_page: null,
      url: expect.stringContaining(`/entitlements/${entitlement.id}/products`),
    })
    const items = itemsOf<Product>(res)
    expect(items.map((p) => p.id)).toEqual(products)
    for (const p of items)
      expect(p).toMatchObject({ object: 'product', app_id: expect.any(String) })
    await deleteTestEntitlement(api, entitlement.id)
  })

  it('shows a product of every type on the sandbox', async () => {
    api.needSandbox()
    const { entitlement } = await entitlementWithProducts(api, 5)
    const res = await api.call(op, { path: entitlementPath(api, entitlement.id) })
    expect(res).toMatchContract(200)
    expect(itemsOf<Product>(res).map((p) => p.type)).toEqual([
      'subscription',
      'consumable',
      'non_consumable',
      'one_time',
      'non_renewing_subscription',
    ])
    await deleteTestEntitlement(api, entitlement.id)
  })

  it('is empty for an entitlement with no products', async () => {
    const created = await createTestEntitlement(api)
    const res = await api.call(op, { path: entitlementPath(api, created.id) })
    expect(res).toMatchContract(200)
    expect(itemsOf(res)).toEqual([])
    await deleteTestEntitlement(api, created.id)
  })

  it('pages with limit and starting_after', async () => {
    const { entitlement, products } = await entitlementWithProducts(api, 3)
    const first = await api.call(op, {
      path: entitlementPath(api, entitlement.id),
      query: { limit: '2' },
    })
    expect(first).toMatchContract(200)
    expect(itemsOf(first)).toHaveLength(2)
    expect(bodyOf<{ next_page: string }>(first).next_page).toContain('starting_after=')
    const paged = await allItems<Product>(api, op, entitlementPath(api, entitlement.id), 'id', {
      limit: '1',
    })
    expect(paged.map((p) => p.id)).toEqual(products)
    await deleteTestEntitlement(api, entitlement.id)
  })

  it('returns 400 parameter_error for a limit of 0 [get-products-from-entitlement: bad limit]', async () => {
    await expectParameterError(
      api,
      op,
      { path: entitlementPath(api, api.need('entitlementId')), query: { limit: '0' } },
      'limit',
    )
  })

  it('returns 400 parameter_error for a starting_after that is no product of it', async () => {
    await expectParameterError(
      api,
      op,
      {
        path: entitlementPath(api, api.need('entitlementId')),
        query: { starting_after: missingId(api, 'product') },
      },
      'starting_after',
    )
  })

  it('returns 400 parameter_error for an entitlement id longer than 255 characters', async () => {
    await expectParameterError(
      api,
      op,
      { path: entitlementPath(api, 'e'.repeat(256)) },
      'entitlement_id',
    )
  })

  it('returns 404 resource_missing for an entitlement the project lacks [get-products-from-entitlement: unknown entitlement]', async () => {
    await expectMissing(api, op, { path: entitlementPath(api, missingId(api, 'entitlement')) })
  })
})
