import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  createTestCustomer,
  customerPath,
  expectMissing,
  expectParameterError,
  itemsOf,
  missingId,
} from '../support/revenuecat-data.ts'
import { createTestEntitlement, entitlementPath } from '../support/revenuecat-entitlements.ts'
import { useTarget } from '../support/target.ts'

const op = 'delete-entitlement'
const api = useTarget('revenuecat')

/** 2100-01-01: later than any clock a run meets. */
const FAR_FUTURE = 4102444800000

describe(op, () => {
  it('deletes the entitlement: it answers a DeletedObject, and is gone from reads [delete-entitlement]', async () => {
    const created = await createTestEntitlement(api)
    const res = await api.call(op, { path: entitlementPath(api, created.id) })
    expect(res).toMatchContract(200)
    expect(bodyOf(res)).toEqual({
      object: 'entitlement',
      id: created.id,
      deleted_at: expect.any(Number),
    })
    await expectMissing(api, 'get-entitlement', { path: entitlementPath(api, created.id) })
    // Deleted once: a second delete finds nothing.
    await expectMissing(api, op, { path: entitlementPath(api, created.id) })
  })

  it('deletes an entitlement customers hold: their access to it goes with it', async () => {
    const created = await createTestEntitlement(api)
    const customer = await createTestCustomer(api)
    expect(
      await api.call('grant-customer-entitlement', {
        path: customerPath(api, customer),
        body: { entitlement_id: created.id, expires_at: FAR_FUTURE },
      }),
    ).toMatchContract(201)
    expect(await api.call(op, { path: entitlementPath(api, created.id) })).toMatchContract(200)
    const active = await api.call('list-customer-active-entitlements', {
      path: customerPath(api, customer),
    })
    expect(active).toMatchContract(200)
    expect(itemsOf<{ entitlement_id: string }>(active).map((e) => e.entitlement_id)).not.toContain(
      created.id,
    )
  })

  it('returns 400 parameter_error for an entitlement id longer than 255 characters', async () => {
    await expectParameterError(
      api,
      op,
      { path: entitlementPath(api, 'e'.repeat(256)) },
      'entitlement_id',
    )
  })

  it('returns 404 resource_missing for an entitlement the project lacks [delete-entitlement: unknown entitlement]', async () => {
    await expectMissing(api, op, { path: entitlementPath(api, missingId(api, 'entitlement')) })
  })
})
