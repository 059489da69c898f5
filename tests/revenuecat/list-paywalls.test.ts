import { describe, expect, it } from 'vitest'
import {
  allItems,
  bodyOf,
  errorParamOf,
  errorTypeOf,
  itemsOf,
  projectPath,
} from '../support/revenuecat-data.ts'
import { type Paywall, withOffering } from '../support/revenuecat-offerings.ts'
import { useTarget } from '../support/target.ts'

const op = 'list-paywalls'
const api = useTarget('revenuecat')

// A generous timeout: on a loaded machine the first contract check of the nested offering
// schemas takes seconds.
describe(op, { timeout: 30_000 }, () => {
  it('lists the project’s paywalls, a new one among them [list-paywalls]', async () => {
    await withOffering(api, async (offering) => {
      const made = await api.call('create-paywall', {
        path: projectPath(api),
        body: { offering_id: offering.id },
      })
      const paywall = bodyOf<Paywall>(made)
      const res = await api.call(op, { path: projectPath(api) })
      expect(res).toMatchContract(200)
      expect(bodyOf(res)).toMatchObject({
        object: 'list',
        url: `/v2/projects/${api.need('projectId')}/paywalls`,
      })
      const all = await allItems<Paywall>(api, op, projectPath(api), 'id')
      expect(all).toContainEqual(paywall)
      expect(all.every((p) => !('offering' in p) && !('components' in p))).toBe(true)
    })
  })

  it('expands each paywall’s offering [list-paywalls: expand items.offering]', async () => {
    await withOffering(api, async (offering) => {
      await api.call('create-paywall', {
        path: projectPath(api),
        body: { offering_id: offering.id },
      })
      const all = await allItems<Paywall>(api, op, projectPath(api), 'id', {
        expand: 'items.offering',
      })
      expect(all.every((p) => p.offering?.id === p.offering_id)).toBe(true)
      expect(all.find((p) => p.offering_id === offering.id)?.offering).toEqual(offering)
    })
  })

  it('pages with limit, keeping expand in next_page', async () => {
    const made: string[] = []
    await withOffering(api, async (a) => {
      await withOffering(api, async (b) => {
        for (const o of [a, b]) {
          const res = await api.call('create-paywall', {
            path: projectPath(api),
            body: { offering_id: o.id },
          })
          made.push(bodyOf<Paywall>(res).id)
        }
        const first = await api.call(op, {
          path: projectPath(api),
          query: { limit: '1', expand: 'items.offering' },
        })
        expect(first).toMatchContract(200)
        expect(itemsOf(first)).toHaveLength(1)
        const next = bodyOf<{ next_page: string }>(first).next_page
        expect(next).toContain('starting_after=')
        expect(next).toContain('expand=items.offering')
      })
    })
    expect(made).toHaveLength(2)
  })

  it('returns 400 parameter_error for a bad expand, limit or starting_after [list-paywalls: bad expand]', async () => {
    for (const [query, param] of [
      [{ expand: 'offering' }, 'expand'],
      [{ limit: '0' }, 'limit'],
      [{ starting_after: 'subcontract-no-such-paywall' }, 'starting_after'],
    ] as const) {
      const res = await api.call(op, { path: projectPath(api), query })
      expect(res, JSON.stringify(query)).toMatchContract(400)
      expect(errorTypeOf(res)).toBe('parameter_error')
      expect(errorParamOf(res)).toBe(param)
    }
  })
})
