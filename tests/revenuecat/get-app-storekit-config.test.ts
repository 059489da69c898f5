import { describe, expect, it } from 'vitest'
import {
  appPath,
  appStoreApp,
  createTestApp,
  createTestProduct,
  deleteTestApp,
  deleteTestProduct,
  SANDBOX_APPS,
} from '../support/revenuecat-catalog.ts'
import {
  bodyOf,
  errorTypeOf,
  expectMissing,
  expectParameterError,
  missingId,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'get-app-storekit-config'
const api = useTarget('revenuecat')

interface Config {
  object: string
  contents: {
    products?: Array<{ productID: string; type: string }>
    subscriptionGroups?: Array<{ subscriptions: Array<{ productID: string }> }>
  }
}

describe(op, () => {
  it('answers the StoreKit file of an App Store app’s products [get-app-storekit-config]', async () => {
    const app = await createTestApp(api, appStoreApp(api))
    const product = await createTestProduct(api, app.id, { type: 'consumable' })
    try {
      const res = await api.call(op, { path: appPath(api, app.id) })
      expect(res).toMatchContract(200)
      const body = bodyOf<Config>(res)
      expect(body.object).toBe('store_kit_config_file')
      expect(body.contents.products).toEqual([
        expect.objectContaining({ productID: product.store_identifier, type: 'Consumable' }),
      ])
    } finally {
      await deleteTestProduct(api, product.id)
      await deleteTestApp(api, app.id)
    }
  })

  it('puts the seeded subscriptions in one group (sandbox)', async () => {
    api.needSandbox()
    const res = await api.call(op, { path: appPath(api, SANDBOX_APPS.appStore) })
    expect(res).toMatchContract(200)
    const [group] = bodyOf<Config>(res).contents.subscriptionGroups ?? []
    expect(group?.subscriptions.map((s) => s.productID)).toEqual([
      'com.subcontract.pro.monthly',
      'com.subcontract.pro.annual',
    ])
  })

  it('returns 400 invalid_request for an app of another store [get-app-storekit-config: not app store]', async () => {
    const app = await createTestApp(api)
    try {
      const res = await api.call(op, { path: appPath(api, app.id) })
      expect(res).toMatchContract(400)
      expect(errorTypeOf(res)).toBe('invalid_request')
    } finally {
      await deleteTestApp(api, app.id)
    }
  })

  it('returns 400 parameter_error for an app id longer than 255 characters', async () => {
    await expectParameterError(api, op, { path: appPath(api, 'a'.repeat(256)) }, 'app_id')
  })

  it('returns 404 resource_missing for an unknown app [get-app-storekit-config: unknown app]', async () => {
    await expectMissing(api, op, { path: appPath(api, missingId(api, 'app')) })
  })
})
