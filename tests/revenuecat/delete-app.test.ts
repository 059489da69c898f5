import { describe, expect, it } from 'vitest'
import {
  appPath,
  createTestApp,
  createTestProduct,
  deleteTestApp,
  deleteTestProduct,
} from '../support/revenuecat-catalog.ts'
import {
  bodyOf,
  errorTypeOf,
  expectMissing,
  expectParameterError,
  missingId,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'delete-app'
const api = useTarget('revenuecat')

describe(op, () => {
  it('deletes an app and its public keys [delete-app]', async () => {
    const app = await createTestApp(api)
    const res = await api.call(op, { path: appPath(api, app.id) })
    expect(res).toMatchContract(200)
    expect(bodyOf(res)).toEqual({ object: 'app', id: app.id, deleted_at: expect.any(Number) })
    await expectMissing(api, 'get-app', { path: appPath(api, app.id) })
    await expectMissing(api, 'list-app-public-api-keys', { path: appPath(api, app.id) })
  })

  it('returns 422 unprocessable_entity_error while a product names the app [delete-app: has products]', async () => {
    const app = await createTestApp(api)
    const product = await createTestProduct(api, app.id)
    try {
      const res = await api.call(op, { path: appPath(api, app.id) })
      expect(res).toMatchContract(422)
      expect(errorTypeOf(res)).toBe('unprocessable_entity_error')
      const read = await api.call('get-app', { path: appPath(api, app.id) })
      expect(read).toMatchContract(200)
    } finally {
      await deleteTestProduct(api, product.id)
      await deleteTestApp(api, app.id)
    }
  })

  it('returns 400 parameter_error for an app id longer than 255 characters', async () => {
    await expectParameterError(api, op, { path: appPath(api, 'a'.repeat(256)) }, 'app_id')
  })

  it('returns 404 resource_missing for an unknown app [delete-app: unknown app]', async () => {
    await expectMissing(api, op, { path: appPath(api, missingId(api, 'app')) })
  })
})
