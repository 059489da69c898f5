import { describe, expect, it } from 'vitest'
import {
  addSubscription,
  bodyOf,
  createTestCustomer,
  errorParamOf,
  errorTypeOf,
  itemsOf,
  missingId,
  SANDBOX_PRODUCTS,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'get-play-store-or-app-store-subscription-transactions'
const api = useTarget('revenuecat')

interface Transaction {
  object: string
  id: string
  purchased_at: number
  product_store_identifier: string
  expiration_date: number | null
  effective_expiration_date: number | null
}

const path = (id: string) => ({ project_id: api.need('projectId'), subscription_id: id })
const list = (id: string) => api.call(op, { path: path(id) })

describe(op, () => {
  it("lists a store subscription's transactions [get-play-store-or-app-store-subscription-transactions]", async () => {
    const id = api.need('subscriptionId')
    const res = await list(id)
    expect(res).toMatchContract(200)
    expect(bodyOf<{ url: string }>(res).url).toBe(
      `/v2/projects/${api.need('projectId')}/subscriptions/${id}/transactions`,
    )
    const items = itemsOf<Transaction>(res)
    expect(items.length).toBeGreaterThan(0)
    for (const tx of items) expect(tx.object).toBe('subscription_transaction')
  })

  it.each(['play_store', 'app_store'])(
    'lists one transaction per period of a %s subscription, oldest first',
    async (store) => {
      api.needSandbox()
      const customer = await createTestCustomer(api)
      const product =
        store === 'play_store'
          ? SANDBOX_PRODUCTS.playStoreMonthly
          : SANDBOX_PRODUCTS.appStoreMonthly
      const sub = await addSubscription(api, customer, { product_id: product, store, periods: 3 })
      const res = await list(sub.id)
      expect(res).toMatchContract(200)
      const items = itemsOf<Transaction>(res)
      expect(items).toHaveLength(3)
      const times = items.map((t) => t.purchased_at)
      expect([...times].sort((a, b) => a - b)).toEqual(times)
      expect(items[2]).toMatchObject({
        expiration_date: sub.current_period_ends_at,
        effective_expiration_date: null,
      })
      expect(items[0]?.effective_expiration_date).toBe(items[0]?.expiration_date)
    },
  )

  it('returns 400 invalid_request for a Web Billing subscription [get-play-store-or-app-store-subscription-transactions: web billing subscription]', async () => {
    api.needSandbox()
    const customer = await createTestCustomer(api)
    const sub = await addSubscription(api, customer, { product_id: SANDBOX_PRODUCTS.webMonthly })
    const res = await list(sub.id)
    expect(res).toMatchContract(400)
    expect(errorTypeOf(res)).toBe('invalid_request')
    expect(errorParamOf(res)).toBeUndefined()
  })

  it('returns 400 invalid_request for a Stripe subscription', async () => {
    api.needSandbox()
    const customer = await createTestCustomer(api)
    const sub = await addSubscription(api, customer, {
      product_id: SANDBOX_PRODUCTS.stripeMonthly,
      store: 'stripe',
    })
    const res = await list(sub.id)
    expect(res).toMatchContract(400)
    expect(errorTypeOf(res)).toBe('invalid_request')
  })

  it('returns 400 parameter_error for an id longer than 255 characters', async () => {
    const res = await list('x'.repeat(256))
    expect(res).toMatchContract(400)
    expect(errorParamOf(res)).toBe('subscription_id')
  })

  it('returns 404 resource_missing for an unknown subscription [get-play-store-or-app-store-subscription-transactions: unknown subscription]', async () => {
    const res = await list(missingId(api, 'subscription'))
    expect(res).toMatchContract(404)
    expect(errorTypeOf(res)).toBe('resource_missing')
  })
})
