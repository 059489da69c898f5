import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  customerPath,
  errorParamOf,
  errorTypeOf,
  itemsOf,
  missingId,
  SANDBOX_CUSTOMERS,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'get-subscription'
const api = useTarget('revenuecat')

interface Subscription {
  id: string
  customer_id: string
  status: string
  gives_access: boolean
  store: string
  auto_renewal_status: string
  pending_changes: { product: { id: string } } | null
  management_url: string | null
}

const path = (id: string) => ({ project_id: api.need('projectId'), subscription_id: id })
const get = (id: string) => api.call(op, { path: path(id) })

/** The first subscription of a seeded customer (sandbox only). */
async function seeded(customerId: string): Promise<Subscription> {
  api.needSandbox()
  const res = await api.call('list-subscriptions', { path: customerPath(api, customerId) })
  expect(res).toMatchContract(200)
  const [first] = itemsOf<Subscription>(res)
  if (first === undefined) throw new Error(`${customerId} has no subscription`)
  return first
}

describe(op, () => {
  it('returns a subscription [get-subscription]', async () => {
    const id = api.need('subscriptionId')
    const res = await get(id)
    expect(res).toMatchContract(200)
    expect(bodyOf<Subscription>(res)).toMatchObject({ id, customer_id: api.need('customerId') })
  })

  it('is what list-subscriptions shows of it', async () => {
    const id = api.need('subscriptionId')
    const res = await get(id)
    expect(res).toMatchContract(200)
    const list = await api.call('list-subscriptions', {
      path: customerPath(api, api.need('customerId')),
    })
    expect(itemsOf<Subscription>(list).find((s) => s.id === id)).toEqual(bodyOf(res))
  })

  it('shows a pending product change and the store management page', async () => {
    const sub = await seeded(SANDBOX_CUSTOMERS.active)
    const res = await get(sub.id)
    expect(res).toMatchContract(200)
    expect(bodyOf<Subscription>(res)).toMatchObject({
      store: 'app_store',
      status: 'active',
      gives_access: true,
      auto_renewal_status: 'will_change_product',
      pending_changes: { product: expect.objectContaining({ object: 'product' }) },
      management_url: expect.stringMatching(/^https:\/\//),
    })
  })

  it.each([
    [SANDBOX_CUSTOMERS.trial, 'trialing', true],
    [SANDBOX_CUSTOMERS.grace, 'in_grace_period', true],
    [SANDBOX_CUSTOMERS.billingRetry, 'in_billing_retry', false],
    [SANDBOX_CUSTOMERS.expired, 'expired', false],
    [SANDBOX_CUSTOMERS.refunded, 'expired', false],
  ])('shows %s as %s, gives_access %s', async (customerId, status, access) => {
    const sub = await seeded(customerId)
    const res = await get(sub.id)
    expect(res).toMatchContract(200)
    expect(bodyOf<Subscription>(res)).toMatchObject({ status, gives_access: access })
  })

  it('returns 400 parameter_error for an id longer than 255 characters', async () => {
    const res = await get('x'.repeat(256))
    expect(res).toMatchContract(400)
    expect(errorTypeOf(res)).toBe('parameter_error')
    expect(errorParamOf(res)).toBe('subscription_id')
  })

  it('returns 404 resource_missing for an unknown subscription [get-subscription: unknown subscription]', async () => {
    const res = await get(missingId(api, 'subscription'))
    expect(res).toMatchContract(404)
    expect(errorTypeOf(res)).toBe('resource_missing')
  })
})
