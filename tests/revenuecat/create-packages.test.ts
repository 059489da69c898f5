import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  errorParamOf,
  errorTypeOf,
  expectMissing,
  expectParameterError,
  itemsOf,
  missingId,
  runLabel,
} from '../support/revenuecat-data.ts'
import {
  createTestPackage,
  offeringPath,
  type Package,
  packagePath,
  withOffering,
} from '../support/revenuecat-offerings.ts'
import { useTarget } from '../support/target.ts'

const op = 'create-packages'
const api = useTarget('revenuecat')

// A generous timeout: on a loaded machine the first contract check of the nested offering
// schemas takes seconds.
describe(op, { timeout: 30_000 }, () => {
  it('creates a package in an offering, read back by list-packages [create-packages]', async () => {
    await withOffering(api, async (offering) => {
      const lookup = runLabel(api)
      const res = await api.call(op, {
        path: offeringPath(api, offering.id),
        body: { lookup_key: lookup, display_name: 'Monthly with a trial', position: 1 },
      })
      expect(res).toMatchContract(201)
      const pkg = bodyOf<Package>(res)
      expect(pkg).toMatchObject({
        object: 'package',
        lookup_key: lookup,
        display_name: 'Monthly with a trial',
        position: 1,
      })
      expect(pkg).not.toHaveProperty('products')
      const list = await api.call('list-packages', { path: offeringPath(api, offering.id) })
      expect(list).toMatchContract(200)
      expect(itemsOf(list)).toEqual([pkg])
      const read = await api.call('get-package', { path: packagePath(api, pkg.id) })
      expect(bodyOf(read)).toEqual(pkg)
    })
  })

  it('creates a package without a position, which has none', async () => {
    await withOffering(api, async (offering) => {
      const pkg = await createTestPackage(api, offering.id)
      expect(pkg.position).toBeNull()
    })
  })

  it('allows one lookup_key in two offerings, not twice in one [create-packages: duplicate lookup_key]', async () => {
    await withOffering(api, async (first) => {
      await withOffering(api, async (second) => {
        const pkg = await createTestPackage(api, first.id)
        const again = { lookup_key: pkg.lookup_key, display_name: 'Again' }
        const elsewhere = await api.call(op, { path: offeringPath(api, second.id), body: again })
        expect(elsewhere).toMatchContract(201)
        const res = await api.call(op, { path: offeringPath(api, first.id), body: again })
        expect(res).toMatchContract(409)
        expect(errorTypeOf(res)).toBe('resource_already_exists')
        expect(errorParamOf(res)).toBe('lookup_key')
      })
    })
  })

  it('returns 404 resource_missing for an offering the project does not have [create-packages: unknown offering]', async () => {
    await expectMissing(api, op, {
      path: offeringPath(api, missingId(api, 'offering')),
      body: { lookup_key: runLabel(api), display_name: 'x' },
    })
  })

  it('returns 400 parameter_error for a missing or bad field [create-packages: missing lookup_key]', async () => {
    await withOffering(api, async (offering) => {
      const lookup = runLabel(api)
      for (const [body, param] of [
        [{ display_name: 'x' }, 'lookup_key'],
        [{ lookup_key: lookup }, 'display_name'],
        [{ lookup_key: '', display_name: 'x' }, 'lookup_key'],
        [{ lookup_key: 'k'.repeat(201), display_name: 'x' }, 'lookup_key'],
        [{ lookup_key: lookup, display_name: 'd'.repeat(1501) }, 'display_name'],
        [{ lookup_key: lookup, display_name: 'x', position: 1.5 }, 'position'],
        [{ lookup_key: lookup, display_name: 'x', position: 'first' }, 'position'],
      ] as const) {
        const res = await api.call(op, { path: offeringPath(api, offering.id), body })
        expect(res, JSON.stringify(body)).toMatchContract(400)
        expect(errorTypeOf(res)).toBe('parameter_error')
        expect(errorParamOf(res)).toBe(param)
      }
    })
  })

  it('returns 400 parameter_error for an offering id longer than 255 characters', async () => {
    await expectParameterError(
      api,
      op,
      { path: offeringPath(api, 'o'.repeat(256)), body: { lookup_key: 'x', display_name: 'x' } },
      'offering_id',
    )
  })
})
