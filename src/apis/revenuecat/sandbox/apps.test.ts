import { describe, expect, it } from 'vitest'
import { createIds } from '../../../sandbox/ids.ts'
import { createApp, deleteApp, publicKeysOf, storeKitConfig, updateApp } from './apps.ts'
import { isFailure } from './errors.ts'
import { createProjectData, type ProjectData } from './model.ts'
import { appWire } from './views.ts'

const NOW = 1_700_000_000_000
const IDS = createIds(7)

function made(data: ProjectData, input: Parameters<typeof createApp>[1]) {
  const app = createApp(data, input, NOW, IDS)
  if (isFailure(app)) throw new Error(app.message)
  return app
}

describe('apps', () => {
  it('keeps the shown store details and never answers the credentials', () => {
    const data = createProjectData()
    const app = made(data, {
      name: 'iOS',
      type: 'app_store',
      app_store: {
        bundle_id: 'com.x.ios',
        shared_secret: 'a'.repeat(32),
        subscription_key_id: 'K1',
      },
    })
    expect(app.settings).toEqual({ bundle_id: 'com.x.ios' })
    expect(app.secrets).toEqual({ shared_secret: 'a'.repeat(32), subscription_key_id: 'K1' })
    expect(appWire('proj1', app)).toEqual({
      object: 'app',
      id: app.id,
      name: 'iOS',
      created_at: NOW,
      type: 'app_store',
      project_id: 'proj1',
      app_store: { bundle_id: 'com.x.ios' },
    })
  })

  it('makes the public keys of the store: a Web Billing app has a sandbox key too', () => {
    const data = createProjectData()
    const ios = made(data, { name: 'iOS', type: 'app_store', app_store: { bundle_id: 'b' } })
    const web = made(data, { name: 'Web', type: 'rc_billing' })
    expect(publicKeysOf(data, ios.id).map((k) => [k.environment, k.key.slice(0, 5)])).toEqual([
      ['production', 'appl_'],
    ])
    expect(publicKeysOf(data, web.id).map((k) => [k.environment, k.key.slice(0, 7)])).toEqual([
      ['production', 'rcb_san'],
      ['sandbox', 'rcb_sb_'],
    ])
  })

  it('answers a Web Billing app with its defaults and the deprecated aliases', () => {
    const data = createProjectData()
    const web = made(data, { name: 'Web', type: 'rc_billing', rc_billing: { app_name: 'Shop' } })
    expect(appWire('p', web).rc_billing).toEqual({
      stripe_account_id: null,
      seller_company_name: 'Shop',
      app_name: 'Shop',
      seller_company_support_email: null,
      support_email: null,
      default_currency: 'USD',
    })
  })

  it('reads a Paddle app’s environment from its key, which it never answers', () => {
    const data = createProjectData()
    const paddle = made(data, {
      name: 'Paddle',
      type: 'paddle',
      paddle: { paddle_api_key: `pdl_sdbx_apikey_${'x'.repeat(40)}` },
    })
    expect(appWire('p', paddle).paddle).toEqual({ paddle_is_sandbox: true })
  })

  it('refuses a Mac App Store app (422 on type) and a store object of another type (400)', () => {
    const data = createProjectData()
    const mac = createApp(data, { name: 'Mac', type: 'mac_app_store' }, NOW, createIds(1))
    expect(mac).toMatchObject({ status: 422, type: 'unprocessable_entity_error', param: 'type' })
    const mixed = createApp(
      data,
      { name: 'x', type: 'play_store', play_store: { package_name: 'a' }, app_store: {} },
      NOW,
      createIds(1),
    )
    expect(mixed).toMatchObject({ status: 400, param: 'app_store' })
    expect(data.apps.size).toBe(0)
  })

  it('updates the name and details, and a null credential removes it', () => {
    const data = createProjectData()
    const app = made(data, {
      name: 'iOS',
      type: 'app_store',
      app_store: { bundle_id: 'b', shared_secret: 's'.repeat(32) },
    })
    updateApp(app, { name: 'iOS 2', app_store: { bundle_id: 'c', shared_secret: null } })
    expect(app).toMatchObject({ name: 'iOS 2', settings: { bundle_id: 'c' }, secrets: {} })
    expect(updateApp(app, { stripe: {} })).toMatchObject({ status: 400, param: 'stripe' })
  })

  it('refuses to delete an app a product or a webhook names; deletes its keys otherwise', () => {
    const data = createProjectData()
    const app = made(data, { name: 'iOS', type: 'app_store', app_store: { bundle_id: 'b' } })
    data.products.set('prod1', {
      id: 'prod1',
      storeIdentifier: 's',
      type: 'consumable',
      appId: app.id,
      displayName: null,
      createdAt: NOW,
      subscription: null,
      oneTime: { isConsumable: true },
    })
    expect(deleteApp(data, app)).toMatchObject({ status: 422, type: 'unprocessable_entity_error' })
    data.products.delete('prod1')
    expect(deleteApp(data, app)).toBe(app)
    expect(data.apps.has(app.id)).toBe(false)
    expect(publicKeysOf(data, app.id)).toEqual([])
  })

  it('writes a StoreKit file of an App Store app’s products; other types are 400', () => {
    const data = createProjectData()
    const app = made(data, { name: 'iOS', type: 'app_store', app_store: { bundle_id: 'b' } })
    data.products.set('prod1', {
      id: 'prod1',
      storeIdentifier: 'monthly',
      type: 'subscription',
      appId: app.id,
      displayName: 'Monthly',
      createdAt: NOW,
      subscription: { duration: 'P1M', gracePeriodDuration: null, trialDuration: 'P1W' },
      oneTime: null,
    })
    data.products.set('prod2', {
      id: 'prod2',
      storeIdentifier: 'gems',
      type: 'consumable',
      appId: app.id,
      displayName: null,
      createdAt: NOW,
      subscription: null,
      oneTime: { isConsumable: true },
    })
    const file = storeKitConfig(data, app) as {
      products: unknown[]
      subscriptionGroups: Array<{ subscriptions: unknown[] }>
    }
    expect(file.products).toEqual([
      expect.objectContaining({ productID: 'gems', type: 'Consumable' }),
    ])
    expect(file.subscriptionGroups[0]?.subscriptions).toEqual([
      expect.objectContaining({
        productID: 'monthly',
        recurringSubscriptionPeriod: 'P1M',
        introductoryOffer: expect.objectContaining({ subscriptionPeriod: 'P1W' }),
      }),
    ])
    const web = made(data, { name: 'Web', type: 'rc_billing' })
    expect(storeKitConfig(data, web)).toMatchObject({ status: 400, type: 'invalid_request' })
  })
})
