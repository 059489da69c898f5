import { describe, expect, it } from 'vitest'
import {
  allItems,
  bodyOf,
  expectMissing,
  expectParameterError,
  itemsOf,
  missingId,
  projectPath,
  UNKNOWN_PROJECT,
} from '../support/revenuecat-data.ts'
import {
  catalogProducts,
  createTestEntitlement,
  deleteTestEntitlement,
  type Entitlement,
  entitlementPath,
} from '../support/revenuecat-entitlements.ts'
import { useTarget } from '../support/target.ts'

const op = 'list-entitlements'
const api = useTarget('revenuecat')

describe(op, () => {
  it("lists the project's entitlements, the target's and a created one, without products [list-entitlements]", async () => {
    const created = await createTestEntitlement(api)
    const res = await api.call(op, { path: projectPath(api) })
    expect(res).toMatchContract(200)
    expect(bodyOf(res)).toMatchObject({
      object: 'list',
      url: expect.stringMatching(/entitlements$/),
    })
    for (const item of itemsOf(res)) expect(item).not.toHaveProperty('products')
    const all = await allItems<Entitlement>(api, op, projectPath(api), 'id')
    const ids = all.map((e) => e.id)
    expect(ids).toContain(api.need('entitlementId'))
    expect(all.find((e) => e.id === created.id)).toEqual(created)
    await deleteTestEntitlement(api, created.id)
  })

  it('pages with limit and starting_after, in creation order [list-entitlements: limit 1]', async () => {
    const a = await createTestEntitlement(api)
    const b = await createTestEntitlement(api)
    const first = await api.call(op, { path: projectPath(api), query: { limit: '1' } })
    expect(first).toMatchContract(200)
    expect(itemsOf(first)).toHaveLength(1)
    expect(bodyOf<{ next_page: string }>(first).next_page).toContain('starting_after=')
    // Other suites create and delete entitlements meanwhile: what follows a holds b, never a.
    const after = await allItems<Entitlement>(api, op, projectPath(api), 'id', {
      starting_after: a.id,
    })
    const ids = after.map((e) => e.id)
    expect(ids).toContain(b.id)
    expect(ids).not.toContain(a.id)
    await deleteTestEntitlement(api, b.id)
    await deleteTestEntitlement(api, a.id)
  })

  it("expands every entitlement's products with expand=items.product [list-entitlements: expand items.product]", async () => {
    const products = await catalogProducts(api, 5)
    const created = await createTestEntitlement(api)
    expect(
      await api.call('attach-products-to-entitlement', {
        path: entitlementPath(api, created.id),
        body: { product_ids: products },
      }),
    ).toMatchContract(200)
    const all = await allItems<Entitlement>(api, op, projectPath(api), 'id', {
      expand: 'items.product',
    })
    for (const item of all) expect(item.products?.object).toBe('list')
    const mine = all.find((e) => e.id === created.id)
    expect(mine?.products?.items.map((p) => p.id)).toEqual(products)
    await deleteTestEntitlement(api, created.id)
  })

  it('keeps expand in next_page', async () => {
    const created = await createTestEntitlement(api)
    const res = await api.call(op, {
      path: projectPath(api),
      query: { limit: '1', expand: 'items.product' },
    })
    expect(res).toMatchContract(200)
    expect(bodyOf<{ next_page: string }>(res).next_page).toContain('expand=items.product')
    await deleteTestEntitlement(api, created.id)
  })

  it('returns 400 parameter_error for a limit of 0 [list-entitlements: bad limit]', async () => {
    await expectParameterError(api, op, { path: projectPath(api), query: { limit: '0' } }, 'limit')
  })

  it('returns 400 parameter_error for a starting_after that is no entitlement', async () => {
    await expectParameterError(
      api,
      op,
      { path: projectPath(api), query: { starting_after: missingId(api, 'entitlement') } },
      'starting_after',
    )
  })

  it('returns 400 parameter_error for an expand value it does not offer', async () => {
    await expectParameterError(
      api,
      op,
      { path: projectPath(api), query: { expand: 'product' } },
      'expand',
    )
  })

  it('returns 404 resource_missing for a project the key does not open', async () => {
    await expectMissing(api, op, { path: { project_id: UNKNOWN_PROJECT } })
  })
})
