import { describe, expect, it } from 'vitest'
import {
  addSubscription,
  bodyOf,
  createTestCustomer,
  customerPath,
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
  productIdsOf,
  SANDBOX_PRODUCTS_BY_TYPE,
} from '../support/revenuecat-entitlements.ts'
import { useTarget } from '../support/target.ts'

const op = 'attach-products-to-entitlement'
const api = useTarget('revenuecat')

describe(op, () => {
  it('attaches the products: the entitlement answers, and lists them [attach-products-to-entitlement]', async () => {
    const products = await catalogProducts(api, 2)
    const created = await createTestEntitlement(api)
    const res = await api.call(op, {
      path: entitlementPath(api, created.id),
      body: { product_ids: products },
    })
    expect(res).toMatchContract(200)
    expect(bodyOf<Entitlement>(res)).toEqual(created)
    expect(await productIdsOf(api, created.id)).toEqual(products)
    const expanded = await api.call('get-entitlement', {
      path: entitlementPath(api, created.id),
      query: { expand: 'product' },
    })
    expect(bodyOf<Entitlement>(expanded).products?.items.map((p) => p.id)).toEqual(products)
    await deleteTestEntitlement(api, created.id)
  })

  it('attaches a product once: attaching it again changes nothing and is no error [attach-products-to-entitlement: twice]', async () => {
    const [a, b] = await catalogProducts(api, 2)
    const created = await createTestEntitlement(api)
    const path = entitlementPath(api, created.id)
    expect(await api.call(op, { path, body: { product_ids: [a] } })).toMatchContract(200)
    const again = await api.call(op, { path, body: { product_ids: [b, a, b] } })
    expect(again).toMatchContract(200)
    expect(await productIdsOf(api, created.id)).toEqual([a, b])
    await deleteTestEntitlement(api, created.id)
  })

  it('makes a purchase of the product unlock the entitlement', async () => {
    api.needSandbox()
    const created = await createTestEntitlement(api)
    expect(
      await api.call(op, {
        path: entitlementPath(api, created.id),
        body: { product_ids: [SANDBOX_PRODUCTS_BY_TYPE.consumable] },
      }),
    ).toMatchContract(200)
    const customer = await createTestCustomer(api)
    await addSubscription(api, customer, { product_id: SANDBOX_PRODUCTS_BY_TYPE.consumable })
    const active = await api.call('list-customer-active-entitlements', {
      path: customerPath(api, customer),
    })
    expect(itemsOf<{ entitlement_id: string }>(active).map((e) => e.entitlement_id)).toContain(
      created.id,
    )
    await deleteTestEntitlement(api, created.id)
  })

  it('returns 404 resource_missing for a product the project lacks, and attaches none [attach-products-to-entitlement: unknown product]', async () => {
    const [known] = await catalogProducts(api, 1)
    const created = await createTestEntitlement(api)
    const res = await expectMissing(api, op, {
      path: entitlementPath(api, created.id),
      body: { product_ids: [known, missingId(api, 'product')] },
    })
    expect(errorParamOf(res)).toBe('product_ids')
    expect(await productIdsOf(api, created.id)).toEqual([])
    await deleteTestEntitlement(api, created.id)
  })

  it('returns 400 parameter_error for an empty product_ids [attach-products-to-entitlement: empty product_ids]', async () => {
    await expectParameterError(
      api,
      op,
      { path: entitlementPath(api, api.need('entitlementId')), body: { product_ids: [] } },
      'product_ids',
    )
  })

  it('returns 400 parameter_error without product_ids', async () => {
    await expectParameterError(
      api,
      op,
      { path: entitlementPath(api, api.need('entitlementId')), body: {} },
      'product_ids',
    )
  })

  it('returns 400 parameter_error for more than 50 products', async () => {
    await expectParameterError(
      api,
      op,
      {
        path: entitlementPath(api, api.need('entitlementId')),
        body: { product_ids: Array.from({ length: 51 }, (_, i) => `prod${i}`) },
      },
      'product_ids',
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

  it('returns 404 resource_missing for an entitlement the project lacks [attach-products-to-entitlement: unknown entitlement]', async () => {
    const [known] = await catalogProducts(api, 1)
    await expectMissing(api, op, {
      path: entitlementPath(api, missingId(api, 'entitlement')),
      body: { product_ids: [known] },
    })
  })
})
