import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  errorParamOf,
  errorTypeOf,
  expectMissing,
  expectParameterError,
  missingId,
} from '../support/revenuecat-data.ts'
import {
  createTestPackage,
  type Package,
  packagePath,
  SANDBOX_PACKAGES,
  withOffering,
  withProducts,
} from '../support/revenuecat-offerings.ts'
import { useTarget } from '../support/target.ts'

const op = 'get-package'
const api = useTarget('revenuecat')

// Each test makes its own app and products (withProducts): more requests than most, so more time.
describe(op, { timeout: 30_000 }, () => {
  it('answers a package without its products unless expanded [get-package]', async () => {
    await withOffering(api, async (offering) => {
      const pkg = await createTestPackage(api, offering.id, { position: 4 })
      const res = await api.call(op, { path: packagePath(api, pkg.id) })
      expect(res).toMatchContract(200)
      expect(bodyOf(res)).toEqual(pkg)
      expect(bodyOf(res)).not.toHaveProperty('products')
    })
  })

  it('expands its products with their eligibility criteria [get-package: expand product]', async () => {
    await withProducts(api, 2, async ([older, newer]) => {
      await withOffering(api, async (offering) => {
        const pkg = await createTestPackage(api, offering.id)
        const attach = await api.call('attach-products-to-package', {
          path: packagePath(api, pkg.id),
          body: {
            products: [
              { product_id: older, eligibility_criteria: 'google_sdk_lt_6' },
              { product_id: newer, eligibility_criteria: 'google_sdk_ge_6' },
            ],
          },
        })
        expect(attach).toMatchContract(200)
        const res = await api.call(op, {
          path: packagePath(api, pkg.id),
          query: { expand: 'product' },
        })
        expect(res).toMatchContract(200)
        expect(bodyOf<Package>(res).products).toEqual({
          object: 'list',
          items: [
            {
              product: expect.objectContaining({ id: older }),
              eligibility_criteria: 'google_sdk_lt_6',
            },
            {
              product: expect.objectContaining({ id: newer }),
              eligibility_criteria: 'google_sdk_ge_6',
            },
          ],
          next_page: null,
          url: `/v2/projects/${api.need('projectId')}/packages/${pkg.id}/products`,
        })
        await api.call('delete-package-from-offering', { path: packagePath(api, pkg.id) })
      })
    })
  })

  it('expands the seeded packages: products of every type', async () => {
    api.needSandbox()
    const types = new Set<string>()
    for (const id of Object.values(SANDBOX_PACKAGES)) {
      const res = await api.call(op, { path: packagePath(api, id), query: { expand: 'product' } })
      expect(res).toMatchContract(200)
      for (const item of bodyOf<Package>(res).products?.items ?? [])
        types.add((item.product as unknown as { type: string }).type)
    }
    expect(types).toEqual(
      new Set([
        'subscription',
        'one_time',
        'consumable',
        'non_consumable',
        'non_renewing_subscription',
      ]),
    )
  })

  it('returns 404 resource_missing for a package the project does not have [get-package: unknown package]', async () => {
    await expectMissing(api, op, { path: packagePath(api, missingId(api, 'package')) })
  })

  it('returns 400 parameter_error for a bad expand or a too long id [get-package: bad expand]', async () => {
    const res = await api.call(op, {
      path: packagePath(api, missingId(api, 'package')),
      query: { expand: 'products' },
    })
    expect(res).toMatchContract(400)
    expect(errorTypeOf(res)).toBe('parameter_error')
    expect(errorParamOf(res)).toBe('expand')
    await expectParameterError(api, op, { path: packagePath(api, 'p'.repeat(256)) }, 'package_id')
  })
})
