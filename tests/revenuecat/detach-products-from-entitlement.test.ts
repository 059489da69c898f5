import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  errorParamOf,
  expectMissing,
  expectParameterError,
  itemsOf,
  missingId,
} from '../support/revenuecat-data.ts'
import {
  catalogProducts,
  createTestEntitlement,
  deleteTestEntitlement,
  type Entitlement,
  entitlementPath,
} from '../support/revenuecat-entitlements.ts'
import { useTarget } from '../support/target.ts'

const op = 'detach-products-from-entitlement'
const api = useTarget('revenuecat')

const productsOf = async (entitlementId: string) => {
  const res = await api.call('get-products-from-entitlement', {
    path: entitlementPath(api, entitlementId),
  })
  expect(res).toMatchContract(200)
  return itemsOf<{ id: string }>(res).map((p) => p.id)
}

/** A created entitlement with three products of the catalog attached. */
async function withProducts() {
  const products = await catalogProducts(api, 3)
  const created = await createTestEntitlement(api)
  const res = await api.call('attach-products-to-entitlement', {
    path: entitlementPath(api, created.id),
    body: { product_ids: products },
  })
  expect(res).toMatchContract(200)
  return { entitlement: created, products: products as [string, string, string] }
}

describe(op, () => {
  it('detaches the products: the entitlement answers, and the others stay attached [detach-products-from-entitlement]', async () => {
    const { entitlement, products } = await withProducts()
    const res = await api.call(op, {
      path: entitlementPath(api, entitlement.id),
      body: { product_ids: [products[0], products[2]] },
    })
    expect(res).toMatchContract(200)
    expect(bodyOf<Entitlement>(res)).toEqual(entitlement)
    expect(await productsOf(entitlement.id)).toEqual([products[1]])
    await deleteTestEntitlement(api, entitlement.id)
  })

  it('detaching a product that is not attached changes nothing and is no error [detach-products-from-entitlement: not attached]', async () => {
    const { entitlement, products } = await withProducts()
    const path = entitlementPath(api, entitlement.id)
    expect(await api.call(op, { path, body: { product_ids: [products[0]] } })).toMatchContract(200)
    const again = await api.call(op, { path, body: { product_ids: [products[0]] } })
    expect(again).toMatchContract(200)
    expect(await productsOf(entitlement.id)).toEqual([products[1], products[2]])
    await deleteTestEntitlement(api, entitlement.id)
  })

  it('returns 404 resource_missing for a product the project lacks, and detaches none [detach-products-from-entitlement: unknown product]', async () => {
    const { entitlement, products } = await withProducts()
    const res = await expectMissing(api, op, {
      path: entitlementPath(api, entitlement.id),
      body: { product_ids: [products[0], missingId(api, 'product')] },
    })
    expect(errorParamOf(res)).toBe('product_ids')
    expect(await productsOf(entitlement.id)).toEqual(products)
    await deleteTestEntitlement(api, entitlement.id)
  })

  it('returns 400 parameter_error for an empty product_ids [detach-products-from-entitlement: empty product_ids]', async () => {
    await expectParameterError(
      api,
      op,
      { path: entitlementPath(api, api.need('entitlementId')), body: { product_ids: [] } },
      'product_ids',
    )
  })

  it('returns 400 parameter_error for a product id longer than 255 characters', async () => {
    await expectParameterError(
      api,
      op,
      {
        path: entitlementPath(api, api.need('entitlementId')),
        body: { product_ids: ['p'.repeat(256)] },
      },
      'product_ids.0',
    )
  })

  it('returns 400 parameter_error for an entitlement id longer than 255 characters', async () => {
    await expectParameterError(
      api,
      op,
      { path: entitlementPath(api, 'e'.repeat(256)), body: { product_ids: ['prod1'] } },
      'entitlement_id',
    )
  })

  it('returns 404 resource_missing for an entitlement the project lacks [detach-products-from-entitlement: unknown entitlement]', async () => {
    await expectMissing(api, op, {
      path: entitlementPath(api, missingId(api, 'entitlement')),
      body: { product_ids: ['prod1'] },
    })
  })
})
