import { describe, expect, it } from 'vitest'
import {
  errorCodeOf,
  errorSourcesOf,
  PRODUCT_SETS,
  SEEDED_PAYWALLS,
} from '../support/adapty-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'listPaywalls'
const api = useTarget('adapty')

type Page = {
  data: Array<{ paywall_id: string }>
  meta: { pagination: { count: number; page: number; pages: number } }
}
const pageOf = (res: { response: { json?: unknown } }) => res.response.json as Page

describe(op, () => {
  it('returns a page of paywalls with pagination meta [listPaywalls]', async () => {
    const res = await api.call(op, { query: { 'page[number]': 1, 'page[size]': 2 } })
    expect(res).toMatchContract(200)
    const { data, meta } = pageOf(res)
    expect(data.length).toBe(Math.min(2, meta.pagination.count))
    expect(meta.pagination).toMatchObject({
      page: 1,
      pages: Math.max(1, Math.ceil(meta.pagination.count / 2)),
    })
  })

  it('walks every page in a stable order without repeating a paywall', async () => {
    const first = await api.call(op, { query: { 'page[size]': 1 } })
    expect(first).toMatchContract(200)
    const ids: string[] = []
    for (let n = 1; n <= pageOf(first).meta.pagination.pages; n++) {
      const res = await api.call(op, { query: { 'page[number]': n, 'page[size]': 1 } })
      expect(res).toMatchContract(200)
      ids.push(...pageOf(res).data.map((p) => p.paywall_id))
    }
    expect(new Set(ids).size).toBe(pageOf(first).meta.pagination.count)
    expect(ids[0]).toBe(pageOf(first).data[0]?.paywall_id)
  })

  it('uses page 1 and 20 paywalls per page without query parameters', async () => {
    const res = await api.call(op)
    expect(res).toMatchContract(200)
    const { data, meta } = pageOf(res)
    expect(meta.pagination.page).toBe(1)
    expect(data.length).toBe(Math.min(20, meta.pagination.count))
  })

  it('returns an empty page with the true totals past the last page', async () => {
    const res = await api.call(op, { query: { 'page[number]': 999, 'page[size]': 100 } })
    expect(res).toMatchContract(200)
    expect(pageOf(res).data).toEqual([])
    expect(pageOf(res).meta.pagination.page).toBe(999)
  })

  it('returns 400 validation_error for a page size over 100 [listPaywalls: page size too large]', async () => {
    const res = await api.call(op, { query: { 'page[size]': 1000 } })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('validation_error')
    expect(errorSourcesOf(res)).toEqual(['page[size]'])
  })

  it('returns 400 validation_error for a page size of 0', async () => {
    const res = await api.call(op, { query: { 'page[size]': 0 } })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('validation_error')
    expect(errorSourcesOf(res)).toEqual(['page[size]'])
  })

  it('returns 400 validation_error for a page number that is not a positive integer', async () => {
    const res = await api.call(op, { query: { 'page[number]': 'zero' } })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('validation_error')
    expect(errorSourcesOf(res)).toEqual(['page[number]'])
  })

  it('returns 401 not_authenticated without an API key [listPaywalls: no auth]', async () => {
    const res = await api.call(op, { authorization: null })
    expect(res).toMatchContract(401)
    expect(errorCodeOf(res)).toBe('not_authenticated')
  })

  it('lists paywalls in every state, archived ones included, with every product set', async () => {
    api.needSandbox()
    const res = await api.call(op, { query: { 'page[size]': 100 } })
    expect(res).toMatchContract(200)
    type Item = { paywall_id: string; state: string; products: Array<{ product_set: string }> }
    const items = (res.response.json as { data: Item[] }).data
    const stateOf = (id: string) => items.find((p) => p.paywall_id === id)?.state
    expect(stateOf(SEEDED_PAYWALLS.draft)).toBe('draft')
    expect(stateOf(SEEDED_PAYWALLS.inactive)).toBe('inactive')
    expect(stateOf(SEEDED_PAYWALLS.archived)).toBe('archived')
    const sets = new Set(items.flatMap((p) => p.products.map((product) => product.product_set)))
    expect([...sets].sort()).toEqual([...PRODUCT_SETS].sort())
  })
})
