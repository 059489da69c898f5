import { describe, expect, it } from 'vitest'
import {
  appStoreApp,
  createTestApp,
  createTestProduct,
  deleteTestApp,
  deleteTestProduct,
  productPath,
} from '../support/revenuecat-catalog.ts'
import {
  bodyOf,
  errorParamOf,
  errorTypeOf,
  expectMissing,
  expectParameterError,
  missingId,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'create-product-in-store'
const api = useTarget('revenuecat')

const SUBSCRIPTION_INFO = { duration: 'ONE_MONTH', subscription_group_name: 'Subcontract' }

/** An App Store app of the run with one product of `type`; both deleted after `during`. */
async function withAppStoreProduct(
  type: string,
  during: (productId: string, storeIdentifier: string) => Promise<void>,
): Promise<void> {
  const app = await createTestApp(api, appStoreApp(api))
  const product = await createTestProduct(api, app.id, { type, display_name: 'Subcontract pro' })
  try {
    await during(product.id, product.store_identifier)
  } finally {
    await deleteTestProduct(api, product.id)
    await deleteTestApp(api, app.id)
  }
}

describe(op, () => {
  // Pushing to a real App Store creates a product no API call can delete: sandbox only.
  it('pushes a subscription to the App Store once [create-product-in-store]', async () => {
    api.needSandbox()
    await withAppStoreProduct('subscription', async (id, storeIdentifier) => {
      const res = await api.call(op, {
        path: productPath(api, id),
        body: { store_information: { ...SUBSCRIPTION_INFO, subscription_group_id: null } },
      })
      expect(res).toMatchContract(201)
      expect(bodyOf(res)).toEqual({
        created_product: {
          object: 'store_product',
          id: expect.stringMatching(/^\d+$/),
          name: 'Subcontract pro',
          product_identifier: storeIdentifier,
        },
      })
      const read = await api.call('get-product', { path: productPath(api, id) })
      expect(bodyOf<{ subscription: { duration: string } }>(read).subscription.duration).toBe('P1M')
    })
  })

  it('returns 409 resource_already_exists for a product already in the store [create-product-in-store: already in store]', async () => {
    api.needSandbox()
    await withAppStoreProduct('subscription', async (id) => {
      const first = await api.call(op, {
        path: productPath(api, id),
        body: { store_information: SUBSCRIPTION_INFO },
      })
      expect(first).toMatchContract(201)
      const again = await api.call(op, {
        path: productPath(api, id),
        body: { store_information: SUBSCRIPTION_INFO },
      })
      expect(again).toMatchContract(409)
      expect(errorTypeOf(again)).toBe('resource_already_exists')
    })
  })

  it('pushes an in-app purchase with an empty body (sandbox)', async () => {
    api.needSandbox()
    await withAppStoreProduct('consumable', async (id) => {
      const res = await api.call(op, { path: productPath(api, id), body: {} })
      expect(res).toMatchContract(201)
    })
  })

  it('returns 400 parameter_error for a subscription without store information [create-product-in-store: no store information]', async () => {
    await withAppStoreProduct('subscription', async (id) => {
      await expectParameterError(
        api,
        op,
        { path: productPath(api, id), body: {} },
        'store_information',
      )
    })
  })

  it('returns 400 parameter_error for a duration App Store Connect lacks', async () => {
    await withAppStoreProduct('subscription', async (id) => {
      const res = await api.call(op, {
        path: productPath(api, id),
        body: { store_information: { ...SUBSCRIPTION_INFO, duration: 'ONE_DAY' } },
      })
      expect(res).toMatchContract(400)
      expect(errorTypeOf(res)).toBe('parameter_error')
      expect(errorParamOf(res)).toBe('store_information.duration')
    })
  })

  it('returns 422 unprocessable_entity_error for a product of another store [create-product-in-store: not app store]', async () => {
    const app = await createTestApp(api)
    const product = await createTestProduct(api, app.id)
    try {
      const res = await api.call(op, { path: productPath(api, product.id), body: {} })
      expect(res).toMatchContract(422)
      expect(errorTypeOf(res)).toBe('unprocessable_entity_error')
    } finally {
      await deleteTestProduct(api, product.id)
      await deleteTestApp(api, app.id)
    }
  })

  it('returns 404 resource_missing for an unknown product [create-product-in-store: unknown product]', async () => {
    await expectMissing(api, op, { path: productPath(api, missingId(api, 'product')), body: {} })
  })
})
