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
  SANDBOX_ENTITLEMENTS,
  SANDBOX_PRODUCTS,
  type SimulatedSubscription,
  whileLocked,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'refund-subscription'
const api = useTarget('revenuecat')

interface Subscription {
  id: string
  status: string
  gives_access: boolean
  auto_renewal_status: string
  ends_at: number | null
  total_revenue_in_usd: { gross: number }
  presented_offering_id: string | null
  country: string | null
  pending_changes: { product: { id: string } } | null
}
interface Customer {
  active_entitlements: { items: Array<{ entitlement_id: string }> }
}

const path = (id: string) => ({ project_id: api.need('projectId'), subscription_id: id })
const refund = (id: string) => api.call(op, { path: path(id) })
const entitlementsOf = async (customer: string) => {
  const res = await api.call('get-customer', { path: customerPath(api, customer) })
  expect(res).toMatchContract(200)
  return bodyOf<Customer>(res).active_entitlements.items.map((e) => e.entitlement_id)
}

/** A new customer with one subscription (Web Billing, two paid periods, unless told otherwise). */
async function subscribed(
  input: Partial<SimulatedSubscription> = {},
): Promise<{ customer: string; sub: Subscription }> {
  const customer = await createTestCustomer(api)
  const sub = await addSubscription(api, customer, {
    product_id: SANDBOX_PRODUCTS.webMonthly,
    periods: 2,
    price: 10,
    ...input,
  })
  return { customer, sub: sub as unknown as Subscription }
}

describe(op, () => {
  it('refunds the last payment and ends access now [refund-subscription]', async () => {
    api.needSandbox()
    const { customer, sub } = await subscribed()
    expect(sub.total_revenue_in_usd.gross).toBe(20)
    expect(await entitlementsOf(customer)).toEqual([SANDBOX_ENTITLEMENTS.pro])

    const res = await refund(sub.id)
    expect(res).toMatchContract(200)
    const refunded = bodyOf<Subscription>(res)
    expect(refunded).toMatchObject({
      id: sub.id,
      status: 'expired',
      gives_access: false,
      auto_renewal_status: 'will_not_renew',
      ends_at: expect.any(Number),
      total_revenue_in_usd: expect.objectContaining({ gross: 10 }),
    })

    // Read back: the subscription has ended and the customer has lost the entitlement.
    const read = await api.call('get-subscription', { path: path(sub.id) })
    expect(read).toMatchContract(200)
    expect(bodyOf(read)).toEqual(refunded)
    expect(await entitlementsOf(customer)).toEqual([])
    const active = await api.call('list-customer-active-entitlements', {
      path: customerPath(api, customer),
    })
    expect(itemsOf(active)).toEqual([])
  })

  it('refunds a cancelled subscription that still gives access', async () => {
    api.needSandbox()
    const { customer, sub } = await subscribed()
    expect(await api.call('cancel-subscription', { path: path(sub.id) })).toMatchContract(200)
    const res = await refund(sub.id)
    expect(res).toMatchContract(200)
    expect(bodyOf<Subscription>(res)).toMatchObject({ status: 'expired', gives_access: false })
    expect(await entitlementsOf(customer)).toEqual([])
  })

  it('refunds a subscription with a scheduled product change, and drops the change', async () => {
    api.needSandbox()
    const { customer, sub } = await subscribed({
      auto_renewal_status: 'will_change_product',
      pending_product_id: SANDBOX_PRODUCTS.webMonthly,
      presented_offering_id: 'ofrng5eed0001',
      country: 'DE',
      environment: 'production',
    })
    expect(sub).toMatchObject({
      pending_changes: { product: expect.objectContaining({ id: SANDBOX_PRODUCTS.webMonthly }) },
    })
    const res = await refund(sub.id)
    expect(res).toMatchContract(200)
    const refunded = bodyOf<Subscription>(res)
    expect(refunded).toMatchObject({
      status: 'expired',
      gives_access: false,
      auto_renewal_status: 'will_not_renew',
      pending_changes: null,
      presented_offering_id: 'ofrng5eed0001',
      country: 'DE',
      environment: 'production',
    })
    const read = await api.call('get-subscription', { path: path(sub.id) })
    expect(read).toMatchContract(200)
    expect(bodyOf(read)).toEqual(refunded)
    expect(await entitlementsOf(customer)).toEqual([])
  })

  it('returns 400 parameter_error for an id longer than 255 characters', async () => {
    const res = await refund('x'.repeat(256))
    expect(res).toMatchContract(400)
    expect(errorTypeOf(res)).toBe('parameter_error')
    expect(errorParamOf(res)).toBe('subscription_id')
  })

  it('returns 404 resource_missing for an unknown subscription [refund-subscription: unknown subscription]', async () => {
    const res = await refund(missingId(api, 'subscription'))
    expect(res).toMatchContract(404)
    expect(errorTypeOf(res)).toBe('resource_missing')
  })

  it('returns 422 unprocessable_entity_error when refunding twice [refund-subscription: twice]', async () => {
    api.needSandbox()
    const { sub } = await subscribed()
    expect(await refund(sub.id)).toMatchContract(200)
    const res = await refund(sub.id)
    expect(res).toMatchContract(422)
    expect(errorTypeOf(res)).toBe('unprocessable_entity_error')
    const read = await api.call('get-subscription', { path: path(sub.id) })
    expect(bodyOf<Subscription>(read).total_revenue_in_usd.gross).toBe(10)
  })

  it('returns 422 unprocessable_entity_error for an App Store subscription [refund-subscription: app store subscription]', async () => {
    api.needSandbox()
    const { customer, sub } = await subscribed({
      product_id: SANDBOX_PRODUCTS.appStoreMonthly,
      store: 'app_store',
    })
    const res = await refund(sub.id)
    expect(res).toMatchContract(422)
    expect(errorTypeOf(res)).toBe('unprocessable_entity_error')
    expect(await entitlementsOf(customer)).toEqual([SANDBOX_ENTITLEMENTS.pro])
  })

  it('returns 422 unprocessable_entity_error for a trial with nothing paid', async () => {
    api.needSandbox()
    const { customer, sub } = await subscribed({ status: 'trialing', periods: 1, price: 0 })
    const res = await refund(sub.id)
    expect(res).toMatchContract(422)
    expect(errorTypeOf(res)).toBe('unprocessable_entity_error')
    expect(await entitlementsOf(customer)).toEqual([SANDBOX_ENTITLEMENTS.pro])
  })

  it('returns 422 unprocessable_entity_error for an expired trial', async () => {
    api.needSandbox()
    const { sub } = await subscribed({ status: 'trialing', periods: 1, price: 0, ended: true })
    expect(sub).toMatchObject({ status: 'expired', gives_access: false })
    const res = await refund(sub.id)
    expect(res).toMatchContract(422)
    expect(errorTypeOf(res)).toBe('unprocessable_entity_error')
  })

  it('returns 423 resource_locked_error while another request holds the customer', async () => {
    api.needSandbox()
    const { customer, sub } = await subscribed()
    const res = await whileLocked(api, customer, () => refund(sub.id))
    expect(res).toMatchContract(423)
    expect(errorTypeOf(res)).toBe('resource_locked_error')
    expect(await entitlementsOf(customer)).toEqual([SANDBOX_ENTITLEMENTS.pro])
  })
})
