import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  expectMissing,
  expectParameterError,
  missingId,
  SANDBOX_ENTITLEMENTS,
} from '../support/revenuecat-data.ts'
import {
  catalogProducts,
  createTestEntitlement,
  deleteTestEntitlement,
  type Entitlement,
  entitlementPath,
  SANDBOX_PRODUCTS_BY_TYPE,
} from '../support/revenuecat-entitlements.ts'
import { useTarget } from '../support/target.ts'

const op = 'get-entitlement'
const api = useTarget('revenuecat')

describe(op, () => {
  it('answers the entitlement, without its products unless expanded [get-entitlement]', async () => {
    const id = api.need('entitlementId')
    const res = await api.call(op, { path: entitlementPath(api, id) })
    expect(res).toMatchContract(200)
    expect(bodyOf<Entitlement>(res)).toMatchObject({
      object: 'entitlement',
      id,
      project_id: api.need('projectId'),
      lookup_key: expect.any(String),
      display_name: expect.any(String),
      created_at: expect.any(Number),
    })
    expect(bodyOf(res)).not.toHaveProperty('products')
  })

  it('expands the attached products with expand=product, in the order attached [get-entitlement: expand product]', async () => {
    const products = await catalogProducts(api, 5)
    const created = await createTestEntitlement(api)
    const attach = await api.call('attach-products-to-entitlement', {
      path: entitlementPath(api, created.id),
      body: { product_ids: products },
    })
    expect(attach).toMatchContract(200)
    const res = await api.call(op, {
      path: entitlementPath(api, created.id),
      query: { expand: 'product' },
    })
    expect(res).toMatchContract(200)
    const body = bodyOf<Entitlement>(res)
    expect(body.products?.object).toBe('list')
    expect(body.products?.items.map((p) => p.id)).toEqual(products)
    expect(body.products?.url).toContain(`/entitlements/${created.id}/products`)
    await deleteTestEntitlement(api, created.id)
  })

  it("shows a seeded entitlement's subscription product with its durations", async () => {
    api.needSandbox()
    const res = await api.call(op, {
      path: entitlementPath(api, SANDBOX_ENTITLEMENTS.pro),
      query: { expand: 'product' },
    })
    expect(res).toMatchContract(200)
    const products = bodyOf<Entitlement>(res).products?.items ?? []
    expect(products[0]).toMatchObject({
      id: SANDBOX_PRODUCTS_BY_TYPE.subscription,
      type: 'subscription',
      subscription: { duration: 'P1M', grace_period_duration: 'P16D', trial_duration: 'P1W' },
      one_time: null,
    })
  })

  it('returns 400 parameter_error for an expand value it does not offer [get-entitlement: bad expand]', async () => {
    await expectParameterError(
      api,
      op,
      { path: entitlementPath(api, api.need('entitlementId')), query: { expand: 'app' } },
      'expand',
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

  it('returns 404 resource_missing for an entitlement the project lacks [get-entitlement: unknown entitlement]', async () => {
    await expectMissing(api, op, { path: entitlementPath(api, missingId(api, 'entitlement')) })
  })
})
