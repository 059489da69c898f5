import { describe, expect, it } from 'vitest'
import { errorCodeOf, PRODUCT_SETS, SEEDED_PAYWALLS } from '../support/adapty-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'getPaywall'
const api = useTarget('adapty')

describe(op, () => {
  it('returns the paywall with its remote configs [getPaywall]', async () => {
    const paywallId = api.need('paywallId')
    const res = await api.call(op, { path: { paywall_id: paywallId } })
    expect(res).toMatchContract(200)
    expect(res.response.json).toMatchObject({
      paywall_id: paywallId,
      remote_configs: expect.any(Array),
    })
  })

  it('returns the same paywall the list shows', async () => {
    const paywallId = api.need('paywallId')
    const list = await api.call('listPaywalls', { query: { 'page[size]': 100 } })
    expect(list).toMatchContract(200)
    type Item = { paywall_id: string; title: string; state: string; products: unknown[] }
    const listed = (list.response.json as { data: Item[] }).data.find(
      (p) => p.paywall_id === paywallId,
    )
    const res = await api.call(op, { path: { paywall_id: paywallId } })
    expect(res).toMatchContract(200)
    // Only fields an update elsewhere in the run cannot change between the two reads.
    const { title, state, products } = res.response.json as Item
    type Product = { product_id: string; title: string; product_set: string; offer: Offer | null }
    type Offer = { product_offer_id: string; title: string }
    // The documented fields of each product, so a field added on one side only cannot fail it.
    const documented = (products as Product[]).map((p) =>
      expect.objectContaining({
        product_id: p.product_id,
        title: p.title,
        product_set: p.product_set,
        offer:
          p.offer === null
            ? null
            : expect.objectContaining({
                product_offer_id: p.offer.product_offer_id,
                title: p.offer.title,
              }),
      }),
    )
    expect(listed).toMatchObject({ paywall_id: paywallId, title, state, products: documented })
  })

  it('returns 401 not_authenticated without an API key [getPaywall: no auth]', async () => {
    const res = await api.call(op, {
      path: { paywall_id: api.faker.string.uuid() },
      authorization: null,
    })
    expect(res).toMatchContract(401)
    expect(errorCodeOf(res)).toBe('not_authenticated')
  })

  it('returns 404 paywall_does_not_exist for an unknown paywall [getPaywall: unknown paywall]', async () => {
    const res = await api.call(op, { path: { paywall_id: api.faker.string.uuid() } })
    expect(res).toMatchContract(404)
    expect(errorCodeOf(res)).toBe('paywall_does_not_exist')
  })

  it('returns 404 paywall_does_not_exist for an id that is not a uuid', async () => {
    const res = await api.call(op, { path: { paywall_id: 'not-a-uuid' } })
    expect(res).toMatchContract(404)
    expect(errorCodeOf(res)).toBe('paywall_does_not_exist')
  })

  it('returns draft, inactive and archived paywalls with every product set', async () => {
    api.needSandbox()
    type Seen = { state: string; products: Array<{ product_set: string }> }
    const sets = new Set<string>()
    const states: Record<string, string> = {}
    for (const [name, paywallId] of Object.entries(SEEDED_PAYWALLS)) {
      const res = await api.call(op, { path: { paywall_id: paywallId } })
      expect(res).toMatchContract(200)
      const paywall = res.response.json as Seen
      states[name] = paywall.state
      for (const p of paywall.products) sets.add(p.product_set)
    }
    expect(states).toEqual({
      onboarding: 'live',
      draft: 'draft',
      inactive: 'inactive',
      archived: 'archived',
      store: 'live',
    })
    expect([...sets].sort()).toEqual([...PRODUCT_SETS].sort())
  })
})
