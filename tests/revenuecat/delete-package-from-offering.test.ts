import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  expectMissing,
  expectParameterError,
  itemsOf,
  missingId,
} from '../support/revenuecat-data.ts'
import {
  createTestPackage,
  offeringPath,
  packagePath,
  withOffering,
  withProducts,
} from '../support/revenuecat-offerings.ts'
import { useTarget } from '../support/target.ts'

const op = 'delete-package-from-offering'
const api = useTarget('revenuecat')

// Each test makes its own app and products (withProducts): more requests than most, so more time.
describe(op, { timeout: 30_000 }, () => {
  it('deletes a package, which leaves its offering [delete-package-from-offering]', async () => {
    await withOffering(api, async (offering) => {
      const keep = await createTestPackage(api, offering.id, { position: 1 })
      const pkg = await createTestPackage(api, offering.id, { position: 2 })
      const res = await api.call(op, { path: packagePath(api, pkg.id) })
      expect(res).toMatchContract(200)
      expect(bodyOf(res)).toEqual({ object: 'package', id: pkg.id, deleted_at: expect.any(Number) })
      await expectMissing(api, 'get-package', { path: packagePath(api, pkg.id) })
      const list = await api.call('list-packages', { path: offeringPath(api, offering.id) })
      expect(itemsOf(list)).toEqual([keep])
    })
  })

  it('lets its products go: they can then be deleted', async () => {
    await withProducts(api, 1, async ([productId]) => {
      await withOffering(api, async (offering) => {
        const pkg = await createTestPackage(api, offering.id)
        const attach = await api.call('attach-products-to-package', {
          path: packagePath(api, pkg.id),
          body: { products: [{ product_id: productId, eligibility_criteria: 'all' }] },
        })
        expect(attach).toMatchContract(200)
        expect(await api.call(op, { path: packagePath(api, pkg.id) })).toMatchContract(200)
      })
      // withProducts deletes the product: refused while a package held it.
    })
  })

  it('returns 404 resource_missing for a package the project does not have, or deleted [delete-package-from-offering: unknown package]', async () => {
    await expectMissing(api, op, { path: packagePath(api, missingId(api, 'package')) })
    await withOffering(api, async (offering) => {
      const pkg = await createTestPackage(api, offering.id)
      expect(await api.call(op, { path: packagePath(api, pkg.id) })).toMatchContract(200)
      await expectMissing(api, op, { path: packagePath(api, pkg.id) })
    })
  })

  it('returns 400 parameter_error for an id longer than 255 characters', async () => {
    await expectParameterError(api, op, { path: packagePath(api, 'p'.repeat(256)) }, 'package_id')
  })
})
