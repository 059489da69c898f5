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
  type Offering,
  offeringPath,
  packagePath,
  SANDBOX_OFFERINGS,
  withOffering,
  withProducts,
} from '../support/revenuecat-offerings.ts'
import { useTarget } from '../support/target.ts'

const op = 'get-offering'
const api = useTarget('revenuecat')

const get = (offeringId: string, expand?: string) =>
  api.call(op, {
    path: offeringPath(api, offeringId),
    ...(expand === undefined ? {} : { query: { expand } }),
  })

// Each test makes its own app and products (withProducts): more requests than most, so more time.
describe(op, { timeout: 30_000 }, () => {
  it('answers an offering without its packages unless expanded [get-offering]', async () => {
    await withOffering(api, async (offering) => {
      await createTestPackage(api, offering.id, { position: 1 })
      const res = await get(offering.id)
      expect(res).toMatchContract(200)
      expect(bodyOf(res)).toEqual(offering)
      expect(bodyOf(res)).not.toHaveProperty('packages')
    })
  })

  it('expands its packages in position order, without their products [get-offering: expand package]', async () => {
    await withOffering(api, async (offering) => {
      const second = await createTestPackage(api, offering.id, { position: 2 })
      const first = await createTestPackage(api, offering.id, { position: 1 })
      const res = await get(offering.id, 'package')
      expect(res).toMatchContract(200)
      const { packages } = bodyOf<Offering>(res)
      expect(packages).toMatchObject({
        object: 'list',
        url: `/v2/projects/${api.need('projectId')}/offerings/${offering.id}/packages`,
      })
      expect(packages?.items).toEqual([first, second])
      expect(packages?.items[0]).not.toHaveProperty('products')
    })
  })

  it('expands its packages with their products [get-offering: expand package.product]', async () => {
    await withProducts(api, 1, async ([productId]) => {
      await withOffering(api, async (offering) => {
        const pkg = await createTestPackage(api, offering.id, { position: 1 })
        const attach = await api.call('attach-products-to-package', {
          path: packagePath(api, pkg.id),
          body: { products: [{ product_id: productId, eligibility_criteria: 'all' }] },
        })
        expect(attach).toMatchContract(200)
        const res = await get(offering.id, 'package.product')
        expect(res).toMatchContract(200)
        const [expanded] = bodyOf<Offering>(res).packages?.items ?? []
        expect(expanded?.id).toBe(pkg.id)
        expect(expanded?.products?.items).toEqual([
          { product: expect.objectContaining({ id: productId }), eligibility_criteria: 'all' },
        ])
        expect(expanded?.products?.items[0]?.product).not.toHaveProperty('app')
        await api.call('delete-package-from-offering', { path: packagePath(api, pkg.id) })
      })
    })
  })

  it('expands the seeded current offering: every product type and eligibility criteria', async () => {
    api.needSandbox()
    const res = await get(SANDBOX_OFFERINGS.current, 'package,package.product')
    expect(res).toMatchContract(200)
    const offering = bodyOf<Offering>(res)
    expect(offering.is_current).toBe(true)
    expect(offering.metadata).toEqual(expect.any(Object))
    const items = offering.packages?.items ?? []
    expect(items.map((p) => p.position)).toEqual([1, 2, 3, null])
    const products = items.flatMap((p) => p.products?.items ?? [])
    expect(new Set(products.map((p) => p.eligibility_criteria))).toEqual(
      new Set(['all', 'google_sdk_lt_6', 'google_sdk_ge_6']),
    )
  })

  it('returns 404 resource_missing for an offering the project does not have [get-offering: unknown offering]', async () => {
    const res = await expectMissing(api, op, {
      path: offeringPath(api, missingId(api, 'offering')),
    })
    expect(errorParamOf(res)).toBeUndefined()
  })

  it('returns 400 parameter_error for an expand value it does not document [get-offering: bad expand]', async () => {
    await withOffering(api, async (offering) => {
      for (const expand of ['packages', 'items.package', 'product']) {
        const res = await get(offering.id, expand)
        expect(res).toMatchContract(400)
        expect(errorTypeOf(res)).toBe('parameter_error')
        expect(errorParamOf(res)).toBe('expand')
      }
    })
  })

  it('returns 400 parameter_error for an id longer than 255 characters', async () => {
    await expectParameterError(api, op, { path: offeringPath(api, 'o'.repeat(256)) }, 'offering_id')
  })
})
