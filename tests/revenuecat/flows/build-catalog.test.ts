// Building a catalog and taking it down again, as a project's owner does: an app, a product of
// it, an entitlement the product unlocks, an offering with a package that sells the product; the
// offering read with `expand=package.product` shows the whole chain. What is still referenced
// cannot be deleted, and the tear-down goes in reverse, each step read back. Every object is the
// run's own (runLabel), so the flow runs unchanged on a real project with --allow-writes.
import { describe, expect, it } from 'vitest'
import {
  appPath,
  createTestApp,
  createTestProduct,
  productPath,
} from '../../support/revenuecat-catalog.ts'
import { bodyOf, errorTypeOf, expectMissing, itemsOf } from '../../support/revenuecat-data.ts'
import { createTestEntitlement, entitlementPath } from '../../support/revenuecat-entitlements.ts'
import {
  createTestOffering,
  createTestPackage,
  type Offering,
  offeringPath,
  packagePath,
} from '../../support/revenuecat-offerings.ts'
import { useTarget } from '../../support/target.ts'

const api = useTarget('revenuecat')

/** Calls `op` and checks it answered `status`; answers the body. */
async function expectStatus<T = Record<string, unknown>>(
  op: string,
  input: Parameters<typeof api.call>[1],
  status: number,
): Promise<T> {
  const res = await api.call(op, input)
  expect(res, op).toMatchContract(status)
  return bodyOf<T>(res)
}

describe('a catalog built and torn down', { timeout: 30_000 }, () => {
  it('app → product → entitlement → offering → package, read back expanded, then removed in reverse', async () => {
    // Build.
    const app = await createTestApp(api)
    const product = await createTestProduct(api, app.id)
    const entitlement = await createTestEntitlement(api)
    await expectStatus(
      'attach-products-to-entitlement',
      { path: entitlementPath(api, entitlement.id), body: { product_ids: [product.id] } },
      200,
    )
    const offering = await createTestOffering(api)
    const pkg = await createTestPackage(api, offering.id, { position: 1 })
    await expectStatus(
      'attach-products-to-package',
      {
        path: packagePath(api, pkg.id),
        body: { products: [{ product_id: product.id, eligibility_criteria: 'all' }] },
      },
      200,
    )

    // Read the chain back, from each end.
    const expanded = await expectStatus<Offering>(
      'get-offering',
      { path: offeringPath(api, offering.id), query: { expand: 'package.product' } },
      200,
    )
    expect(expanded.packages?.items.map((p) => p.id)).toEqual([pkg.id])
    expect(expanded.packages?.items[0]?.products?.items).toEqual([
      {
        product: expect.objectContaining({ id: product.id, app_id: app.id }),
        eligibility_criteria: 'all',
      },
    ])
    const unlocks = await api.call('get-products-from-entitlement', {
      path: entitlementPath(api, entitlement.id),
    })
    expect(unlocks).toMatchContract(200)
    expect(itemsOf<{ id: string }>(unlocks).map((p) => p.id)).toEqual([product.id])
    const withApp = await expectStatus<{ app?: { id: string } }>(
      'get-product',
      { path: productPath(api, product.id), query: { expand: 'app' } },
      200,
    )
    expect(withApp.app?.id).toBe(app.id)

    // What is referenced stays: the product (in a package and an entitlement), its app.
    const productInUse = await api.call('delete-product', { path: productPath(api, product.id) })
    expect(productInUse).toMatchContract(422)
    expect(errorTypeOf(productInUse)).toBe('unprocessable_entity_error')
    const appInUse = await api.call('delete-app', { path: appPath(api, app.id) })
    expect(appInUse).toMatchContract(422)
    expect(errorTypeOf(appInUse)).toBe('unprocessable_entity_error')

    // Tear down in reverse, each step read back.
    await expectStatus(
      'detach-products-from-package',
      { path: packagePath(api, pkg.id), body: { product_ids: [product.id] } },
      200,
    )
    await expectStatus('delete-package-from-offering', { path: packagePath(api, pkg.id) }, 200)
    await expectMissing(api, 'get-package', { path: packagePath(api, pkg.id) })
    await expectStatus('delete-offering', { path: offeringPath(api, offering.id) }, 200)
    await expectMissing(api, 'get-offering', { path: offeringPath(api, offering.id) })
    await expectStatus(
      'detach-products-from-entitlement',
      { path: entitlementPath(api, entitlement.id), body: { product_ids: [product.id] } },
      200,
    )
    await expectStatus('delete-entitlement', { path: entitlementPath(api, entitlement.id) }, 200)
    await expectMissing(api, 'get-entitlement', { path: entitlementPath(api, entitlement.id) })
    await expectStatus('delete-product', { path: productPath(api, product.id) }, 200)
    await expectMissing(api, 'get-product', { path: productPath(api, product.id) })
    await expectStatus('delete-app', { path: appPath(api, app.id) }, 200)
    await expectMissing(api, 'get-app', { path: appPath(api, app.id) })
  })
})
