import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  expectMissing,
  expectParameterError,
  missingId,
} from '../support/revenuecat-data.ts'
import {
  createTestEntitlement,
  deleteTestEntitlement,
  type Entitlement,
  entitlementPath,
} from '../support/revenuecat-entitlements.ts'
import { useTarget } from '../support/target.ts'

const op = 'update-entitlement'
const api = useTarget('revenuecat')

describe(op, () => {
  it('renames the entitlement and keeps its lookup key and creation time [update-entitlement]', async () => {
    const created = await createTestEntitlement(api, 'Before')
    const res = await api.call(op, {
      path: entitlementPath(api, created.id),
      body: { display_name: 'After' },
    })
    expect(res).toMatchContract(200)
    expect(bodyOf<Entitlement>(res)).toEqual({ ...created, display_name: 'After' })
    const read = await api.call('get-entitlement', { path: entitlementPath(api, created.id) })
    expect(read).toMatchContract(200)
    expect(bodyOf<Entitlement>(read)).toEqual({ ...created, display_name: 'After' })
    await deleteTestEntitlement(api, created.id)
  })

  it('returns 400 parameter_error without a display_name [update-entitlement: missing display_name]', async () => {
    const created = await createTestEntitlement(api, 'Unchanged')
    await expectParameterError(
      api,
      op,
      { path: entitlementPath(api, created.id), body: {} },
      'display_name',
    )
    const read = await api.call('get-entitlement', { path: entitlementPath(api, created.id) })
    expect(bodyOf<Entitlement>(read).display_name).toBe('Unchanged')
    await deleteTestEntitlement(api, created.id)
  })

  it('returns 400 parameter_error for a display_name longer than 1500 characters', async () => {
    const created = await createTestEntitlement(api)
    await expectParameterError(
      api,
      op,
      { path: entitlementPath(api, created.id), body: { display_name: 'd'.repeat(1501) } },
      'display_name',
    )
    await deleteTestEntitlement(api, created.id)
  })

  it('returns 400 parameter_error for an entitlement id longer than 255 characters', async () => {
    await expectParameterError(
      api,
      op,
      { path: entitlementPath(api, 'e'.repeat(256)), body: { display_name: 'Long' } },
      'entitlement_id',
    )
  })

  it('returns 404 resource_missing for an entitlement the project lacks [update-entitlement: unknown entitlement]', async () => {
    await expectMissing(api, op, {
      path: entitlementPath(api, missingId(api, 'entitlement')),
      body: { display_name: 'Nobody' },
    })
  })
})
