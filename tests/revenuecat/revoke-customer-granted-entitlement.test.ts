import { describe, expect, it } from 'vitest'
import {
  addPurchase,
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

const op = 'revoke-customer-granted-entitlement'
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

const entitlementsOf = (customer: Customer) =>
  customer.active_entitlements.items.map((e) => e.entitlement_id)

async function grantedCustomer(entitlementId: string): Promise<string> {
  const id = await createTestCustomer(api)
  const res = await api.call('grant-customer-entitlement', {
    path: customerPath(api, id),
    body: { entitlement_id: entitlementId, expires_at: FAR_FUTURE },
  })
  expect(res, 'grant-customer-entitlement').toMatchContract(201)
  return id
}

const revoke = (customerId: string, body: Record<string, unknown>) =>
  api.call(op, { path: customerPath(api, customerId), body })

describe(op, () => {
  it('revokes a granted entitlement [revoke-customer-granted-entitlement]', async () => {
    const entitlementId = api.need('entitlementId')
    const id = await grantedCustomer(entitlementId)
    const res = await revoke(id, { entitlement_id: entitlementId })
    expect(res).toMatchContract(200)
    expect(bodyOf<Customer>(res).id).toBe(id)
    expect(entitlementsOf(bodyOf<Customer>(res))).not.toContain(entitlementId)
    // Its promotional subscription has ended.
    const list = await api.call('list-subscriptions', { path: customerPath(api, id) })
    expect(list).toMatchContract(200)
    expect(itemsOf(list)).toEqual([
      expect.objectContaining({ store: 'promotional', status: 'expired', gives_access: false }),
    ])
  })

  it('grant, read back, revoke, read back, then delete the customer', async () => {
    const entitlementId = api.need('entitlementId')
    const id = await grantedCustomer(entitlementId)
    const active = await api.call('list-customer-active-entitlements', {
      path: customerPath(api, id),
    })
    expect(active).toMatchContract(200)
    expect(itemsOf(active)).toEqual([
      expect.objectContaining({ entitlement_id: entitlementId, expires_at: FAR_FUTURE }),
    ])
    const before = await api.call('get-customer', { path: customerPath(api, id) })
    expect(before).toMatchContract(200)
    expect(entitlementsOf(bodyOf<Customer>(before))).toEqual([entitlementId])

    expect(await revoke(id, { entitlement_id: entitlementId })).toMatchContract(200)

    const after = await api.call('get-customer', { path: customerPath(api, id) })
    expect(after).toMatchContract(200)
    expect(entitlementsOf(bodyOf<Customer>(after))).toEqual([])
    const none = await api.call('list-customer-active-entitlements', {
      path: customerPath(api, id),
    })
    expect(itemsOf(none)).toEqual([])
    // The entitlement can be granted again once revoked.
    const again = await api.call('grant-customer-entitlement', {
      path: customerPath(api, id),
      body: { entitlement_id: entitlementId, expires_at: FAR_FUTURE },
    })
    expect(again).toMatchContract(201)
    expect(await api.call('delete-customer', { path: customerPath(api, id) })).toMatchContract(200)
  })

  it('revokes one grant of a seen customer: the other grant stays, with its end', async () => {
    api.needSandbox()
    const id = await grantedCustomer(SANDBOX_ENTITLEMENTS.pro)
    await markSeen(api, id)
    const second = await api.call('grant-customer-entitlement', {
      path: customerPath(api, id),
      body: { entitlement_id: SANDBOX_ENTITLEMENTS.premium, expires_at: FAR_FUTURE - 1 },
    })
    expect(second).toMatchContract(201)
    const res = await revoke(id, { entitlement_id: SANDBOX_ENTITLEMENTS.pro })
    expect(res).toMatchContract(200)
    const customer = bodyOf<Customer>(res)
    expect(customer.active_entitlements.items).toEqual([
      {
        object: 'customer.active_entitlement',
        entitlement_id: SANDBOX_ENTITLEMENTS.premium,
        expires_at: FAR_FUTURE - 1,
      },
    ])
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
  })

  it('revokes only the grant: access through a purchase stays', async () => {
    api.needSandbox()
    const id = await grantedCustomer(SANDBOX_ENTITLEMENTS.lifetime)
    await addPurchase(api, id, { product_id: SANDBOX_PRODUCTS.webLifetime })
    const res = await revoke(id, { entitlement_id: SANDBOX_ENTITLEMENTS.lifetime })
    expect(res).toMatchContract(200)
    expect(bodyOf<Customer>(res).active_entitlements.items).toEqual([
      expect.objectContaining({ entitlement_id: SANDBOX_ENTITLEMENTS.lifetime, expires_at: null }),
    ])
  })

  it('returns 400 parameter_error without entitlement_id [revoke-customer-granted-entitlement: missing entitlement_id]', async () => {
    const id = await createTestCustomer(api)
    const res = await revoke(id, {})
    expect(res).toMatchContract(400)
    expect(errorTypeOf(res)).toBe('parameter_error')
    expect(errorParamOf(res)).toBe('entitlement_id')
  })

  it('returns 400 parameter_error for a customer id longer than 1500 characters', async () => {
    const res = await revoke('x'.repeat(1501), { entitlement_id: api.need('entitlementId') })
    expect(res).toMatchContract(400)
    expect(errorParamOf(res)).toBe('customer_id')
  })

  it('returns 404 resource_missing when nothing was granted [revoke-customer-granted-entitlement: not granted]', async () => {
    const entitlementId = api.need('entitlementId')
    const id = await grantedCustomer(entitlementId)
    expect(await revoke(id, { entitlement_id: entitlementId })).toMatchContract(200)
    const res = await revoke(id, { entitlement_id: entitlementId })
    expect(res).toMatchContract(404)
    expect(errorTypeOf(res)).toBe('resource_missing')
    expect(errorParamOf(res)).toBe('entitlement_id')
  })

  it('returns 404 resource_missing for an entitlement the project lacks [revoke-customer-granted-entitlement: unknown entitlement]', async () => {
    const id = await createTestCustomer(api)
    const res = await revoke(id, { entitlement_id: missingId(api, 'entitlement') })
    expect(res).toMatchContract(404)
    expect(errorTypeOf(res)).toBe('resource_missing')
    expect(errorParamOf(res)).toBe('entitlement_id')
  })

  it('returns 404 resource_missing for an unknown customer [revoke-customer-granted-entitlement: unknown customer]', async () => {
    const res = await revoke(missingId(api, 'customer'), {
      entitlement_id: api.need('entitlementId'),
    })
    expect(res).toMatchContract(404)
    expect(errorTypeOf(res)).toBe('resource_missing')
  })

  it('returns 422 unprocessable_entity_error for an entitlement held through a purchase only', async () => {
    api.needSandbox()
    const id = await createTestCustomer(api)
    await addPurchase(api, id, { product_id: SANDBOX_PRODUCTS.webLifetime })
    const res = await revoke(id, { entitlement_id: SANDBOX_ENTITLEMENTS.lifetime })
    expect(res).toMatchContract(422)
    expect(errorTypeOf(res)).toBe('unprocessable_entity_error')
    expect(errorParamOf(res)).toBe('entitlement_id')
    const read = await api.call('get-customer', { path: customerPath(api, id) })
    expect(entitlementsOf(bodyOf<Customer>(read))).toEqual([SANDBOX_ENTITLEMENTS.lifetime])
  })

  it('returns 423 resource_locked_error while another request holds the customer', async () => {
    api.needSandbox()
    const entitlementId = api.need('entitlementId')
    const id = await grantedCustomer(entitlementId)
    const res = await whileLocked(api, id, () => revoke(id, { entitlement_id: entitlementId }))
    expect(res).toMatchContract(423)
    expect(errorTypeOf(res)).toBe('resource_locked_error')
    const read = await api.call('get-customer', { path: customerPath(api, id) })
    expect(entitlementsOf(bodyOf<Customer>(read))).toEqual([entitlementId])
  })
})
