import { describe, expect, it } from 'vitest'
import {
  addPurchase,
  addSubscription,
  bodyOf,
  createTestCustomer,
  customerPath,
  errorParamOf,
  errorTypeOf,
  itemsOf,
  missingId,
  SANDBOX_CUSTOMERS,
  SANDBOX_ENTITLEMENTS,
  SANDBOX_PRODUCTS,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'list-customer-active-entitlements'
const api = useTarget('revenuecat')

interface ActiveEntitlement {
  object: string
  entitlement_id: string
  expires_at: number | null
}
interface Page {
  url: string
  next_page: string | null
  items: ActiveEntitlement[]
}

const list = (customerId: string, query?: Record<string, string>) =>
  api.call(op, { path: customerPath(api, customerId), ...(query ? { query } : {}) })

describe(op, () => {
  it("lists the customer's active entitlements [list-customer-active-entitlements]", async () => {
    const id = api.need('customerId')
    const res = await list(id)
    expect(res).toMatchContract(200)
    const page = bodyOf<Page>(res)
    expect(page.url).toBe(
      `/v2/projects/${api.need('projectId')}/customers/${encodeURIComponent(id)}/active_entitlements`,
    )
    for (const item of page.items) expect(item.object).toBe('customer.active_entitlement')
  })

  it('lists the same entitlements as get-customer', async () => {
    const id = api.need('customerId')
    const res = await list(id)
    expect(res).toMatchContract(200)
    const customer = await api.call('get-customer', { path: customerPath(api, id) })
    expect(customer).toMatchContract(200)
    const inline = bodyOf<{ active_entitlements: { items: ActiveEntitlement[] } }>(customer)
    expect(itemsOf(res)).toEqual(inline.active_entitlements.items)
  })

  it('shows an active grant with its end, and not an expired one', async () => {
    api.needSandbox()
    const res = await list(SANDBOX_CUSTOMERS.granted)
    expect(res).toMatchContract(200)
    const items = itemsOf<ActiveEntitlement>(res)
    expect(items.map((e) => e.entitlement_id)).toEqual([SANDBOX_ENTITLEMENTS.premium])
    expect(items[0]?.expires_at).toEqual(expect.any(Number))
  })

  it('shows no entitlement of an expired or refunded subscription', async () => {
    api.needSandbox()
    for (const id of [SANDBOX_CUSTOMERS.expired, SANDBOX_CUSTOMERS.refunded]) {
      const res = await list(id)
      expect(res).toMatchContract(200)
      expect(itemsOf(res)).toEqual([])
    }
  })

  it('is empty for a new customer', async () => {
    const id = await createTestCustomer(api)
    const res = await list(id)
    expect(res).toMatchContract(200)
    expect(itemsOf(res)).toEqual([])
  })

  it('pages through a purchase (no end) and a subscription (until its period ends)', async () => {
    api.needSandbox()
    const id = await createTestCustomer(api)
    const sub = await addSubscription(api, id, { product_id: SANDBOX_PRODUCTS.webMonthly })
    await addPurchase(api, id, { product_id: SANDBOX_PRODUCTS.webLifetime })
    const first = await list(id, { limit: '1' })
    expect(first).toMatchContract(200)
    const page = bodyOf<Page>(first)
    expect(page.items).toEqual([
      {
        object: 'customer.active_entitlement',
        entitlement_id: SANDBOX_ENTITLEMENTS.pro,
        expires_at: sub.current_period_ends_at,
      },
    ])
    expect(page.next_page).toContain(`starting_after=${SANDBOX_ENTITLEMENTS.pro}`)
    const second = await list(id, { limit: '1', starting_after: SANDBOX_ENTITLEMENTS.pro })
    expect(second).toMatchContract(200)
    expect(bodyOf<Page>(second)).toMatchObject({
      next_page: null,
      items: [{ entitlement_id: SANDBOX_ENTITLEMENTS.lifetime, expires_at: null }],
    })
  })

  it('returns 400 parameter_error for a limit of 0 [list-customer-active-entitlements: bad limit]', async () => {
    const res = await list(api.need('customerId'), { limit: '0' })
    expect(res).toMatchContract(400)
    expect(errorTypeOf(res)).toBe('parameter_error')
    expect(errorParamOf(res)).toBe('limit')
  })

  it('returns 400 parameter_error for an unknown starting_after', async () => {
    const res = await list(api.need('customerId'), {
      starting_after: missingId(api, 'entitlement'),
    })
    expect(res).toMatchContract(400)
    expect(errorParamOf(res)).toBe('starting_after')
  })

  it('returns 400 parameter_error for a customer id longer than 1500 characters', async () => {
    const res = await list('x'.repeat(1501))
    expect(res).toMatchContract(400)
    expect(errorParamOf(res)).toBe('customer_id')
  })

  it('returns 404 resource_missing for an unknown customer [list-customer-active-entitlements: unknown customer]', async () => {
    const res = await list(missingId(api, 'customer'))
    expect(res).toMatchContract(404)
    expect(errorTypeOf(res)).toBe('resource_missing')
  })
})
