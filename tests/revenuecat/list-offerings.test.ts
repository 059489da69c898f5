import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  errorParamOf,
  errorTypeOf,
  expectParameterError,
  itemsOf,
  projectPath,
} from '../support/revenuecat-data.ts'
import {
  allOfferings,
  createTestOffering,
  createTestPackage,
  deleteTestOffering,
  type Offering,
  withOffering,
} from '../support/revenuecat-offerings.ts'
import { useTarget } from '../support/target.ts'

const op = 'list-offerings'
const api = useTarget('revenuecat')

// A generous timeout: on a loaded machine the first contract check of the nested offering
// schemas takes seconds.
describe(op, { timeout: 30_000 }, () => {
  it('lists the offerings, exactly one of them current [list-offerings]', async () => {
    await withOffering(api, async (offering) => {
      const res = await api.call(op, { path: projectPath(api) })
      expect(res).toMatchContract(200)
      expect(bodyOf(res)).toMatchObject({
        object: 'list',
        url: `/v2/projects/${api.need('projectId')}/offerings`,
      })
      const all = await allOfferings(api)
      expect(all).toContainEqual(offering)
      expect(all.filter((o) => o.is_current)).toHaveLength(1)
      expect(all.every((o) => !('packages' in o))).toBe(true)
    })
  })

  it('pages with limit and starting_after, keeping expand in next_page', async () => {
    const a = await createTestOffering(api)
    const b = await createTestOffering(api)
    try {
      const first = await api.call(op, {
        path: projectPath(api),
        query: { limit: '1', expand: 'items.package' },
      })
      expect(first).toMatchContract(200)
      const next = bodyOf<{ next_page: string | null }>(first).next_page
      expect(next).toContain('starting_after=')
      expect(next).toContain('expand=items.package')
      expect(itemsOf(first)).toHaveLength(1)
      const ids = (await allOfferings(api)).map((o) => o.id)
      expect(ids.indexOf(a.id)).toBeLessThan(ids.indexOf(b.id))
    } finally {
      await deleteTestOffering(api, b.id)
      await deleteTestOffering(api, a.id)
    }
  })

  it('expands each offering’s packages and their products [list-offerings: expand items.package.product]', async () => {
    await withOffering(api, async (offering) => {
      const pkg = await createTestPackage(api, offering.id, { position: 1 })
      for (const expand of ['items.package', 'items.package.product']) {
        const all = await allOfferings(api, { expand })
        expect(all.every((o) => o.packages?.object === 'list')).toBe(true)
        const mine = all.find((o) => o.id === offering.id) as Offering
        expect(mine.packages?.items.map((p) => p.id)).toEqual([pkg.id])
        const products = mine.packages?.items[0]?.products
        if (expand === 'items.package') expect(products).toBeUndefined()
        else expect(products).toMatchObject({ object: 'list', items: [] })
      }
    })
  })

  it('returns 400 parameter_error for a bad expand, limit or starting_after [list-offerings: bad expand]', async () => {
    for (const [query, param] of [
      [{ expand: 'package' }, 'expand'],
      [{ limit: '0' }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ starting_after: 'subcontract-no-such-offering' }, 'starting_after'],
    ] as const) {
      const res = await api.call(op, { path: projectPath(api), query })
      expect(res, JSON.stringify(query)).toMatchContract(400)
      expect(errorTypeOf(res)).toBe('parameter_error')
      expect(errorParamOf(res)).toBe(param)
    }
    await expectParameterError(
      api,
      op,
      { path: projectPath(api), query: { expand: 'items.package.products' } },
      'expand',
    )
  })
})
