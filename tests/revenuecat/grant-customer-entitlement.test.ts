import { describe, expect, it } from 'vitest'
import {
  addSubscription,
  bodyOf,
  createTestCustomer,
  customerPath,
  errorParamOf,
  errorTypeOf,
  itemsOf,
  markSeen,
  missingId,
  SANDBOX_ENTITLEMENTS,
  SANDBOX_PRODUCTS,
  whileLocked,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'grant-customer-entitlement'
const api = useTarget('revenuecat')

/** 2100-01-01: later than any clock a run meets. */
const FAR_FUTURE = 4102444800000

interface Customer {
  id: string
  last_seen_at: number | null
  last_seen_app_version: string | null
  last_seen_country: string | null
  last_seen_platform: string | null
  last_seen_platform_version: string | null
  experiment: { object: string; id: string; name: string; variant: string } | null
  active_entitlements: { items: Array<{ entitlement_id: string; expires_at: number | null }> }
}

const grant = (customerId: string, body: Record<string, unknown>) =>
  api.call(op, { path: customerPath(api, customerId), body })

describe(op, () => {
  it('grants an entitlement until expires_at [grant-customer-entitlement]', async () => {
    const entitlementId = api.need('entitlementId')
    const id = await createTestCustomer(api)
    const res = await grant(id, { entitlement_id: entitlementId, expires_at: FAR_FUTURE })
    expect(res).toMatchContract(201)
    expect(bodyOf<Customer>(res)).toMatchObject({ id })
    expect(bodyOf<Customer>(res).active_entitlements.items).toEqual([
      expect.objectContaining({ entitlement_id: entitlementId, expires_at: FAR_FUTURE }),
    ])

    const read = await api.call('get-customer', { path: customerPath(api, id) })
    expect(read).toMatchContract(200)
    expect(bodyOf<Customer>(read).active_entitlements.items).toEqual([
      expect.objectContaining({ entitlement_id: entitlementId, expires_at: FAR_FUTURE }),
    ])
  })

  it('creates a promotional subscription for the grant, which does not renew', async () => {
    const entitlementId = api.need('entitlementId')
    const id = await createTestCustomer(api)
    expect(
      await grant(id, { entitlement_id: entitlementId, expires_at: FAR_FUTURE }),
    ).toMatchContract(201)
    const list = await api.call('list-subscriptions', { path: customerPath(api, id) })
    expect(list).toMatchContract(200)
    expect(itemsOf(list)).toEqual([
      expect.objectContaining({
        store: 'promotional',
        customer_id: id,
        ends_at: FAR_FUTURE,
        current_period_ends_at: FAR_FUTURE,
        auto_renewal_status: 'will_not_renew',
        status: 'active',
        gives_access: true,
        total_revenue_in_usd: expect.objectContaining({ gross: 0 }),
      }),
    ])
  })

  it('answers what the SDK last reported of a seen customer, and its experiment', async () => {
    api.needSandbox()
    const id = await createTestCustomer(api)
    await markSeen(api, id)
    const res = await grant(id, {
      entitlement_id: SANDBOX_ENTITLEMENTS.pro,
      expires_at: FAR_FUTURE,
    })
    expect(res).toMatchContract(201)
    const customer = bodyOf<Customer>(res)
    expect(customer).toMatchObject({
      id,
      last_seen_at: expect.any(Number),
      last_seen_app_version: '4.0.0',
      last_seen_country: 'NL',
      last_seen_platform: 'iOS',
      last_seen_platform_version: '18.2',
      experiment: {
        object: 'experiment_enrollment',
        id: 'prexp5eed0002',
        name: 'Onboarding test',
        variant: 'a',
      },
    })
    expect(customer.active_entitlements.items).toEqual([
      expect.objectContaining({ entitlement_id: SANDBOX_ENTITLEMENTS.pro, expires_at: FAR_FUTURE }),
    ])
  })

  it('grants an entitlement the customer already has through a store subscription', async () => {
    api.needSandbox()
    const id = await createTestCustomer(api)
    await addSubscription(api, id, { product_id: SANDBOX_PRODUCTS.webMonthly })
    const res = await grant(id, {
      entitlement_id: SANDBOX_ENTITLEMENTS.pro,
      expires_at: FAR_FUTURE,
    })
    expect(res).toMatchContract(201)
    // The later end wins: the grant's.
    expect(bodyOf<Customer>(res).active_entitlements.items).toEqual([
      {
        object: 'customer.active_entitlement',
        entitlement_id: SANDBOX_ENTITLEMENTS.pro,
        expires_at: FAR_FUTURE,
      },
    ])
  })

  it('returns 400 parameter_error for an expires_at in the past [grant-customer-entitlement: past expires_at]', async () => {
    const id = await createTestCustomer(api)
    const res = await grant(id, { entitlement_id: api.need('entitlementId'), expires_at: 1000 })
    expect(res).toMatchContract(400)
    expect(errorTypeOf(res)).toBe('parameter_error')
    expect(errorParamOf(res)).toBe('expires_at')
  })

  it('returns 400 parameter_error without expires_at [grant-customer-entitlement: missing expires_at]', async () => {
    const id = await createTestCustomer(api)
    const res = await grant(id, { entitlement_id: api.need('entitlementId') })
    expect(res).toMatchContract(400)
    expect(errorTypeOf(res)).toBe('parameter_error')
    expect(errorParamOf(res)).toBe('expires_at')
  })

  it('returns 400 parameter_error for an expires_at that is not a whole number', async () => {
    const id = await createTestCustomer(api)
    const res = await grant(id, { entitlement_id: api.need('entitlementId'), expires_at: 'soon' })
    expect(res).toMatchContract(400)
    expect(errorParamOf(res)).toBe('expires_at')
  })

  it('returns 400 parameter_error for a customer id longer than 1500 characters', async () => {
    const res = await grant('x'.repeat(1501), {
      entitlement_id: api.need('entitlementId'),
      expires_at: FAR_FUTURE,
    })
    expect(res).toMatchContract(400)
    expect(errorParamOf(res)).toBe('customer_id')
  })

  it('returns 404 resource_missing for an entitlement the project lacks [grant-customer-entitlement: unknown entitlement]', async () => {
    const id = await createTestCustomer(api)
    const res = await grant(id, {
      entitlement_id: missingId(api, 'entitlement'),
      expires_at: FAR_FUTURE,
    })
    expect(res).toMatchContract(404)
    expect(errorTypeOf(res)).toBe('resource_missing')
    expect(errorParamOf(res)).toBe('entitlement_id')
  })

  it('returns 404 resource_missing for an unknown customer [grant-customer-entitlement: unknown customer]', async () => {
    const res = await grant(missingId(api, 'customer'), {
      entitlement_id: api.need('entitlementId'),
      expires_at: FAR_FUTURE,
    })
    expect(res).toMatchContract(404)
    expect(errorTypeOf(res)).toBe('resource_missing')
  })

  it('returns 409 resource_already_exists while the grant is active [grant-customer-entitlement: already granted]', async () => {
    const entitlementId = api.need('entitlementId')
    const id = await createTestCustomer(api)
    expect(
      await grant(id, { entitlement_id: entitlementId, expires_at: FAR_FUTURE }),
    ).toMatchContract(201)
    const res = await grant(id, { entitlement_id: entitlementId, expires_at: FAR_FUTURE - 1 })
    expect(res).toMatchContract(409)
    expect(errorTypeOf(res)).toBe('resource_already_exists')
    expect(errorParamOf(res)).toBe('entitlement_id')
    // The first grant stands.
    const read = await api.call('list-customer-active-entitlements', {
      path: customerPath(api, id),
    })
    expect(read).toMatchContract(200)
    expect(itemsOf(read)).toEqual([expect.objectContaining({ expires_at: FAR_FUTURE })])
  })

  it('returns 423 resource_locked_error while another request holds the customer', async () => {
    api.needSandbox()
    const id = await createTestCustomer(api)
    const res = await whileLocked(api, id, () =>
      grant(id, { entitlement_id: api.need('entitlementId'), expires_at: FAR_FUTURE }),
    )
    expect(res).toMatchContract(423)
    expect(errorTypeOf(res)).toBe('resource_locked_error')
    const read = await api.call('get-customer', { path: customerPath(api, id) })
    expect(bodyOf<Customer>(read).active_entitlements.items).toEqual([])
  })
})
