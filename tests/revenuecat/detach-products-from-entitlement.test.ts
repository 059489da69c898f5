import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  errorParamOf,
  expectMissing,
  expectParameterError,
  missingId,
} from '../support/revenuecat-data.ts'
import {
  deleteTestEntitlement,
  type Entitlement,
  entitlementPath,
  entitlementWithProducts,
  productIdsOf,
} from '../support/revenuecat-entitlements.ts'
import { useTarget } from '../support/target.ts'

const op = 'detach-products-from-entitlement'
const api = useTarget('revenuecat')

describe(op, () => {
  it('detaches the products: the entitlement answers, and the others stay attached [detach-products-from-entitlement]', async () => {
    const { entitlement, products } = await entitlementWithProducts(api, 3)
    const res = await api.call(op, {
      path: entitlementPath(api, entitlement.id),
      body: { product_ids: [products[0], products[2]] },
    })
    expect(res).toMatchContract(200)
    expect(bodyOf<Entitlement>(res)).toEqual(entitlement)
    expect(await productIdsOf(api, entitlement.id)).toEqual([products[1]])
    await deleteTestEntitlement(api, entitlement.id)
  })

  it('detaching a product that is not attached changes nothing and is no error [detach-products-from-entitlement: not attached]', async () => {
    const { entitlement, products } = await entitlementWithProducts(api, 3)
    const path = entitlementPath(api, entitlement.id)
    expect(await api.call(op, { path, body: { product_ids: [products[0]] } })).toMatchContract(200)
    const again = await api.call(op, { path, body: { product_ids: [products[0]] } })
    expect(again).toMatchContract(200)
    expect(await productIdsOf(api, entitlement.id)).toEqual([products[1], products[2]])
    await deleteTestEntitlement(api, entitlement.id)
  })

  it('returns 404 resource_missing for a product the project lacks, and detaches none [detach-products-from-entitlement: unknown product]', async () => {
    const { entitlement, products } = await entitlementWithProducts(api, 3)
    const res = await expectMissing(api, op, {
      path: entitlementPath(api, entitlement.id),
      body: { product_ids: [products[0], missingId(api, 'product')] },
    })
    expect(errorParamOf(res)).toBe('product_ids')
    expect(await productIdsOf(api, entitlement.id)).toEqual(products)
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
