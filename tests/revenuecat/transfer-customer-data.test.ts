import { describe, expect, it } from 'vitest'
import type { Exchange } from '../../src/exchange.ts'
import {
  addPurchase,
  addSubscription,
  bodyOf,
  createTestCustomer,
  customerPath,
  errorParamOf,
  errorTypeOf,
  expectParameterError,
  itemsOf,
  missingId,
  SANDBOX_CUSTOMERS,
  SANDBOX_ENTITLEMENTS,
  SANDBOX_PRODUCTS,
  SDK_CUSTOMER_IDS,
  whileLocked,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'transfer-customer-data'
const api = useTarget('revenuecat')

interface Customer {
  id: string
  active_entitlements: { items: Array<{ entitlement_id: string }> }
}
interface Transfer {
  source_customer: Customer
  target_customer: Customer
}
interface Owned {
  id: string
  customer_id: string
  original_customer_id: string
}

/** The seeded apps of the products the tests buy (sandbox only). */
const APPS = { ios: 'app5eed0001', web: 'app5eed0003', amazon: 'app5eed0006' } as const

const entitlementsOf = (customer: Customer) =>
  customer.active_entitlements.items.map((e) => e.entitlement_id)

async function owned(operationId: string, customerId: string): Promise<Owned[]> {
  const res: Exchange = await api.call(operationId, {
    path: customerPath(api, customerId),
    query: { limit: 100 },
  })
  expect(res).toMatchContract(200)
  return itemsOf<Owned>(res)
}

async function entitlementsNow(customerId: string): Promise<string[]> {
  const res = await api.call('get-customer', { path: customerPath(api, customerId) })
  expect(res).toMatchContract(200)
  return entitlementsOf(bodyOf<Customer>(res))
}

describe(op, () => {
  it('answers both customers after a transfer [transfer-customer-data]', async () => {
    const [source, target] = [await createTestCustomer(api), await createTestCustomer(api)]
    const res = await api.call(op, {
      path: customerPath(api, source),
      body: { target_customer_id: target },
    })
    expect(res).toMatchContract(200)
    const transfer = bodyOf<Transfer>(res)
    expect(transfer.source_customer.id).toBe(source)
    expect(transfer.target_customer.id).toBe(target)
  })

  it('moves subscriptions and purchases, with their entitlements; the original customer stays', async () => {
    const [source, target] = [await createTestCustomer(api), await createTestCustomer(api)]
    const sub = await addSubscription(api, source, { product_id: SANDBOX_PRODUCTS.webMonthly })
    const purchase = await addPurchase(api, source, { product_id: SANDBOX_PRODUCTS.webLifetime })
    const res = await api.call(op, {
      path: customerPath(api, source),
      body: { target_customer_id: target },
    })
    expect(res).toMatchContract(200)
    const transfer = bodyOf<Transfer>(res)
    expect(entitlementsOf(transfer.source_customer)).toEqual([])
    expect(entitlementsOf(transfer.target_customer)).toEqual([
      SANDBOX_ENTITLEMENTS.pro,
      SANDBOX_ENTITLEMENTS.lifetime,
    ])
    expect(await owned('list-subscriptions', source)).toEqual([])
    expect(await owned('list-purchases', source)).toEqual([])
    expect(await owned('list-subscriptions', target)).toEqual([
      expect.objectContaining({ id: sub.id, customer_id: target, original_customer_id: source }),
    ])
    expect(await owned('list-purchases', target)).toEqual([
      expect.objectContaining({
        id: purchase.id,
        customer_id: target,
        original_customer_id: source,
      }),
    ])
    expect(await entitlementsNow(source)).toEqual([])
  })

  it('adds to what the target owns already', async () => {
    const [source, target] = [await createTestCustomer(api), await createTestCustomer(api)]
    await addSubscription(api, target, { product_id: SANDBOX_PRODUCTS.appStoreMonthly })
    await addPurchase(api, source, { product_id: SANDBOX_PRODUCTS.webLifetime })
    const res = await api.call(op, {
      path: customerPath(api, source),
      body: { target_customer_id: target, app_ids: null },
    })
    expect(res).toMatchContract(200)
    expect(await owned('list-subscriptions', target)).toHaveLength(1)
    expect(await owned('list-purchases', target)).toHaveLength(1)
    expect(await entitlementsNow(target)).toEqual([
      SANDBOX_ENTITLEMENTS.pro,
      SANDBOX_ENTITLEMENTS.lifetime,
    ])
  })

  it('moves only what belongs to the apps named in app_ids', async () => {
    const [source, target] = [await createTestCustomer(api), await createTestCustomer(api)]
    const ios = await addSubscription(api, source, { product_id: SANDBOX_PRODUCTS.appStoreMonthly })
    const web = await addPurchase(api, source, { product_id: SANDBOX_PRODUCTS.webLifetime })
    const res = await api.call(op, {
      path: customerPath(api, source),
      body: { target_customer_id: target, app_ids: [APPS.web] },
    })
    expect(res).toMatchContract(200)
    const transfer = bodyOf<Transfer>(res)
    expect(entitlementsOf(transfer.source_customer)).toEqual([SANDBOX_ENTITLEMENTS.pro])
    expect(entitlementsOf(transfer.target_customer)).toEqual([SANDBOX_ENTITLEMENTS.lifetime])
    expect((await owned('list-subscriptions', source)).map((s) => s.id)).toEqual([ios.id])
    expect((await owned('list-purchases', target)).map((p) => p.id)).toEqual([web.id])
  })

  it.each(SDK_CUSTOMER_IDS)(
    'reaches the SDK-made customer %j through its encoded id',
    async (id) => {
      api.needSandbox()
      // An app the seeded customer bought nothing in: it keeps all it has.
      const target = await createTestCustomer(api)
      const res = await api.call(op, {
        path: customerPath(api, id),
        body: { target_customer_id: target, app_ids: [APPS.amazon] },
      })
      expect(res).toMatchContract(200)
      const transfer = bodyOf<Transfer>(res)
      expect(transfer.source_customer.id).toBe(id)
      // Nothing moved: the target still owns nothing (the seeded customer's own entitlements are
      // left to the files that change them).
      expect(entitlementsOf(transfer.target_customer)).toEqual([])
    },
  )

  it('answers the seeded customers whole (experiment, last seen) when nothing of theirs moves', async () => {
    api.needSandbox()
    const fresh = await createTestCustomer(api)
    // The seeded customer bought nothing in the Amazon app, and the fresh one owns nothing.
    const from = await api.call(op, {
      path: customerPath(api, SANDBOX_CUSTOMERS.active),
      body: { target_customer_id: fresh, app_ids: [APPS.amazon] },
    })
    expect(from).toMatchContract(200)
    const source = bodyOf<Transfer & { source_customer: Record<string, unknown> }>(from)
    expect(source.source_customer).toMatchObject({
      id: SANDBOX_CUSTOMERS.active,
      last_seen_country: 'US',
      experiment: expect.objectContaining({ object: 'experiment_enrollment', variant: 'b' }),
    })
    expect(entitlementsOf(source.source_customer)).toEqual([SANDBOX_ENTITLEMENTS.pro])
    const to = await api.call(op, {
      path: customerPath(api, fresh),
      body: { target_customer_id: SANDBOX_CUSTOMERS.active },
    })
    expect(to).toMatchContract(200)
    expect(bodyOf<Transfer>(to).target_customer).toMatchObject({ id: SANDBOX_CUSTOMERS.active })
  })

  it('returns 404 resource_missing for an unknown target [transfer-customer-data: unknown target]', async () => {
    const source = await createTestCustomer(api)
    const res = await api.call(op, {
      path: customerPath(api, source),
      body: { target_customer_id: missingId(api, 'customer') },
    })
    expect(res).toMatchContract(404)
    expect(errorTypeOf(res)).toBe('resource_missing')
    expect(errorParamOf(res)).toBe('target_customer_id')
  })

  it('returns 404 resource_missing for an unknown customer [transfer-customer-data: unknown customer]', async () => {
    const target = await createTestCustomer(api)
    const res = await api.call(op, {
      path: customerPath(api, missingId(api, 'customer')),
      body: { target_customer_id: target },
    })
    expect(res).toMatchContract(404)
    expect(errorTypeOf(res)).toBe('resource_missing')
    expect(errorParamOf(res)).toBeUndefined()
  })

  it('returns 404 resource_missing for an app the project does not have', async () => {
    api.needSandbox()
    const [source, target] = [await createTestCustomer(api), await createTestCustomer(api)]
    await addPurchase(api, source, { product_id: SANDBOX_PRODUCTS.webLifetime })
    const res = await api.call(op, {
      path: customerPath(api, source),
      body: { target_customer_id: target, app_ids: [APPS.web, 'appsubcontractmissing'] },
    })
    expect(res).toMatchContract(404)
    expect(errorParamOf(res)).toBe('app_ids')
    expect(await entitlementsNow(source), 'a refused transfer moves nothing').toEqual([
      SANDBOX_ENTITLEMENTS.lifetime,
    ])
  })

  it('returns 422 unprocessable_entity_error for a transfer to itself [transfer-customer-data: to itself]', async () => {
    const source = await createTestCustomer(api)
    const res = await api.call(op, {
      path: customerPath(api, source),
      body: { target_customer_id: source },
    })
    expect(res).toMatchContract(422)
    expect(errorTypeOf(res)).toBe('unprocessable_entity_error')
    expect(errorParamOf(res)).toBe('target_customer_id')
  })

  it('returns 400 parameter_error for a missing, empty or overlong target, or an empty app_ids', async () => {
    const source = await createTestCustomer(api)
    const target = await createTestCustomer(api)
    const cases = [
      { body: {}, param: 'target_customer_id' },
      { body: { target_customer_id: 5 }, param: 'target_customer_id' },
      { body: { target_customer_id: '' }, param: 'target_customer_id' },
      { body: { target_customer_id: 'x'.repeat(1501) }, param: 'target_customer_id' },
      { body: { target_customer_id: target, app_ids: [] }, param: 'app_ids' },
      { body: { target_customer_id: target, app_ids: [''] }, param: 'app_ids.0' },
    ]
    for (const { body, param } of cases) {
      const res = await api.call(op, { path: customerPath(api, source), body })
      expect(res).toMatchContract(400)
      expect(errorTypeOf(res)).toBe('parameter_error')
      expect(errorParamOf(res)).toBe(param)
    }
  })

  it('returns 400 parameter_error for an id longer than 1500 characters', async () => {
    await expectParameterError(
      api,
      op,
      {
        path: customerPath(api, 'x'.repeat(1501)),
        body: { target_customer_id: 'anyone' },
      },
      'customer_id',
    )
  })

  it('returns 423 resource_locked_error while the source or the target is being changed', async () => {
    const [source, target] = [await createTestCustomer(api), await createTestCustomer(api)]
    await addPurchase(api, source, { product_id: SANDBOX_PRODUCTS.webLifetime })
    for (const held of [source, target]) {
      const res = await whileLocked(api, held, () =>
        api.call(op, { path: customerPath(api, source), body: { target_customer_id: target } }),
      )
      expect(res).toMatchContract(423)
      expect(errorTypeOf(res)).toBe('resource_locked_error')
    }
    expect(await entitlementsNow(source), 'a refused transfer moves nothing').toEqual([
      SANDBOX_ENTITLEMENTS.lifetime,
    ])
  })
})
