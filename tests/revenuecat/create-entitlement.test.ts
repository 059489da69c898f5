import { describe, expect, it } from 'vitest'
import {
  allItems,
  bodyOf,
  errorParamOf,
  errorTypeOf,
  expectMissing,
  expectParameterError,
  projectPath,
  runLabel,
  UNKNOWN_PROJECT,
} from '../support/revenuecat-data.ts'
import {
  createTestEntitlement,
  deleteTestEntitlement,
  type Entitlement,
  entitlementPath,
} from '../support/revenuecat-entitlements.ts'
import { useTarget } from '../support/target.ts'

const op = 'create-entitlement'
const api = useTarget('revenuecat')

describe(op, () => {
  it('creates an entitlement with the lookup key and display name, and no products yet [create-entitlement]', async () => {
    const lookupKey = runLabel(api)
    const res = await api.call(op, {
      path: projectPath(api),
      body: { lookup_key: lookupKey, display_name: 'Gold tier' },
    })
    expect(res).toMatchContract(201)
    const created = bodyOf<Entitlement>(res)
    expect(created).toMatchObject({
      object: 'entitlement',
      project_id: api.need('projectId'),
      lookup_key: lookupKey,
      display_name: 'Gold tier',
      created_at: expect.any(Number),
    })
    expect(created).not.toHaveProperty('products')

    const read = await api.call('get-entitlement', {
      path: entitlementPath(api, created.id),
      query: { expand: 'product' },
    })
    expect(read).toMatchContract(200)
    expect(bodyOf<Entitlement>(read)).toMatchObject({
      id: created.id,
      lookup_key: lookupKey,
      created_at: created.created_at,
      products: { object: 'list', items: [] },
    })
    const listed = await allItems<Entitlement>(api, 'list-entitlements', projectPath(api), 'id')
    expect(listed.filter((e) => e.lookup_key === lookupKey).map((e) => e.id)).toEqual([created.id])
    await deleteTestEntitlement(api, created.id)
  })

  it('returns 409 resource_already_exists for a lookup key the project has [create-entitlement: existing lookup_key]', async () => {
    const first = await createTestEntitlement(api, 'First')
    const res = await api.call(op, {
      path: projectPath(api),
      body: { lookup_key: first.lookup_key, display_name: 'Second' },
    })
    expect(res).toMatchContract(409)
    expect(errorTypeOf(res)).toBe('resource_already_exists')
    expect(errorParamOf(res)).toBe('lookup_key')
    // The first one stands, and is the only one with that key.
    const listed = await allItems<Entitlement>(api, 'list-entitlements', projectPath(api), 'id')
    expect(listed.filter((e) => e.lookup_key === first.lookup_key)).toEqual([
      expect.objectContaining({ id: first.id, display_name: 'First' }),
    ])
    await deleteTestEntitlement(api, first.id)
  })

  it('returns 400 parameter_error without a lookup_key [create-entitlement: missing lookup_key]', async () => {
    await expectParameterError(
      api,
      op,
      { path: projectPath(api), body: { display_name: 'No key' } },
      'lookup_key',
    )
  })

  it('returns 400 parameter_error without a display_name', async () => {
    await expectParameterError(
      api,
      op,
      { path: projectPath(api), body: { lookup_key: runLabel(api) } },
      'display_name',
    )
  })

  it('returns 400 parameter_error for a lookup_key longer than 200 characters', async () => {
    await expectParameterError(
      api,
      op,
      { path: projectPath(api), body: { lookup_key: 'k'.repeat(201), display_name: 'Long' } },
      'lookup_key',
    )
  })

  it('returns 400 parameter_error for an empty display_name', async () => {
    await expectParameterError(
      api,
      op,
      { path: projectPath(api), body: { lookup_key: runLabel(api), display_name: '' } },
      'display_name',
    )
  })

  it('returns 404 resource_missing for a project the key does not open', async () => {
    await expectMissing(api, op, {
      path: { project_id: UNKNOWN_PROJECT },
      body: { lookup_key: runLabel(api), display_name: 'Nowhere' },
    })
  })
})
