import { describe, expect, it } from 'vitest'
import {
  addSubscription,
  bodyOf,
  createTestCustomer,
  customerPath,
  errorParamOf,
  errorTypeOf,
  missingId,
  SANDBOX_ENTITLEMENTS,
  SANDBOX_PRODUCTS,
  type SimulatedSubscription,
  whileLocked,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'cancel-subscription'
const api = useTarget('revenuecat')

interface Subscription {
  id: string
  status: string
  gives_access: boolean
  auto_renewal_status: string
  ends_at: number | null
  current_period_ends_at: number | null
  presented_offering_id: string | null
  country: string | null
  pending_changes: { product: { id: string } } | null
}
interface Customer {
  active_entitlements: { items: Array<{ entitlement_id: string; expires_at: number | null }> }
}

const path = (id: string) => ({ project_id: api.need('projectId'), subscription_id: id })
const cancel = (id: string) => api.call(op, { path: path(id) })

/** A new customer with one subscription (Web Billing unless told otherwise). */
async function subscribed(
  input: Partial<SimulatedSubscription> = {},
): Promise<{ customer: string; sub: Subscription }> {
  const customer = await createTestCustomer(api)
  const sub = await addSubscription(api, customer, {
    product_id: SANDBOX_PRODUCTS.webMonthly,
    ...input,
  })
  return { customer, sub: sub as unknown as Subscription }
}

describe(op, () => {
  it('cancels at the end of the period: no renewal, access until then [cancel-subscription]', async () => {
    api.needSandbox()
    const { customer, sub } = await subscribed()
    expect(sub).toMatchObject({ auto_renewal_status: 'will_renew', ends_at: null })
    const res = await cancel(sub.id)
    expect(res).toMatchContract(200)
    const cancelled = bodyOf<Subscription>(res)
    expect(cancelled).toMatchObject({
      id: sub.id,
      status: 'active',
      gives_access: true,
      auto_renewal_status: 'will_not_renew',
      ends_at: sub.current_period_ends_at,
      current_period_ends_at: sub.current_period_ends_at,
    })

    // Read back: the subscription and the customer's access say the same.
    const read = await api.call('get-subscription', { path: path(sub.id) })
    expect(read).toMatchContract(200)
    expect(bodyOf(read)).toEqual(cancelled)
    const owner = await api.call('get-customer', { path: customerPath(api, customer) })
    expect(owner).toMatchContract(200)
    expect(bodyOf<Customer>(owner).active_entitlements.items).toEqual([
      expect.objectContaining({
        entitlement_id: SANDBOX_ENTITLEMENTS.pro,
        expires_at: sub.current_period_ends_at,
      }),
    ])
  })

  it('cancels a Web Billing trial', async () => {
    api.needSandbox()
    const { sub } = await subscribed({ status: 'trialing', period_days: 7 })
    const res = await cancel(sub.id)
    expect(res).toMatchContract(200)
    expect(bodyOf<Subscription>(res)).toMatchObject({
      status: 'trialing',
      gives_access: true,
      auto_renewal_status: 'will_not_renew',
      ends_at: sub.current_period_ends_at,
    })
  })

  it('cancels a subscription in its grace period, and drops its scheduled product change', async () => {
    api.needSandbox()
    const { sub } = await subscribed({
      status: 'in_grace_period',
      auto_renewal_status: 'will_change_product',
      pending_product_id: SANDBOX_PRODUCTS.webMonthly,
      presented_offering_id: 'ofrng5eed0001',
      country: 'NL',
      environment: 'production',
    })
    expect(sub).toMatchObject({
      status: 'in_grace_period',
      pending_changes: { product: expect.objectContaining({ id: SANDBOX_PRODUCTS.webMonthly }) },
    })
    const res = await cancel(sub.id)
    expect(res).toMatchContract(200)
    const cancelled = bodyOf<Subscription>(res)
    expect(cancelled).toMatchObject({
      status: 'in_grace_period',
      gives_access: true,
      auto_renewal_status: 'will_not_renew',
      ends_at: sub.current_period_ends_at,
      pending_changes: null,
      presented_offering_id: 'ofrng5eed0001',
      country: 'NL',
      environment: 'production',
    })
    const read = await api.call('get-subscription', { path: path(sub.id) })
    expect(read).toMatchContract(200)
    expect(bodyOf(read)).toEqual(cancelled)
  })

  it('returns 400 parameter_error for an id longer than 255 characters', async () => {
    const res = await cancel('x'.repeat(256))
    expect(res).toMatchContract(400)
    expect(errorTypeOf(res)).toBe('parameter_error')
    expect(errorParamOf(res)).toBe('subscription_id')
  })

  it('returns 404 resource_missing for an unknown subscription [cancel-subscription: unknown subscription]', async () => {
    const res = await cancel(missingId(api, 'subscription'))
    expect(res).toMatchContract(404)
    expect(errorTypeOf(res)).toBe('resource_missing')
  })

  it('returns 422 unprocessable_entity_error when cancelling twice [cancel-subscription: twice]', async () => {
    api.needSandbox()
    const { sub } = await subscribed()
    expect(await cancel(sub.id)).toMatchContract(200)
    const res = await cancel(sub.id)
    expect(res).toMatchContract(422)
    expect(errorTypeOf(res)).toBe('unprocessable_entity_error')
  })

  it('returns 422 unprocessable_entity_error for an App Store subscription [cancel-subscription: app store subscription]', async () => {
    api.needSandbox()
    const { sub } = await subscribed({
      product_id: SANDBOX_PRODUCTS.appStoreMonthly,
      store: 'app_store',
    })
    const res = await cancel(sub.id)
    expect(res).toMatchContract(422)
    expect(errorTypeOf(res)).toBe('unprocessable_entity_error')
    const read = await api.call('get-subscription', { path: path(sub.id) })
    expect(bodyOf(read)).toMatchObject({ auto_renewal_status: 'will_renew', ends_at: null })
  })

  it.each([
    ['play_store', SANDBOX_PRODUCTS.playStoreMonthly],
    ['stripe', SANDBOX_PRODUCTS.stripeMonthly],
  ])('returns 422 unprocessable_entity_error for a %s subscription', async (store, product) => {
    api.needSandbox()
    const { sub } = await subscribed({ product_id: product, store })
    const res = await cancel(sub.id)
    expect(res).toMatchContract(422)
    expect(errorTypeOf(res)).toBe('unprocessable_entity_error')
  })

  it('returns 422 unprocessable_entity_error for an expired subscription', async () => {
    api.needSandbox()
    const { sub } = await subscribed({ ended: true })
    expect(sub).toMatchObject({ status: 'expired', gives_access: false })
    const res = await cancel(sub.id)
    expect(res).toMatchContract(422)
    expect(errorTypeOf(res)).toBe('unprocessable_entity_error')
  })

  it('returns 423 resource_locked_error while another request holds the customer', async () => {
    api.needSandbox()
    const { customer, sub } = await subscribed()
    const res = await whileLocked(api, customer, () => cancel(sub.id))
    expect(res).toMatchContract(423)
    expect(errorTypeOf(res)).toBe('resource_locked_error')
    const read = await api.call('get-subscription', { path: path(sub.id) })
    expect(bodyOf(read)).toMatchObject({ auto_renewal_status: 'will_renew' })
  })
})
