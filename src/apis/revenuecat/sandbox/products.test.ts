import { describe, expect, it } from 'vitest'
import { createIds } from '../../../sandbox/ids.ts'
import { isFailure } from './errors.ts'
import { createProjectData, type ProductRecord } from './model.ts'
import { createProduct, deleteProduct, productsOf, pushToStore } from './products.ts'

const NOW = 1_700_000_000_000
const IDS = createIds(3)

function project() {
  const data = createProjectData()
  data.apps.set('app_ios', { id: 'app_ios', name: 'iOS', type: 'app_store', createdAt: 0 })
  data.apps.set('app_web', { id: 'app_web', name: 'Web', type: 'rc_billing', createdAt: 0 })
  data.apps.set('app_test', { id: 'app_test', name: 'Test', type: 'test_store', createdAt: 0 })
  return data
}

function made(data: ReturnType<typeof project>, input: Parameters<typeof createProduct>[1]) {
  const product = createProduct(data, input, NOW, IDS)
  if (isFailure(product)) throw new Error(product.message)
  return product
}

describe('products', () => {
  it('creates subscription and one-time products of an app', () => {
    const data = project()
    const monthly = made(data, { store_identifier: 'm', app_id: 'app_ios', type: 'subscription' })
    expect(monthly).toMatchObject({
      appId: 'app_ios',
      displayName: null,
      createdAt: NOW,
      subscription: { duration: null, gracePeriodDuration: null, trialDuration: null },
      oneTime: null,
    })
    const gems = made(data, { store_identifier: 'g', app_id: 'app_ios', type: 'consumable' })
    expect(gems).toMatchObject({ subscription: null, oneTime: { isConsumable: true } })
    expect(productsOf(data, 'app_ios')).toEqual([monthly, gems])
    expect(productsOf(data, 'app_web')).toEqual([])
  })

  it('refuses an unknown app (404), a taken store identifier in the app (409)', () => {
    const data = project()
    const ids = createIds(1)
    expect(
      createProduct(data, { store_identifier: 'm', app_id: 'nope', type: 'one_time' }, NOW, ids),
    ).toMatchObject({ status: 404, param: 'app_id' })
    made(data, { store_identifier: 'm', app_id: 'app_ios', type: 'one_time' })
    expect(
      createProduct(data, { store_identifier: 'm', app_id: 'app_ios', type: 'one_time' }, NOW, ids),
    ).toMatchObject({ status: 409, type: 'resource_already_exists', param: 'store_identifier' })
    // Another app may use the same identifier.
    made(data, { store_identifier: 'm', app_id: 'app_web', type: 'one_time' })
  })

  it('takes subscription details and needs a title for Test Store products only', () => {
    const data = project()
    const ids = createIds(1)
    const sub = { duration: 'P1M' }
    expect(
      createProduct(
        data,
        { store_identifier: 's', app_id: 'app_ios', type: 'subscription', subscription: sub },
        NOW,
        ids,
      ),
    ).toMatchObject({ status: 400, param: 'subscription' })
    expect(
      createProduct(
        data,
        { store_identifier: 's', app_id: 'app_test', type: 'subscription' },
        NOW,
        ids,
      ),
    ).toMatchObject({ status: 400, param: 'title' })
    const test = made(data, {
      store_identifier: 's',
      app_id: 'app_test',
      type: 'subscription',
      subscription: sub,
      title: 'Monthly',
    })
    expect(test.subscription?.duration).toBe('P1M')
  })

  it('refuses to delete a product an entitlement or a package holds', () => {
    const data = project()
    const p = made(data, { store_identifier: 'm', app_id: 'app_ios', type: 'one_time' })
    data.entitlements.set('e', {
      id: 'e',
      lookupKey: 'pro',
      displayName: 'Pro',
      createdAt: 0,
      productIds: [p.id],
    })
    expect(deleteProduct(data, p)).toMatchObject({
      status: 422,
      message: expect.stringContaining('pro'),
    })
    data.entitlements.get('e')?.productIds.splice(0)
    expect(deleteProduct(data, p)).toBe(p)
    expect(data.products.size).toBe(0)
  })

  it('pushes an App Store product once; a subscription needs its store information', () => {
    const data = project()
    const ids = createIds(5)
    const ios = data.apps.get('app_ios')
    const web = data.apps.get('app_web')
    if (ios === undefined || web === undefined) throw new Error('no apps')
    const sub: ProductRecord = made(data, {
      store_identifier: 'm',
      app_id: 'app_ios',
      type: 'subscription',
      display_name: 'Monthly',
    })
    expect(pushToStore(ios, sub, {}, ids)).toMatchObject({
      status: 400,
      param: 'store_information',
    })
    const info = { duration: 'ONE_MONTH', subscription_group_name: 'Pro' }
    const pushed = pushToStore(ios, sub, { store_information: info }, ids)
    expect(pushed).toEqual({ id: expect.stringMatching(/^\d{10}$/), name: 'Monthly' })
    expect(sub.subscription?.duration).toBe('P1M')
    expect(pushToStore(ios, sub, { store_information: info }, ids)).toMatchObject({ status: 409 })
    const gems = made(data, { store_identifier: 'g', app_id: 'app_ios', type: 'consumable' })
    expect(pushToStore(ios, gems, { store_information: info }, ids)).toMatchObject({ status: 400 })
    expect(pushToStore(ios, gems, {}, ids)).toMatchObject({ name: null })
    const webProduct = made(data, { store_identifier: 'w', app_id: 'app_web', type: 'one_time' })
    expect(pushToStore(web, webProduct, {}, ids)).toMatchObject({ status: 422 })
  })
})
