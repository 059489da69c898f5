import { describe, expect, it } from 'vitest'
import {
  appPath,
  createTestApp,
  deleteTestApp,
  existingApp,
  SANDBOX_APPS,
} from '../support/revenuecat-catalog.ts'
import {
  bodyOf,
  expectMissing,
  expectParameterError,
  itemsOf,
  missingId,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'list-app-public-api-keys'
const api = useTarget('revenuecat')

interface Key {
  object: string
  id: string
  key: string
  environment: string
  app_id: string
  created_at: number
}

describe(op, () => {
  it('lists an app’s public keys [list-app-public-api-keys]', async () => {
    const app = await existingApp(api)
    const res = await api.call(op, { path: appPath(api, app.id) })
    expect(res).toMatchContract(200)
    expect(bodyOf(res)).toMatchObject({
      object: 'list',
      url: `/v2/projects/${api.need('projectId')}/apps/${app.id}/public_api_keys`,
    })
    for (const key of itemsOf<Key>(res))
      expect(key).toMatchObject({ object: 'public_api_key', app_id: app.id })
  })

  it('gives a new Play Store app a production key', async () => {
    const app = await createTestApp(api)
    try {
      const res = await api.call(op, { path: appPath(api, app.id) })
      expect(res).toMatchContract(200)
      expect(itemsOf<Key>(res)).toEqual([
        expect.objectContaining({
          environment: 'production',
          key: expect.stringMatching(/^goog_/),
        }),
      ])
    } finally {
      await deleteTestApp(api, app.id)
    }
  })

  it('gives a Web Billing app a production and a sandbox key (sandbox)', async () => {
    api.needSandbox()
    const res = await api.call(op, { path: appPath(api, SANDBOX_APPS.webBilling) })
    expect(res).toMatchContract(200)
    expect(itemsOf<Key>(res).map((k) => [k.environment, k.key])).toEqual([
      ['production', 'rcb_sandboxfake5eed0003web'],
      ['sandbox', 'rcb_sb_sandboxfake5eed0003web'],
    ])
  })

  it('returns 404 resource_missing for an unknown app [list-app-public-api-keys: unknown app]', async () => {
    await expectMissing(api, op, { path: appPath(api, missingId(api, 'app')) })
  })

  it('returns 400 parameter_error for an app id longer than 255 characters', async () => {
    await expectParameterError(api, op, { path: appPath(api, 'a'.repeat(256)) }, 'app_id')
  })
})
