import { describe, expect, it } from 'vitest'
import {
  type App,
  allApps,
  appPath,
  appStoreApp,
  createTestApp,
  deleteTestApp,
} from '../support/revenuecat-catalog.ts'
import {
  bodyOf,
  expectMissing,
  expectParameterError,
  missingId,
  runLabel,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'update-app'
const api = useTarget('revenuecat')

describe(op, () => {
  it('renames an app and changes its details, which get-app then shows [update-app]', async () => {
    const app = await createTestApp(api, appStoreApp(api))
    try {
      const name = runLabel(api)
      const secret = api.faker.string.alphanumeric(32)
      const res = await api.call(op, {
        path: appPath(api, app.id),
        body: { name, app_store: { bundle_id: 'com.subcontract.renamed', shared_secret: secret } },
      })
      expect(res).toMatchContract(200)
      expect(bodyOf(res)).toEqual({
        ...app,
        name,
        app_store: { bundle_id: 'com.subcontract.renamed' },
      })
      expect(JSON.stringify(bodyOf(res))).not.toContain(secret)
      const read = await api.call('get-app', { path: appPath(api, app.id) })
      expect(bodyOf(read)).toEqual(bodyOf(res))
    } finally {
      await deleteTestApp(api, app.id)
    }
  })

  it('answers every store type of the seed unchanged when given its own name (sandbox)', async () => {
    api.needSandbox()
    // The seed's own: other files create and delete apps meanwhile.
    for (const app of (await allApps(api)).filter((a) => a.id.startsWith('app5eed'))) {
      const res = await api.call(op, { path: appPath(api, app.id), body: { name: app.name } })
      expect(res).toMatchContract(200)
      expect(bodyOf<App>(res)).toEqual(app)
    }
  })

  it('returns 400 parameter_error for the store object of another type [update-app: other store]', async () => {
    const app = await createTestApp(api)
    try {
      await expectParameterError(
        api,
        op,
        { path: appPath(api, app.id), body: { app_store: { bundle_id: 'com.x' } } },
        'app_store',
      )
    } finally {
      await deleteTestApp(api, app.id)
    }
  })

  it('returns 400 parameter_error for an empty name', async () => {
    const app = await createTestApp(api)
    try {
      await expectParameterError(
        api,
        op,
        { path: appPath(api, app.id), body: { name: '' } },
        'name',
      )
    } finally {
      await deleteTestApp(api, app.id)
    }
  })

  it('returns 404 resource_missing for an unknown app [update-app: unknown app]', async () => {
    await expectMissing(api, op, {
      path: appPath(api, missingId(api, 'app')),
      body: { name: runLabel(api) },
    })
  })
})
