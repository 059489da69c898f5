import { describe, expect, it } from 'vitest'
import {
  addSubscription,
  bodyOf,
  createTestCustomer,
  errorParamOf,
  errorTypeOf,
  missingId,
  SANDBOX_PRODUCTS,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'get-authorized-subscription-management-url'
const api = useTarget('revenuecat')

interface ManagementUrl {
  object: string
  management_url: string
}

const path = (id: string) => ({ project_id: api.need('projectId'), subscription_id: id })
const get = (id: string) => api.call(op, { path: path(id) })

async function subscription(store?: string, product: string = SANDBOX_PRODUCTS.webMonthly) {
  const customer = await createTestCustomer(api)
  return addSubscription(api, customer, { product_id: product, ...(store ? { store } : {}) })
}

describe(op, () => {
  it('answers a single-use portal URL for a Web Billing subscription [get-authorized-subscription-management-url]', async () => {
    api.needSandbox()
    const sub = await subscription()
    const res = await get(sub.id)
    expect(res).toMatchContract(200)
    const body = bodyOf<ManagementUrl>(res)
    expect(body.object).toBe('authenticated_management_url')
    const url = new URL(body.management_url)
    expect(url.protocol).toBe('https:')
    expect(url.pathname).toContain(sub.id)
    expect(url.searchParams.get('token')).toBeTruthy()

    // Single use: each call answers a new link.
    const again = await get(sub.id)
    expect(again).toMatchContract(200)
    expect(bodyOf<ManagementUrl>(again).management_url).not.toBe(body.management_url)
  })

  it('answers a portal URL for a cancelled Web Billing subscription too', async () => {
    api.needSandbox()
    const sub = await subscription()
    expect(await api.call('cancel-subscription', { path: path(sub.id) })).toMatchContract(200)
    expect(await get(sub.id)).toMatchContract(200)
  })

  it('returns 400 invalid_request for an App Store subscription [get-authorized-subscription-management-url: app store subscription]', async () => {
    api.needSandbox()
    const sub = await subscription('app_store', SANDBOX_PRODUCTS.appStoreMonthly)
    const res = await get(sub.id)
    expect(res).toMatchContract(400)
    expect(errorTypeOf(res)).toBe('invalid_request')
    expect(errorParamOf(res)).toBeUndefined()
  })

  it('returns 400 invalid_request for a Stripe subscription', async () => {
    api.needSandbox()
    const sub = await subscription('stripe', SANDBOX_PRODUCTS.stripeMonthly)
    const res = await get(sub.id)
    expect(res).toMatchContract(400)
    expect(errorTypeOf(res)).toBe('invalid_request')
  })

  it('returns 400 parameter_error for an id longer than 255 characters', async () => {
    const res = await get('x'.repeat(256))
    expect(res).toMatchContract(400)
    expect(errorTypeOf(res)).toBe('parameter_error')
    expect(errorParamOf(res)).toBe('subscription_id')
  })

  it('returns 404 resource_missing for an unknown subscription [get-authorized-subscription-management-url: unknown subscription]', async () => {
    const res = await get(missingId(api, 'subscription'))
    expect(res).toMatchContract(404)
    expect(errorTypeOf(res)).toBe('resource_missing')
  })
})
