import { describe, expect, it } from 'vitest'
import { DEFAULT_PAGE_LIMIT, paginate } from './paginate.ts'

const url = '/v2/projects/p1/customers'
const items = Array.from({ length: 45 }, (_, i) => ({ id: `c${String(i + 1).padStart(2, '0')}` }))
const ids = (from: number, to: number) => items.slice(from - 1, to).map((item) => item.id)

function page(query: Parameters<typeof paginate>[1], list = items, carry?: [string, string][]) {
  const outcome = paginate(list, query, carry === undefined ? { url } : { url, carry })
  if (!outcome.ok) throw new Error(`expected a page, got ${outcome.failure.message}`)
  return outcome.page
}

describe('paginate', () => {
  it('answers the first page of the default size with a link to the next', () => {
    const first = page({})
    expect(first.object).toBe('list')
    expect(first.url).toBe(url)
    expect(first.items.map((item) => item.id)).toEqual(ids(1, DEFAULT_PAGE_LIMIT))
    expect(first.next_page).toBe(`${url}?starting_after=c20`)
  })

  it('walks every item once by following next_page, and ends with null', () => {
    const seen: string[] = []
    let query: { limit?: string; starting_after?: string } = { limit: '20' }
    for (let n = 0; n < 10; n++) {
      const current = page(query)
      seen.push(...current.items.map((item) => item.id))
      if (current.next_page === null) break
      const params = new URL(current.next_page, 'http://x').searchParams
      query = {
        limit: params.get('limit') ?? '',
        starting_after: params.get('starting_after') ?? '',
      }
    }
    expect(seen).toEqual(ids(1, 45))
  })

  it('keeps the limit in next_page when the request gave one', () => {
    expect(page({ limit: '10', starting_after: 'c10' }).next_page).toBe(
      `${url}?starting_after=c20&limit=10`,
    )
  })

  it('writes the limit as a number, whatever digits the request used', () => {
    expect(page({ limit: '010' }).next_page).toBe(`${url}?starting_after=c10&limit=10`)
  })

  it('answers null next_page on the last page, also when it is exactly full', () => {
    expect(page({ limit: '5', starting_after: 'c40' }).next_page).toBeNull()
    expect(page({ limit: '5', starting_after: 'c40' }).items.map((i) => i.id)).toEqual(ids(41, 45))
    expect(page({ limit: '45' }).next_page).toBeNull()
  })

  it('answers an empty last page after the last item', () => {
    expect(page({ starting_after: 'c45' })).toEqual({
      object: 'list',
      items: [],
      next_page: null,
      url,
    })
  })

  it('answers an empty list with no next page', () => {
    expect(page({}, [])).toEqual({ object: 'list', items: [], next_page: null, url })
  })

  it('URL-encodes the cursor and carried parameters', () => {
    const odd = [{ id: 'a b/&?' }, { id: 'z' }]
    expect(page({ limit: '1' }, odd, [['search', 'x@y.z']]).next_page).toBe(
      `${url}?starting_after=a%20b%2F%26%3F&limit=1&search=x%40y.z`,
    )
  })

  it.each(['0', '-1', '1.5', 'ten', '', ' 5', '1e3', '99999999999999999999'])(
    'refuses limit "%s" as a parameter failure',
    (limit) => {
      const outcome = paginate(items, { limit }, { url })
      expect(outcome).toMatchObject({ ok: false, failure: { param: 'limit' } })
    },
  )

  it('refuses a starting_after that is no item of the list', () => {
    const outcome = paginate(items, { starting_after: 'c99' }, { url })
    expect(outcome).toEqual({
      ok: false,
      failure: {
        param: 'starting_after',
        message: 'starting_after "c99" is not the id of an item of this list.',
      },
    })
  })
})
