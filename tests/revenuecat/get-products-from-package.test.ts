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
  packagePath,
  SANDBOX_PACKAGES,
  withOffering,
  withProducts,
} from '../support/revenuecat-offerings.ts'
import { useTarget } from '../support/target.ts'

const op = 'get-products-from-package'
const api = useTarget('revenuecat')

interface Association {
  product: { id: string; type: string }
  eligibility_criteria: string
}

// Each test makes its own app and products (withProducts): more requests than most, so more time.
describe(op, { timeout: 30_000 }, () => {
  it('lists a package’s products with their eligibility criteria, in attach order [get-products-from-package]', async () => {
    await withProducts(api, 2, async ([older, newer]) => {
      await withOffering(api, async (offering) => {
        const pkg = await createTestPackage(api, offering.id)
        const empty = await api.call(op, { path: packagePath(api, pkg.id) })
        expect(empty).toMatchContract(200)
        expect(itemsOf(empty)).toEqual([])
        await api.call('attach-products-to-package', {
          path: packagePath(api, pkg.id),
          body: {
            products: [
              { product_id: newer, eligibility_criteria: 'google_sdk_ge_6' },
              { product_id: older, eligibility_criteria: 'google_sdk_lt_6' },
            ],
          },
        })
        const res = await api.call(op, { path: packagePath(api, pkg.id) })
        expect(res).toMatchContract(200)
        expect(bodyOf(res)).toMatchObject({
          object: 'list',
          next_page: null,
          url: `/v2/projects/${api.need('projectId')}/packages/${pkg.id}/products`,
        })
        expect(
          itemsOf<Association>(res).map((a) => [a.product.id, a.eligibility_criteria]),
        ).toEqual([
          [newer, 'google_sdk_ge_6'],
          [older, 'google_sdk_lt_6'],
        ])
        const page = await api.call(op, { path: packagePath(api, pkg.id), query: { limit: '1' } })
        expect(page).toMatchContract(200)
        expect(itemsOf<Association>(page).map((a) => a.product.id)).toEqual([newer])
        expect(bodyOf<{ next_page: string }>(page).next_page).toContain(`starting_after=${newer}`)
        const rest = await api.call(op, {
          path: packagePath(api, pkg.id),
          query: { starting_after: newer },
        })
        expect(itemsOf<Association>(rest).map((a) => a.product.id)).toEqual([older])
        await api.call('delete-package-from-offering', { path: packagePath(api, pkg.id) })
      })
    })
  })

  it('lists the seeded packages’ products: every product type and criteria', async () => {
    api.needSandbox()
    const seen: Association[] = []
    for (const id of Object.values(SANDBOX_PACKAGES)) {
      const res = await api.call(op, { path: packagePath(api, id) })
      expect(res).toMatchContract(200)
      seen.push(...itemsOf<Association>(res))
    }
    expect(new Set(seen.map((a) => a.product.type)).size).toBe(5)
    expect(new Set(seen.map((a) => a.eligibility_criteria)).size).toBe(3)
  })

  it('returns 404 resource_missing for a package the project does not have [get-products-from-package: unknown package]', async () => {
    await expectMissing(api, op, { path: packagePath(api, missingId(api, 'package')) })
  })

  it('returns 400 parameter_error for a bad limit or starting_after, or a too long id', async () => {
    api.needSandbox()
    for (const [query, param] of [
      [{ limit: '0' }, 'limit'],
      [{ starting_after: 'subcontract-no-such-product' }, 'starting_after'],
    ] as const) {
      const res = await api.call(op, { path: packagePath(api, SANDBOX_PACKAGES.monthly), query })
      expect(res).toMatchContract(400)
      expect(errorTypeOf(res)).toBe('parameter_error')
      expect(errorParamOf(res)).toBe(param)
    }
    await expectParameterError(api, op, { path: packagePath(api, 'p'.repeat(256)) }, 'package_id')
  })
})
