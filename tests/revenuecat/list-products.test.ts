import { describe, expect, it } from 'vitest'
import {
  allApps,
  createTestApp,
  createTestProduct,
  deleteTestApp,
  deleteTestProduct,
  type Product,
} from '../support/revenuecat-catalog.ts'
import {
  bodyOf,
  errorParamOf,
  expectMissing,
  expectParameterError,
  itemsOf,
  missingId,
  projectPath,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'list-products'
const api = useTarget('revenuecat')

const list = (query: Record<string, string> = {}) => api.call(op, { path: projectPath(api), query })

describe(op, () => {
  it('lists the project’s products, without their apps [list-products]', async () => {
    const res = await list()
    expect(res).toMatchContract(200)
    expect(bodyOf(res)).toMatchObject({
      object: 'list',
      url: `/v2/projects/${api.need('projectId')}/products`,
    })
    for (const product of itemsOf<Product>(res)) {
      expect(product.object).toBe('product')
      expect(product).not.toHaveProperty('app')
    }
  })

  it('lists one app’s products with app_id, and pages them keeping it [list-products: by app]', async () => {
    const app = await createTestApp(api)
    const first = await createTestProduct(api, app.id, { type: 'consumable' })
    const second = await createTestProduct(api, app.id, { type: 'subscription' })
    try {
      const res = await list({ app_id: app.id })
      expect(res).toMatchContract(200)
      expect(itemsOf<Product>(res).map((p) => p.id)).toEqual([first.id, second.id])
      const page = await list({ app_id: app.id, limit: '1' })
      expect(page).toMatchContract(200)
      expect(itemsOf<Product>(page).map((p) => p.id)).toEqual([first.id])
      const next = bodyOf<{ next_page: string }>(page).next_page
      expect(next).toContain(`app_id=${app.id}`)
      expect(next).toContain(`starting_after=${first.id}`)
      const rest = await list({ app_id: app.id, limit: '1', starting_after: first.id })
      expect(itemsOf<Product>(rest).map((p) => p.id)).toEqual([second.id])
    } finally {
      await deleteTestProduct(api, second.id)
      await deleteTestProduct(api, first.id)
      await deleteTestApp(api, app.id)
    }
  })

  it('expands every product’s app with items.app [list-products: expand app]', async () => {
    const apps = new Map((await allApps(api)).map((a) => [a.id, a]))
    const res = await list({ expand: 'items.app', limit: '100' })
    expect(res).toMatchContract(200)
    for (const product of itemsOf<Product>(res)) {
      expect(product.app?.id).toBe(product.app_id)
      // Apps other files made meanwhile are not in the earlier list.
      const app = apps.get(product.app_id)
      if (app !== undefined) expect(product.app).toEqual(app)
    }
  })

  it('returns 404 resource_missing for an app_id the project lacks [list-products: unknown app]', async () => {
    const res = await expectMissing(api, op, {
      path: projectPath(api),
      query: { app_id: missingId(api, 'app') },
    })
    expect(errorParamOf(res)).toBe('app_id')
  })

  it('returns 400 parameter_error for an expand value the operation lacks', async () => {
    await expectParameterError(
      api,
      op,
      { path: projectPath(api), query: { expand: 'app' } },
      'expand',
    )
  })

  it('returns 400 parameter_error for a limit of zero [list-products: bad limit]', async () => {
    await expectParameterError(api, op, { path: projectPath(api), query: { limit: '0' } }, 'limit')
  })
})
