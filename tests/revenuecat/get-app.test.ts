import { describe, expect, it } from 'vitest'
import { allApps, appPath, existingApp, SANDBOX_APPS } from '../support/revenuecat-catalog.ts'
import {
  bodyOf,
  expectMissing,
  expectParameterError,
  missingId,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'get-app'
const api = useTarget('revenuecat')

describe(op, () => {
  it('answers an app as list-apps lists it [get-app]', async () => {
    const listed = await existingApp(api)
    const res = await api.call(op, { path: appPath(api, listed.id) })
    expect(res).toMatchContract(200)
    expect(bodyOf(res)).toEqual(listed)
  })

  it('answers every store type with its details (sandbox)', async () => {
    api.needSandbox()
    // The seed's own: other files create and delete apps meanwhile.
    for (const listed of (await allApps(api)).filter((a) => a.id.startsWith('app5eed'))) {
      const res = await api.call(op, { path: appPath(api, listed.id) })
      expect(res).toMatchContract(200)
      expect(bodyOf(res)).toEqual(listed)
    }
    const ios = await api.call(op, { path: appPath(api, SANDBOX_APPS.appStore) })
    expect(bodyOf(ios)).toMatchObject({
      type: 'app_store',
      app_store: { bundle_id: 'com.subcontract.ios' },
    })
    const web = await api.call(op, { path: appPath(api, SANDBOX_APPS.webBilling) })
    expect(bodyOf(web)).toMatchObject({
      type: 'rc_billing',
      rc_billing: {
        app_name: 'Subcontract',
        seller_company_name: 'Subcontract',
        default_currency: 'EUR',
      },
    })
  })

  it('returns 404 resource_missing for an unknown app [get-app: unknown app]', async () => {
    await expectMissing(api, op, { path: appPath(api, missingId(api, 'app')) })
  })

  it('returns 400 parameter_error for an app id longer than 255 characters', async () => {
    await expectParameterError(api, op, { path: appPath(api, 'a'.repeat(256)) }, 'app_id')
  })
})
