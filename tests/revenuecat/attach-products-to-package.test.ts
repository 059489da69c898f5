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

const op = 'attach-products-to-package'
const api = useTarget('revenuecat')

interface Association {
  product: { id: string }
  eligibility_criteria: string
}

const attach = (packageId: string, products: Array<[string, string]>) =>
  api.call(op, {
    path: packagePath(api, packageId),
    body: { products: products.map(([id, c]) => ({ product_id: id, eligibility_criteria: c })) },
  })

const held = async (packageId: string) =>
  itemsOf<Association>(
    await api.call('get-products-from-package', { path: packagePath(api, packageId) }),
  ).map((a) => [a.product.id, a.eligibility_criteria])

/** A package of a test offering, deleted (letting its products go) after `body`. */
const withPackage = (body: (pkg: Package) => Promise<void>) =>
  withOffering(api, async (offering) => {
    const pkg = await createTestPackage(api, offering.id)
    try {
      await body(pkg)
    } finally {
      await api.call('delete-package-from-offering', { path: packagePath(api, pkg.id) })
    }
  })

// Each test makes its own app and products (withProducts): more requests than most, so more time.
describe(op, { timeout: 30_000 }, () => {
  it('attaches a product for every SDK, answering the package [attach-products-to-package]', async () => {
    await withProducts(api, 1, async ([productId]) => {
      await withPackage(async (pkg) => {
        const res = await attach(pkg.id, [[productId as string, 'all']])
        expect(res).toMatchContract(200)
        expect(bodyOf(res)).toEqual(pkg)
        expect(await held(pkg.id)).toEqual([[productId, 'all']])
      })
    })
  })

  it('attaches two Play Store products, one for SDKs before 6 and one from 6 [attach-products-to-package: by SDK version]', async () => {
    await withProducts(api, 2, async ([older, newer]) => {
      await withPackage(async (pkg) => {
        const res = await attach(pkg.id, [
          [older as string, 'google_sdk_lt_6'],
          [newer as string, 'google_sdk_ge_6'],
        ])
        expect(res).toMatchContract(200)
        expect(await held(pkg.id)).toEqual([
          [older, 'google_sdk_lt_6'],
          [newer, 'google_sdk_ge_6'],
        ])
      })
    })
  })

  it('attaches a held product again without complaint, taking the new criteria', async () => {
    await withProducts(api, 1, async ([productId]) => {
      await withPackage(async (pkg) => {
        expect(await attach(pkg.id, [[productId as string, 'all']])).toMatchContract(200)
        expect(await attach(pkg.id, [[productId as string, 'google_sdk_ge_6']])).toMatchContract(
          200,
        )
        expect(await held(pkg.id)).toEqual([[productId, 'google_sdk_ge_6']])
      })
    })
  })

  it('returns 409 resource_already_exists for a second product of one app, attaching none [attach-products-to-package: second product of an app]', async () => {
    await withProducts(api, 3, async ([first, second, third]) => {
      await withPackage(async (pkg) => {
        expect(await attach(pkg.id, [[first as string, 'all']])).toMatchContract(200)
        const res = await attach(pkg.id, [[second as string, 'all']])
        expect(res).toMatchContract(409)
        expect(errorTypeOf(res)).toBe('resource_already_exists')
        expect(errorParamOf(res)).toBe('products.0.product_id')
        await api.call('detach-products-from-package', {
          path: packagePath(api, pkg.id),
          body: { product_ids: [first] },
        })
        const twice = await attach(pkg.id, [
          [second as string, 'google_sdk_lt_6'],
          [third as string, 'google_sdk_lt_6'],
        ])
        expect(twice).toMatchContract(409)
        expect(errorParamOf(twice)).toBe('products.1.product_id')
        expect(await held(pkg.id)).toEqual([])
      })
    })
  })

  it('returns 422 for Google SDK criteria on a product of another store [attach-products-to-package: Google criteria on App Store]', async () => {
    await withProducts(
      api,
      1,
      async ([productId]) => {
        await withPackage(async (pkg) => {
          const res = await attach(pkg.id, [[productId as string, 'google_sdk_ge_6']])
          expect(res).toMatchContract(422)
          expect(errorTypeOf(res)).toBe('unprocessable_entity_error')
          expect(errorParamOf(res)).toBe('products.0.eligibility_criteria')
        })
      },
      'app_store',
    )
  })

  it('returns 404 resource_missing for a product the project does not have [attach-products-to-package: unknown product]', async () => {
    await withPackage(async (pkg) => {
      const res = await attach(pkg.id, [[missingId(api, 'product'), 'all']])
      expect(res).toMatchContract(404)
      expect(errorTypeOf(res)).toBe('resource_missing')
      expect(errorParamOf(res)).toBe('products.0.product_id')
    })
  })

  it('returns 404 resource_missing for a package the project does not have [attach-products-to-package: unknown package]', async () => {
    await expectMissing(api, op, {
      path: packagePath(api, missingId(api, 'package')),
      body: { products: [{ product_id: 'prod', eligibility_criteria: 'all' }] },
    })
  })

  it('returns 400 parameter_error for a missing, empty or bad products list [attach-products-to-package: empty products]', async () => {
    await withPackage(async (pkg) => {
      const many = Array.from({ length: 51 }, (_, i) => ({
        product_id: `p${i}`,
        eligibility_criteria: 'all',
      }))
      for (const [body, param] of [
        [{}, 'products'],
        [{ products: [] }, 'products'],
        [{ products: many }, 'products'],
        [{ products: [{ product_id: 'p' }] }, 'products.0.eligibility_criteria'],
        [
          { products: [{ product_id: 'p', eligibility_criteria: 'ios_only' }] },
          'products.0.eligibility_criteria',
        ],
        [{ products: [{ product_id: '', eligibility_criteria: 'all' }] }, 'products.0.product_id'],
        [{ product_ids: ['p'] }, 'products'],
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
      { path: packagePath(api, 'p'.repeat(256)), body: { products: [] } },
      'package_id',
    )
  })
})
