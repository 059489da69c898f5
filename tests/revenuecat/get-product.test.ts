import { describe, expect, it } from 'vitest'
import {
  allApps,
  appPath,
  createTestProduct,
  deleteTestProduct,
  existingApp,
  type Product,
  productPath,
  STORE_APP_TYPES,
} from '../support/revenuecat-catalog.ts'
import {
  bodyOf,
  expectMissing,
  expectParameterError,
  itemsOf,
  missingId,
  projectPath,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'get-product'
const api = useTarget('revenuecat')

describe(op, () => {
  it('answers a product without its app unless expanded [get-product]', async () => {
    const app = await existingApp(api, ...STORE_APP_TYPES)
    const product = await createTestProduct(api, app.id, { display_name: 'Gems' })
    try {
      const res = await api.call(op, { path: productPath(api, product.id) })
      expect(res).toMatchContract(200)
      expect(bodyOf(res)).toEqual(product)
      expect(bodyOf(res)).not.toHaveProperty('app')
    } finally {
      await deleteTestProduct(api, product.id)
    }
  })

  it('expands the product’s app as get-app answers it [get-product: expand app]', async () => {
    const app = await existingApp(api, ...STORE_APP_TYPES)
    const product = await createTestProduct(api, app.id)
    try {
      const res = await api.call(op, {
        path: productPath(api, product.id),
        query: { expand: 'app' },
      })
      expect(res).toMatchContract(200)
      const read = await api.call('get-app', { path: appPath(api, app.id) })
      expect(bodyOf<Product>(res).app).toEqual(bodyOf(read))
    } finally {
      await deleteTestProduct(api, product.id)
    }
  })

  it('answers every seeded product, expanded, as list-products lists it (sandbox)', async () => {
    api.needSandbox()
    const apps = new Map((await allApps(api)).map((a) => [a.id, a]))
    const list = await api.call('list-products', {
      path: projectPath(api),
      query: { limit: '100' },
    })
    // The seed's own: other files create and delete products meanwhile.
    const seeded = itemsOf<Product>(list).filter((p) => p.id.startsWith('prod5eed'))
    expect(seeded.length).toBeGreaterThan(10)
    for (const listed of seeded) {
      const res = await api.call(op, {
        path: productPath(api, listed.id),
        query: { expand: 'app' },
      })
      expect(res).toMatchContract(200)
      expect(bodyOf(res)).toEqual({ ...listed, app: apps.get(listed.app_id) })
    }
  })

  it('returns 400 parameter_error for an expand value the operation lacks [get-product: bad expand]', async () => {
    await expectParameterError(
      api,
      op,
      { path: productPath(api, missingId(api, 'product')), query: { expand: 'entitlements' } },
      'expand',
    )
  })

  it('returns 404 resource_missing for an unknown product [get-product: unknown product]', async () => {
    await expectMissing(api, op, { path: productPath(api, missingId(api, 'product')) })
  })

  it('returns 400 parameter_error for a product id longer than 255 characters', async () => {
    await expectParameterError(api, op, { path: productPath(api, 'p'.repeat(256)) }, 'product_id')
  })
})
