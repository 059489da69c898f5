import { describe, expect, it } from 'vitest'
import {
  addSubscription,
  bodyOf,
  createTestCustomer,
  customerPath,
  errorParamOf,
  errorTypeOf,
  itemsOf,
  missingId,
  SANDBOX_CUSTOMERS,
  SANDBOX_PRODUCTS,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'list-subscriptions'
const api = useTarget('revenuecat')

interface Subscription {
  object: string
  id: string
  customer_id: string
  environment: string
  store: string
}
interface Page {
  url: string
  next_page: string | null
  items: Subscription[]
}

const list = (customerId: string, query?: Record<string, string>) =>
  api.call(op, { path: customerPath(api, customerId), ...(query ? { query } : {}) })

describe(op, () => {
  it("lists the customer's subscriptions [list-subscriptions]", async () => {
    const id = api.need('customerId')
    const res = await list(id)
    expect(res).toMatchContract(200)
    const items = itemsOf<Subscription>(res)
    expect(items.map((s) => s.id)).toContain(api.need('subscriptionId'))
    for (const sub of items) expect(sub).toMatchObject({ object: 'subscription', customer_id: id })
  })

  it('keeps the production subscriptions only [list-subscriptions: environment production]', async () => {
    const res = await list(api.need('customerId'), { environment: 'production' })
    expect(res).toMatchContract(200)
    for (const sub of itemsOf<Subscription>(res)) expect(sub.environment).toBe('production')
  })

  it('pages through 25 subscriptions, and filters them by environment', async () => {
    api.needSandbox()
    const first = await list(SANDBOX_CUSTOMERS.many)
    expect(first).toMatchContract(200)
    const page = bodyOf<Page>(first)
    expect(page.items).toHaveLength(20)
    const last = page.items.at(-1)?.id ?? ''
    expect(page.next_page).toContain(`starting_after=${last}`)
    const second = await list(SANDBOX_CUSTOMERS.many, { starting_after: last })
    expect(second).toMatchContract(200)
    expect(bodyOf<Page>(second)).toMatchObject({ next_page: null })
    const all = [...page.items, ...itemsOf<Subscription>(second)]
    expect(new Set(all.map((s) => s.id)).size).toBe(25)

    const sandbox = await list(SANDBOX_CUSTOMERS.many, { environment: 'sandbox', limit: '5' })
    expect(sandbox).toMatchContract(200)
    const filtered = bodyOf<Page>(sandbox)
    expect(filtered.items).toHaveLength(5)
    for (const sub of filtered.items) expect(sub.environment).toBe('sandbox')
    expect(filtered.next_page).toContain('environment=sandbox')
    const rest = await list(SANDBOX_CUSTOMERS.many, {
      environment: 'sandbox',
      starting_after: filtered.items.at(-1)?.id ?? '',
    })
    expect(rest).toMatchContract(200)
    const sandboxCount = all.filter((s) => s.environment === 'sandbox').length
    expect(filtered.items.length + itemsOf(rest).length).toBe(sandboxCount)
  })

  it('lists a new subscription of a new customer, and nothing of another customer', async () => {
    api.needSandbox()
    const id = await createTestCustomer(api)
    const empty = await list(id)
    expect(empty).toMatchContract(200)
    expect(itemsOf(empty)).toEqual([])
    const sub = await addSubscription(api, id, {
      product_id: SANDBOX_PRODUCTS.playStoreMonthly,
      store: 'play_store',
      environment: 'production',
    })
    const res = await list(id)
    expect(res).toMatchContract(200)
    expect(itemsOf<Subscription>(res)).toEqual([
      expect.objectContaining({ id: sub.id, store: 'play_store', environment: 'production' }),
    ])
    const other = await list(id, { environment: 'sandbox' })
    expect(itemsOf(other)).toEqual([])
  })

  it('returns 400 parameter_error for an unknown environment [list-subscriptions: bad environment]', async () => {
    const res = await list(api.need('customerId'), { environment: 'staging' })
    expect(res).toMatchContract(400)
    expect(errorTypeOf(res)).toBe('parameter_error')
    expect(errorParamOf(res)).toBe('environment')
  })

  it('returns 400 parameter_error for a limit that is not a number', async () => {
    const res = await list(api.need('customerId'), { limit: 'ten' })
    expect(res).toMatchContract(400)
    expect(errorParamOf(res)).toBe('limit')
  })

  it('returns 400 parameter_error for a customer id longer than 1500 characters', async () => {
    const res = await list('x'.repeat(1501))
    expect(res).toMatchContract(400)
    expect(errorParamOf(res)).toBe('customer_id')
  })

  it('returns 404 resource_missing for an unknown customer [list-subscriptions: unknown customer]', async () => {
    const res = await list(missingId(api, 'customer'))
    expect(res).toMatchContract(404)
    expect(errorTypeOf(res)).toBe('resource_missing')
  })
})
