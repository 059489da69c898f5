import { describe, expect, it } from 'vitest'
import {
  type App,
  appPath,
  appStoreApp,
  createTestApp,
  deleteTestApp,
  playStoreApp,
} from '../support/revenuecat-catalog.ts'
import {
  bodyOf,
  errorTypeOf,
  expectParameterError,
  itemsOf,
  projectPath,
  runLabel,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'create-app'
const api = useTarget('revenuecat')

const create = (body: Record<string, unknown>) => api.call(op, { path: projectPath(api), body })

/** Creates `body`, checks the answer, reads it back, and deletes it. */
async function roundTrip(body: Record<string, unknown>): Promise<App> {
  const res = await create(body)
  expect(res).toMatchContract(201)
  const app = bodyOf<App>(res)
  try {
    const read = await api.call('get-app', { path: appPath(api, app.id) })
    expect(read).toMatchContract(200)
    expect(bodyOf(read)).toEqual(app)
  } finally {
    await deleteTestApp(api, app.id)
  }
  return app
}

describe(op, () => {
  it('creates a Play Store app, which get-app and list-apps then show [create-app]', async () => {
    const body = playStoreApp(api)
    const app = await createTestApp(api, body)
    try {
      expect(app).toMatchObject({
        object: 'app',
        name: body.name,
        type: 'play_store',
        project_id: api.need('projectId'),
        play_store: body.play_store,
      })
      expect(app.created_at).toEqual(expect.any(Number))
      const read = await api.call('get-app', { path: appPath(api, app.id) })
      expect(bodyOf(read)).toEqual(app)
      const keys = await api.call('list-app-public-api-keys', { path: appPath(api, app.id) })
      expect(keys).toMatchContract(200)
      expect(itemsOf(keys).length).toBeGreaterThan(0)
    } finally {
      await deleteTestApp(api, app.id)
    }
  })

  it('never answers the credentials an App Store app is created with', async () => {
    const body = appStoreApp(api)
    const secret = api.faker.string.alphanumeric(32)
    const app = await roundTrip({
      ...body,
      app_store: { ...(body.app_store as object), shared_secret: secret },
    })
    expect(app.app_store).toEqual(body.app_store)
    expect(JSON.stringify(app)).not.toContain(secret)
  })

  it('creates an app of every other store type with its details', async () => {
    const name = () => runLabel(api)
    const amazon = await roundTrip({
      name: name(),
      type: 'amazon',
      amazon: { package_name: 'com.subcontract.amazon.test', shared_secret: 'amazon-secret' },
    })
    expect(amazon.amazon).toEqual({ package_name: 'com.subcontract.amazon.test' })
    const stripe = await roundTrip({ name: name(), type: 'stripe', stripe: {} })
    expect(stripe.stripe).toEqual({ stripe_account_id: null })
    const web = await roundTrip({
      name: name(),
      type: 'rc_billing',
      rc_billing: {
        app_name: 'Subcontract web',
        support_email: 'help@subcontract.invalid',
        default_currency: 'EUR',
      },
    })
    expect(web.rc_billing).toMatchObject({
      app_name: 'Subcontract web',
      support_email: 'help@subcontract.invalid',
      default_currency: 'EUR',
    })
    const roku = await roundTrip({
      name: name(),
      type: 'roku',
      roku: { roku_channel_id: '123456', roku_channel_name: 'Subcontract' },
    })
    expect(roku.roku).toEqual({ roku_channel_id: '123456', roku_channel_name: 'Subcontract' })
    const paddle = await roundTrip({
      name: name(),
      type: 'paddle',
      paddle: { paddle_is_sandbox: true },
    })
    expect(paddle.paddle).toMatchObject({ paddle_is_sandbox: true })
  })

  it('keeps the Stripe account of a Stripe and a Web Billing app (sandbox: any account id)', async () => {
    api.needSandbox()
    const account = 'acct_subcontracttest01'
    const stripe = await roundTrip({
      name: runLabel(api),
      type: 'stripe',
      stripe: { stripe_account_id: account },
    })
    expect(stripe.stripe).toEqual({ stripe_account_id: account })
    const web = await roundTrip({
      name: runLabel(api),
      type: 'rc_billing',
      rc_billing: { app_name: 'Subcontract web', stripe_account_id: account },
    })
    expect(web.rc_billing).toMatchObject({ stripe_account_id: account })
  })

  it('answers a Web Billing app without details with the defaults (sandbox)', async () => {
    api.needSandbox()
    const name = runLabel(api)
    const app = await roundTrip({ name, type: 'rc_billing' })
    expect(app.rc_billing).toEqual({
      stripe_account_id: null,
      seller_company_name: name,
      app_name: name,
      seller_company_support_email: null,
      support_email: null,
      default_currency: 'USD',
    })
  })

  it('returns 400 parameter_error without a name [create-app: missing name]', async () => {
    const { name: _, ...body } = playStoreApp(api)
    await expectParameterError(api, op, { path: projectPath(api), body }, 'name')
  })

  it('returns 400 parameter_error without the store object of its type', async () => {
    const name = runLabel(api)
    await expectParameterError(
      api,
      op,
      { path: projectPath(api), body: { name, type: 'app_store' } },
      'app_store',
    )
  })

  it('returns 400 parameter_error for a type the spec does not name [create-app: bad type]', async () => {
    await expectParameterError(
      api,
      op,
      { path: projectPath(api), body: { name: runLabel(api), type: 'windows_store' } },
      'type',
    )
  })

  it('returns 400 parameter_error for a shared secret that is not 32 characters', async () => {
    const body = appStoreApp(api)
    await expectParameterError(
      api,
      op,
      {
        path: projectPath(api),
        body: { ...body, app_store: { ...(body.app_store as object), shared_secret: 'short' } },
      },
      'app_store.shared_secret',
    )
  })

  it('returns 400 parameter_error for the store object of another type', async () => {
    await expectParameterError(
      api,
      op,
      { path: projectPath(api), body: { ...playStoreApp(api), app_store: { bundle_id: 'com.x' } } },
      'app_store',
    )
  })

  it('returns 422 unprocessable_entity_error for a Mac App Store app (disabled by default) [create-app: mac app store]', async () => {
    const res = await create({
      name: runLabel(api),
      type: 'mac_app_store',
      mac_app_store: { bundle_id: 'com.subcontract.mac.test' },
    })
    expect(res).toMatchContract(422)
    expect(errorTypeOf(res)).toBe('unprocessable_entity_error')
  })
})
