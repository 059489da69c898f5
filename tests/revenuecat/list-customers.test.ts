import { describe, expect, it } from 'vitest'
import type { Exchange } from '../../src/exchange.ts'
import {
  bodyOf,
  createTestCustomer,
  errorParamOf,
  expectParameterError,
  itemsOf,
  missingId,
  SANDBOX_CUSTOMERS,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'list-customers'
const api = useTarget('revenuecat')

interface Page {
  object: string
  items: Array<{ id: string; object: string }>
  next_page: string | null
  url: string
}

/** The seeded customers: the named ones, then 45 made in bulk (in that order). */
const SEEDED = [
  ...Object.values(SANDBOX_CUSTOMERS),
  ...Array.from(
    { length: 45 },
    (_, i) => `subcontract-seed-page-${String(i + 1).padStart(3, '0')}`,
  ),
]

/** The query of a next_page link (`/v2/…?starting_after=…&limit=…`). */
function queryOf(nextPage: string): Record<string, string> {
  return Object.fromEntries(new URL(nextPage, 'http://next.invalid').searchParams)
}

const listPath = () => ({ project_id: api.need('projectId') })

describe(op, () => {
  it('lists customers in one page of at most 20 [list-customers]', async () => {
    const res = await api.call(op, { path: listPath() })
    expect(res).toMatchContract(200)
    const page = bodyOf<Page>(res)
    expect(page.object).toBe('list')
    expect(page.url).toBe(`/v2/projects/${api.need('projectId')}/customers`)
    expect(page.items.length).toBeGreaterThan(0)
    expect(page.items.length).toBeLessThanOrEqual(20)
    expect(page.items.every((c) => c.object === 'customer')).toBe(true)
  })

  it('links the next page of a small limit [list-customers: limit 1]', async () => {
    const res = await api.call(op, { path: listPath(), query: { limit: 1 } })
    expect(res).toMatchContract(200)
    const page = bodyOf<Page>(res)
    expect(page.items).toHaveLength(1)
    expect(page.next_page).toContain(
      `starting_after=${encodeURIComponent(page.items[0]?.id ?? '')}`,
    )
    expect(page.next_page).toContain('limit=1')
  })

  it('walks every page of the seeded list: nothing repeats, nothing goes missing', async () => {
    api.needSandbox()
    const limit = 7
    const seen: string[] = []
    let pages = 0
    let query: Record<string, string | number> = { limit }
    // Stops once every seeded customer was seen: customers other files create (and delete) come
    // after them, and a cursor on one that is deleted meanwhile would be refused.
    while (!SEEDED.every((id) => seen.includes(id))) {
      const res: Exchange = await api.call(op, { path: listPath(), query })
      expect(res).toMatchContract(200)
      const page = bodyOf<Page>(res)
      pages += 1
      expect(page.items.length).toBeLessThanOrEqual(limit)
      seen.push(...page.items.map((c) => c.id))
      if (page.next_page === null) break
      query = queryOf(page.next_page)
      expect(query.limit).toBe(String(limit))
      expect(query.starting_after).toBe(page.items.at(-1)?.id)
    }
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.length).toBeGreaterThan(limit * 2)
    expect(pages).toBeGreaterThan(2)
    const seeded = seen.filter((id) => SEEDED.includes(id))
    expect([...seeded].sort()).toEqual([...SEEDED].sort())
    // In creation order: the bulk customers come in the order they were made.
    const bulk = seeded.filter((id) => id.startsWith('subcontract-seed-page-'))
    expect(bulk).toEqual(SEEDED.filter((id) => id.startsWith('subcontract-seed-page-')))
  })

  it('searches the exact $email, and carries the search into next_page', async () => {
    // Run-scoped: two runs with the same seed against one target must not find each other's.
    const email = `${api.uniqueCustomerUserId()}@subcontract.invalid`
    const ids: string[] = []
    for (let i = 0; i < 3; i += 1)
      ids.push(await createTestCustomer(api, [{ name: '$email', value: email }]))
    await createTestCustomer(api, [{ name: '$email', value: `x${email}` }])
    const first = await api.call(op, { path: listPath(), query: { search: email, limit: 2 } })
    expect(first).toMatchContract(200)
    const page = bodyOf<Page>(first)
    expect(page.items.map((c) => c.id)).toEqual(ids.slice(0, 2))
    expect(page.next_page).not.toBeNull()
    const next = queryOf(page.next_page ?? '')
    expect(next.search).toBe(email)
    const second = await api.call(op, { path: listPath(), query: next })
    expect(second).toMatchContract(200)
    expect(bodyOf<Page>(second)).toMatchObject({ next_page: null })
    expect(itemsOf<{ id: string }>(second).map((c) => c.id)).toEqual(ids.slice(2))
  })

  it('finds the seeded customer by its email only when it matches exactly', async () => {
    api.needSandbox()
    const exact = await api.call(op, {
      path: listPath(),
      query: { search: 'active@subcontract.invalid' },
    })
    expect(exact).toMatchContract(200)
    expect(itemsOf<{ id: string }>(exact).map((c) => c.id)).toEqual([SANDBOX_CUSTOMERS.active])
    const partial = await api.call(op, {
      path: listPath(),
      query: { search: 'active@subcontract' },
    })
    expect(partial).toMatchContract(200)
    expect(itemsOf(partial)).toEqual([])
  })

  it('answers an empty list for an email nobody has [list-customers: search no match]', async () => {
    const res = await api.call(op, {
      path: listPath(),
      query: { search: 'subcontract-nobody@subcontract.invalid' },
    })
    expect(res).toMatchContract(200)
    expect(bodyOf<Page>(res)).toMatchObject({ items: [], next_page: null })
  })

  it('returns 400 parameter_error for a limit of 0 [list-customers: bad limit]', async () => {
    await expectParameterError(api, op, { path: listPath(), query: { limit: 0 } }, 'limit')
  })

  it('returns 400 parameter_error for a limit that is not a number', async () => {
    await expectParameterError(api, op, { path: listPath(), query: { limit: 'ten' } }, 'limit')
  })

  it('returns 400 parameter_error for an empty or overlong search', async () => {
    const empty = await api.call(op, { path: listPath(), query: { search: '' } })
    expect(empty).toMatchContract(400)
    expect(errorParamOf(empty)).toBe('search')
    const long = await api.call(op, { path: listPath(), query: { search: 'x'.repeat(256) } })
    expect(long).toMatchContract(400)
    expect(errorParamOf(long)).toBe('search')
  })

  it('returns 400 parameter_error for an unknown cursor [list-customers: unknown starting_after]', async () => {
    await expectParameterError(
      api,
      op,
      {
        path: listPath(),
        query: { starting_after: missingId(api, 'customer') },
      },
      'starting_after',
    )
  })
})
