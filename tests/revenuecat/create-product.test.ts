import { describe, expect, it } from 'vitest'
import {
  createTestApp,
  createTestProduct,
  deleteTestApp,
  deleteTestProduct,
  existingApp,
  type Product,
  productPath,
  SANDBOX_APPS,
  STORE_APP_TYPES,
} from '../support/revenuecat-catalog.ts'
import {
  bodyOf,
  errorParamOf,
  errorTypeOf,
  expectParameterError,
  missingId,
  projectPath,
  runLabel,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'create-product'
const api = useTarget('revenuecat')

const create = (body: Record<string, unknown>) => api.call(op, { path: projectPath(api), body })

describe(op, () => {
  it('creates a subscription product of an app, which get-product then shows [create-product]', async () => {
    const app = await existingApp(api, ...STORE_APP_TYPES)
    const storeIdentifier = runLabel(api)
    const res = await create({
      store_identifier: storeIdentifier,
      app_id: app.id,
      type: 'subscription',
      display_name: 'Subcontract monthly',
    })
    expect(res).toMatchContract(201)
    const product = bodyOf<Product>(res)
    try {
      expect(product).toMatchObject({
        object: 'product',
        store_identifier: storeIdentifier,
        app_id: app.id,
        type: 'subscription',
        display_name: 'Subcontract monthly',
        one_time: null,
      })
      expect(product).not.toHaveProperty('app')
      const read = await api.call('get-product', { path: productPath(api, product.id) })
      expect(read).toMatchContract(200)
      expect(bodyOf(read)).toEqual(product)
    } finally {
      await deleteTestProduct(api, product.id)
    }
  })

  it('creates one-time products: consumable, non-consumable and unspecified', async () => {
    const app = await existingApp(api, ...STORE_APP_TYPES)
    for (const [type, isConsumable] of [
      ['consumable', true],
      ['non_consumable', false],
      ['one_time', null],
      ['non_renewing_subscription', null],
    ] as const) {
      const product = await createTestProduct(api, app.id, { type })
      await deleteTestProduct(api, product.id)
      expect(product).toMatchObject({ type, subscription: null, display_name: null })
      if (api.isLocal) expect(product.one_time).toEqual({ is_consumable: isConsumable })
    }
  })

  it('creates a Test Store subscription with its duration and title (sandbox)', async () => {
    api.needSandbox()
    const product = await createTestProduct(api, SANDBOX_APPS.testStore, {
      type: 'subscription',
      subscription: { duration: 'P1M' },
      title: 'Monthly',
    })
    await deleteTestProduct(api, product.id)
    expect(product.subscription).toEqual({
      duration: 'P1M',
      grace_period_duration: null,
      trial_duration: null,
    })
  })

  it('returns 409 resource_already_exists for a store identifier the app has [create-product: duplicate]', async () => {
    const app = await existingApp(api, ...STORE_APP_TYPES)
    const product = await createTestProduct(api, app.id)
    try {
      const res = await create({
        store_identifier: product.store_identifier,
        app_id: app.id,
        type: 'consumable',
      })
      expect(res).toMatchContract(409)
      expect(errorTypeOf(res)).toBe('resource_already_exists')
      expect(errorParamOf(res)).toBe('store_identifier')
    } finally {
      await deleteTestProduct(api, product.id)
    }
  })

  it('takes a store identifier another app has', async () => {
    const first = await existingApp(api, ...STORE_APP_TYPES)
    const other = await createTestApp(api)
    const product = await createTestProduct(api, first.id)
    try {
      const twin = await createTestProduct(api, other.id, {
        store_identifier: product.store_identifier,
      })
      await deleteTestProduct(api, twin.id)
    } finally {
      await deleteTestProduct(api, product.id)
      await deleteTestApp(api, other.id)
    }
  })

  it('returns 404 resource_missing for an app the project lacks [create-product: unknown app]', async () => {
    const res = await create({
      store_identifier: runLabel(api),
      app_id: missingId(api, 'app'),
      type: 'consumable',
    })
    expect(res).toMatchContract(404)
    expect(errorTypeOf(res)).toBe('resource_missing')
    expect(errorParamOf(res)).toBe('app_id')
  })

  it('returns 400 parameter_error without a type [create-product: missing type]', async () => {
    const app = await existingApp(api, ...STORE_APP_TYPES)
    await expectParameterError(
      api,
      op,
      { path: projectPath(api), body: { store_identifier: runLabel(api), app_id: app.id } },
      'type',
    )
  })

  it('returns 400 parameter_error for a type the spec does not name', async () => {
    const app = await existingApp(api, ...STORE_APP_TYPES)
    await expectParameterError(
      api,
      op,
      {
        path: projectPath(api),
        body: { store_identifier: runLabel(api), app_id: app.id, type: 'lifetime' },
      },
      'type',
    )
  })

  it('returns 400 parameter_error for a store identifier over 200 characters', async () => {
    const app = await existingApp(api, ...STORE_APP_TYPES)
    await expectParameterError(
      api,
      op,
      {
        path: projectPath(api),
        body: {
          store_identifier: `${runLabel(api)}${'x'.repeat(200)}`,
          app_id: app.id,
          type: 'one_time',
        },
      },
      'store_identifier',
    )
  })

  it('returns 400 parameter_error for subscription details outside the Test Store', async () => {
    const app = await existingApp(api, 'app_store', 'play_store', 'stripe', 'rc_billing', 'amazon')
    await expectParameterError(
      api,
      op,
      {
        path: projectPath(api),
        body: {
          store_identifier: runLabel(api),
          app_id: app.id,
          type: 'subscription',
          subscription: { duration: 'P1M' },
        },
      },
      'subscription',
    )
  })

  it('returns 400 parameter_error for a Test Store product without a title', async () => {
    const app = await existingApp(api, 'test_store')
    await expectParameterError(
      api,
      op,
      {
        path: projectPath(api),
        body: { store_identifier: runLabel(api), app_id: app.id, type: 'consumable' },
      },
      'title',
    )
  })
})
