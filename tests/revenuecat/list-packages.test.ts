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
  SANDBOX_OFFERINGS,
  withOffering,
} from '../support/revenuecat-offerings.ts'
import { useTarget } from '../support/target.ts'

const op = 'list-packages'
const api = useTarget('revenuecat')

// A generous timeout: on a loaded machine the first contract check of the nested offering
// schemas takes seconds.
describe(op, { timeout: 30_000 }, () => {
  it('lists an offering’s packages by position, those without one last [list-packages]', async () => {
    await withOffering(api, async (offering) => {
      const none = await createTestPackage(api, offering.id)
      const second = await createTestPackage(api, offering.id, { position: 2 })
      const first = await createTestPackage(api, offering.id, { position: 1 })
      const res = await api.call(op, { path: offeringPath(api, offering.id) })
      expect(res).toMatchContract(200)
      expect(bodyOf(res)).toEqual({
        object: 'list',
        items: [first, second, none],
        next_page: null,
        url: `/v2/projects/${api.need('projectId')}/offerings/${offering.id}/packages`,
      })
    })
  })

  it('pages with limit and starting_after', async () => {
    await withOffering(api, async (offering) => {
      const a = await createTestPackage(api, offering.id, { position: 1 })
      const b = await createTestPackage(api, offering.id, { position: 2 })
      const path = offeringPath(api, offering.id)
      const first = await api.call(op, { path, query: { limit: '1', expand: 'items.product' } })
      expect(first).toMatchContract(200)
      expect(itemsOf<Package>(first).map((p) => p.id)).toEqual([a.id])
      const next = bodyOf<{ next_page: string }>(first).next_page
      expect(next).toContain(`starting_after=${a.id}`)
      expect(next).toContain('expand=items.product')
      const rest = await api.call(op, { path, query: { limit: '1', starting_after: a.id } })
      expect(rest).toMatchContract(200)
      expect(itemsOf<Package>(rest).map((p) => p.id)).toEqual([b.id])
      expect(bodyOf(rest)).toMatchObject({ next_page: null })
    })
  })

  it('expands each package’s products [list-packages: expand items.product]', async () => {
    await withOffering(api, async (offering) => {
      await createTestPackage(api, offering.id, { position: 1 })
      const res = await api.call(op, {
        path: offeringPath(api, offering.id),
        query: { expand: 'items.product' },
      })
      expect(res).toMatchContract(200)
      expect(itemsOf<Package>(res)[0]?.products).toMatchObject({ object: 'list', items: [] })
    })
  })

  it('expands the seeded offering’s packages and their products', async () => {
    api.needSandbox()
    const res = await api.call(op, {
      path: offeringPath(api, SANDBOX_OFFERINGS.current),
      query: { expand: 'items.product' },
    })
    expect(res).toMatchContract(200)
    const items = itemsOf<Package>(res)
    expect(items.map((p) => p.position)).toEqual([1, 2, 3, null])
    expect(items.every((p) => (p.products?.items.length ?? 0) > 0)).toBe(true)
  })

  it('returns 404 resource_missing for an offering the project does not have [list-packages: unknown offering]', async () => {
    await expectMissing(api, op, { path: offeringPath(api, missingId(api, 'offering')) })
  })

  it('returns 400 parameter_error for a bad expand, limit or starting_after [list-packages: bad expand]', async () => {
    await withOffering(api, async (offering) => {
      for (const [query, param] of [
        [{ expand: 'product' }, 'expand'],
        [{ limit: '0' }, 'limit'],
        [{ starting_after: 'subcontract-no-such-package' }, 'starting_after'],
      ] as const) {
        const res = await api.call(op, { path: offeringPath(api, offering.id), query })
        expect(res, JSON.stringify(query)).toMatchContract(400)
        expect(errorTypeOf(res)).toBe('parameter_error')
        expect(errorParamOf(res)).toBe(param)
      }
    })
    await expectParameterError(api, op, { path: offeringPath(api, 'o'.repeat(256)) }, 'offering_id')
  })
})
