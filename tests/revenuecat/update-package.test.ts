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
  offeringPath,
  type Package,
  packagePath,
  withOffering,
} from '../support/revenuecat-offerings.ts'
import { useTarget } from '../support/target.ts'

const op = 'update-package'
const api = useTarget('revenuecat')

// A generous timeout: on a loaded machine the first contract check of the nested offering
// schemas takes seconds.
describe(op, { timeout: 30_000 }, () => {
  it('updates the display name and position, which reorders the offering [update-package]', async () => {
    await withOffering(api, async (offering) => {
      const a = await createTestPackage(api, offering.id, { position: 1 })
      const b = await createTestPackage(api, offering.id, { position: 2 })
      const res = await api.call(op, {
        path: packagePath(api, a.id),
        body: { display_name: 'Annual, best value', position: 3 },
      })
      expect(res).toMatchContract(200)
      const updated = bodyOf<Package>(res)
      expect(updated).toEqual({ ...a, display_name: 'Annual, best value', position: 3 })
      const list = await api.call('list-packages', { path: offeringPath(api, offering.id) })
      expect(itemsOf<Package>(list).map((p) => p.id)).toEqual([b.id, a.id])
      expect(bodyOf(await api.call('get-package', { path: packagePath(api, a.id) }))).toEqual(
        updated,
      )
    })
  })

  it('changes nothing the body leaves out', async () => {
    await withOffering(api, async (offering) => {
      const pkg = await createTestPackage(api, offering.id, { position: 1 })
      const res = await api.call(op, { path: packagePath(api, pkg.id), body: {} })
      expect(res).toMatchContract(200)
      expect(bodyOf(res)).toEqual(pkg)
    })
  })

  it('returns 404 resource_missing for a package the project does not have [update-package: unknown package]', async () => {
    await expectMissing(api, op, {
      path: packagePath(api, missingId(api, 'package')),
      body: { display_name: 'x' },
    })
  })

  it('returns 400 parameter_error for a bad field [update-package: position 0]', async () => {
    await withOffering(api, async (offering) => {
      const pkg = await createTestPackage(api, offering.id)
      for (const [body, param] of [
        [{ position: 0 }, 'position'],
        [{ position: -1 }, 'position'],
        [{ position: 'last' }, 'position'],
        [{ display_name: '' }, 'display_name'],
      ] as const) {
        const res = await api.call(op, { path: packagePath(api, pkg.id), body })
        expect(res, JSON.stringify(body)).toMatchContract(400)
        expect(errorTypeOf(res)).toBe('parameter_error')
        expect(errorParamOf(res)).toBe(param)
      }
    })
    await expectParameterError(
      api,
      op,
      { path: packagePath(api, 'p'.repeat(256)), body: {} },
      'package_id',
    )
  })
})
