import { describe, expect, it } from 'vitest'
import {
  addSubscription,
  bodyOf,
  createTestCustomer,
  errorParamOf,
  errorTypeOf,
  itemsOf,
  SANDBOX_PRODUCTS,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'search-subscriptions'
const api = useTarget('revenuecat')

/** An earlier store identifier of the seeded active App Store subscription (sandbox only). */
const PAST_IDENTIFIER = '2000pastA0001'

interface Subscription {
  id: string
  customer_id: string
  store_subscription_identifier: string
}

const search = (query: Record<string, string>) =>
  api.call(op, { path: { project_id: api.need('projectId') }, query })

describe(op, () => {
  it('finds a subscription by its store identifier [search-subscriptions]', async () => {
    const id = api.need('subscriptionId')
    const sub = await api.call('get-subscription', {
      path: { project_id: api.need('projectId'), subscription_id: id },
    })
    expect(sub).toMatchContract(200)
    const identifier = bodyOf<Subscription>(sub).store_subscription_identifier
    const res = await search({ store_subscription_identifier: identifier })
    expect(res).toMatchContract(200)
    expect(bodyOf<{ url: string }>(res).url).toBe(
      `/v2/projects/${api.need('projectId')}/subscriptions`,
    )
    expect(itemsOf<Subscription>(res).map((s) => s.id)).toContain(id)
    for (const found of itemsOf<Subscription>(res))
      expect(found.store_subscription_identifier).toBe(identifier)
  })

  it('finds a new subscription, and only it', async () => {
    api.needSandbox()
    const customer = await createTestCustomer(api)
    const sub = await addSubscription(api, customer, {
      product_id: SANDBOX_PRODUCTS.playStoreMonthly,
      store: 'play_store',
    })
    const res = await search({
      store_subscription_identifier: String(sub.store_subscription_identifier),
    })
    expect(res).toMatchContract(200)
    expect(itemsOf<Subscription>(res)).toEqual([
      expect.objectContaining({ id: sub.id, customer_id: customer }),
    ])
  })

  it('finds a subscription by the store identifier of an earlier period', async () => {
    api.needSandbox()
    const res = await search({ store_subscription_identifier: PAST_IDENTIFIER })
    expect(res).toMatchContract(200)
    const items = itemsOf<Subscription>(res)
    expect(items).toHaveLength(1)
    expect(items[0]?.store_subscription_identifier).not.toBe(PAST_IDENTIFIER)
  })

  it('answers an empty list when nothing matches [search-subscriptions: no match]', async () => {
    const res = await search({
      store_subscription_identifier: `subcontract-missing-${api.faker.string.alphanumeric(10)}`,
    })
    expect(res).toMatchContract(200)
    expect(itemsOf(res)).toEqual([])
  })

  it('returns 400 parameter_error without store_subscription_identifier [search-subscriptions: missing store_subscription_identifier]', async () => {
    const res = await search({})
    expect(res).toMatchContract(400)
    expect(errorTypeOf(res)).toBe('parameter_error')
    expect(errorParamOf(res)).toBe('store_subscription_identifier')
  })

  it('returns 400 parameter_error for an identifier longer than 255 characters', async () => {
    const res = await search({ store_subscription_identifier: 'x'.repeat(256) })
    expect(res).toMatchContract(400)
    expect(errorParamOf(res)).toBe('store_subscription_identifier')
  })
})
