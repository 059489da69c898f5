import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  errorParamOf,
  errorTypeOf,
  expectMissing,
  expectParameterError,
  itemsOf,
  missingId,
} from '../support/revenuecat-data.ts'
import {
  createTestPackage,
  type Package,
  packagePath,
  withOffering,
  withProducts,
} from '../support/revenuecat-offerings.ts'
import { useTarget } from '../support/target.ts'

const op = 'detach-products-from-package'
const api = useTarget('revenuecat')

const held = async (packageId: string) =>
  itemsOf<{ product: { id: string } }>(
    await api.call('get-products-from-package', { path: packagePath(api, packageId) }),
  ).map((a) => a.product.id)

/** A package of a test offering holding `productIds` (lt_6, then ge_6), deleted after `body`. */
const withHeld = (productIds: string[], body: (pkg: Package) => Promise<void>) =>
  withOffering(api, async (offering) => {
    const pkg = await createTestPackage(api, offering.id, { position: 1 })
    try {
      const attach = await api.call('attach-products-to-package', {
        path: packagePath(api, pkg.id),
        body: {
          products: productIds.map((id, i) => ({
            product_id: id,
            eligibility_criteria: i === 0 ? 'google_sdk_lt_6' : 'google_sdk_ge_6',
          })),
        },
      })
      expect(attach).toMatchContract(200)
      await body(pkg)
    } finally {
      await api.call('delete-package-from-offering', { path: packagePath(api, pkg.id) })
    }
  })

// Each test makes its own app and products (withProducts): more requests than most, so more time.
describe(op, { timeout: 30_000 }, () => {
  it('detaches products, answering the package [detach-products-from-package]', async () => {
    await withProducts(api, 2, async ([older, newer]) => {
      await withHeld([older as string, newer as string], async (pkg) => {
        const res = await api.call(op, {
          path: packagePath(api, pkg.id),
          body: { product_ids: [older] },
        })
        expect(res).toMatchContract(200)
        expect(bodyOf(res)).toEqual(pkg)
        expect(await held(pkg.id)).toEqual([newer])
      })
    })
  })

  it('detaches a product the package does not hold without complaint [detach-products-from-package: not attached]', async () => {
    await withProducts(api, 2, async ([older, newer]) => {
      await withHeld([older as string], async (pkg) => {
        const res = await api.call(op, {
          path: packagePath(api, pkg.id),
          body: { product_ids: [newer, older] },
        })
        expect(res).toMatchContract(200)
        expect(await held(pkg.id)).toEqual([])
      })
    })
  })

  it('returns 404 resource_missing for a product the project does not have, detaching none [detach-products-from-package: unknown product]', async () => {
    await withProducts(api, 1, async ([productId]) => {
      await withHeld([productId as string], async (pkg) => {
        const res = await api.call(op, {
          path: packagePath(api, pkg.id),
          body: { product_ids: [productId, missingId(api, 'product')] },
        })
        expect(res).toMatchContract(404)
        expect(errorTypeOf(res)).toBe('resource_missing')
        expect(errorParamOf(res)).toBe('product_ids.1')
        expect(await held(pkg.id)).toEqual([productId])
      })
    })
  })

  it('returns 404 resource_missing for a package the project does not have [detach-products-from-package: unknown package]', async () => {
    await expectMissing(api, op, {
      path: packagePath(api, missingId(api, 'package')),
      body: { product_ids: ['prod'] },
    })
  })

  it('returns 400 parameter_error for a missing, empty or bad product_ids list [detach-products-from-package: empty product_ids]', async () => {
    await withOffering(api, async (offering) => {
      // A real package: the package is looked up first, so the body is what is refused.
      const pkg = await createTestPackage(api, offering.id)
      for (const [body, param] of [
        [{}, 'product_ids'],
        [{ product_ids: [] }, 'product_ids'],
        [{ product_ids: [''] }, 'product_ids.0'],
        [{ product_ids: 'prod' }, 'product_ids'],
        [{ product_ids: Array.from({ length: 51 }, (_, i) => `p${i}`) }, 'product_ids'],
      ] as const) {
        const res = await api.call(op, { path: packagePath(api, pkg.id), body })
        expect(res, JSON.stringify(body).slice(0, 80)).toMatchContract(400)
        expect(errorTypeOf(res)).toBe('parameter_error')
        expect(errorParamOf(res)).toBe(param)
      }
    })
    await expectParameterError(
      api,
      op,
      { path: packagePath(api, 'p'.repeat(256)), body: { product_ids: ['p'] } },
      'package_id',
    )
  })
})
