import { describe, expect, it } from 'vitest'
import { walkPages } from '../../src/http/walk-pages.ts'
import {
  addPurchase,
  createTestCustomer,
  customerPath,
  expectMissing,
  expectParameterError,
  itemsOf,
  missingId,
  SANDBOX_CUSTOMERS,
  SANDBOX_ENTITLEMENTS,
  SANDBOX_PRODUCTS,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'list-purchases'
const api = useTarget('revenuecat')

interface Purchase {
  id: string
  customer_id: string
  environment: string
  store: string
  status: string
  ownership: string
  entitlements: { items: Array<{ id: string }> }
}

describe(op, () => {
  it('lists the purchases of a customer [list-purchases]', async () => {
    const customerId = api.need('customerId')
    const res = await api.call(op, { path: customerPath(api, customerId) })
    expect(res).toMatchContract(200)
    const items = itemsOf<Purchase>(res)
    expect(items.map((p) => p.id)).toContain(api.need('purchaseId'))
    for (const item of items) expect(item.customer_id).toBe(customerId)
  })

  it('lists only the purchases of one environment when asked [list-purchases: environment]', async () => {
    const res = await api.call(op, {
      path: customerPath(api, api.need('customerId')),
      query: { environment: 'production' },
    })
    expect(res).toMatchContract(200)
    for (const item of itemsOf<Purchase>(res)) expect(item.environment).toBe('production')
  })

  it('splits the seeded purchases by environment, and the two parts make the whole', async () => {
    api.needSandbox()
    const path = customerPath(api, SANDBOX_CUSTOMERS.many)
    const read = async (environment?: string) => {
      const walk = await walkPages(api, op, {
        path,
        query: environment === undefined ? {} : { environment },
      })
      expect(walk.stopped).toBeUndefined()
      for (const page of walk.pages) expect(page).toMatchContract(200)
      return walk.items as Purchase[]
    }
    const [all, sandbox, production] = [
      await read(),
      await read('sandbox'),
      await read('production'),
    ]
    expect(all).toHaveLength(25)
    expect(sandbox.length).toBeGreaterThan(0)
    expect(sandbox.every((p) => p.environment === 'sandbox')).toBe(true)
    expect(production.every((p) => p.environment === 'production')).toBe(true)
    expect([...sandbox, ...production].map((p) => p.id).sort()).toEqual(all.map((p) => p.id).sort())
  })

  it('lists the seeded purchases of every other store, one family shared and one refunded, oldest first', async () => {
    api.needSandbox()
    const res = await api.call(op, { path: customerPath(api, SANDBOX_CUSTOMERS.variety) })
    expect(res).toMatchContract(200)
    const items = itemsOf<Purchase>(res)
    expect(
      items.map((p) => ({
        id: p.id,
        customer_id: p.customer_id,
        store: p.store,
        status: p.status,
        ownership: p.ownership,
        environment: p.environment,
        entitlements: p.entitlements.items.map((e) => e.id),
      })),
    ).toEqual([
      {
        id: 'purch5eed0211',
        customer_id: SANDBOX_CUSTOMERS.variety,
        store: 'amazon',
        status: 'owned',
        ownership: 'purchased',
        environment: 'production',
        entitlements: [],
      },
      {
        id: 'purch5eed0212',
        customer_id: SANDBOX_CUSTOMERS.variety,
        store: 'mac_app_store',
        status: 'owned',
        ownership: 'purchased',
        environment: 'production',
        entitlements: [],
      },
      {
        id: 'purch5eed0213',
        customer_id: SANDBOX_CUSTOMERS.variety,
        store: 'play_store',
        status: 'owned',
        ownership: 'family_shared',
        environment: 'production',
        entitlements: [SANDBOX_ENTITLEMENTS.lifetime],
      },
      {
        id: 'purch5eed0214',
        customer_id: SANDBOX_CUSTOMERS.variety,
        store: 'promotional',
        status: 'owned',
        ownership: 'purchased',
        environment: 'production',
        entitlements: [SANDBOX_ENTITLEMENTS.premium],
      },
      {
        id: 'purch5eed0215',
        customer_id: SANDBOX_CUSTOMERS.variety,
        store: 'stripe',
        status: 'refunded',
        ownership: 'purchased',
        environment: 'sandbox',
        entitlements: [SANDBOX_ENTITLEMENTS.lifetime],
      },
    ])
  })

  it('lists the refunded seeded purchase of the refunded customer as refunded', async () => {
    api.needSandbox()
    const res = await api.call(op, { path: customerPath(api, SANDBOX_CUSTOMERS.refunded) })
    expect(res).toMatchContract(200)
    expect(itemsOf<Purchase>(res)).toEqual([
      expect.objectContaining({
        id: 'purch5eed0018',
        store: 'play_store',
        status: 'refunded',
        ownership: 'purchased',
      }),
    ])
  })

  it('lists only the sandbox purchase of the variety customer when asked', async () => {
    api.needSandbox()
    const res = await api.call(op, {
      path: customerPath(api, SANDBOX_CUSTOMERS.variety),
      query: { environment: 'sandbox' },
    })
    expect(res).toMatchContract(200)
    expect(itemsOf<Purchase>(res).map((p) => p.id)).toEqual(['purch5eed0215'])
  })

  it('walks every page of 25 purchases, none repeated or missing', async () => {
    api.needSandbox()
    const walk = await walkPages(api, op, {
      path: customerPath(api, SANDBOX_CUSTOMERS.many),
      query: { limit: 7 },
    })
    expect(walk.stopped).toBeUndefined()
    expect(walk.pages).toHaveLength(4)
    for (const page of walk.pages) expect(page).toMatchContract(200)
    const ids = (walk.items as Purchase[]).map((p) => p.id)
    expect(ids).toHaveLength(25)
    expect(new Set(ids).size).toBe(25)
  })

  it('shows a new customer with no purchases, then the purchase it makes', async () => {
    const customerId = await createTestCustomer(api)
    const before = await api.call(op, { path: customerPath(api, customerId) })
    expect(before).toMatchContract(200)
    expect(itemsOf(before)).toEqual([])
    const made = await addPurchase(api, customerId, {
      product_id: SANDBOX_PRODUCTS.gems,
      store: 'app_store',
      environment: 'sandbox',
    })
    const after = await api.call(op, { path: customerPath(api, customerId) })
    expect(after).toMatchContract(200)
    expect(itemsOf<Purchase>(after).map((p) => p.id)).toEqual([made.id])
    const production = await api.call(op, {
      path: customerPath(api, customerId),
      query: { environment: 'production' },
    })
    expect(production).toMatchContract(200)
    expect(itemsOf(production)).toEqual([])
  })

  it('returns 400 parameter_error for an unknown environment [list-purchases: bad environment]', async () => {
    await expectParameterError(
      api,
      op,
      {
        path: customerPath(api, api.need('customerId')),
        query: { environment: 'staging' },
      },
      'environment',
    )
  })

  it('returns 400 parameter_error for a starting_after that is no purchase of the list', async () => {
    await expectParameterError(
      api,
      op,
      {
        path: customerPath(api, api.need('customerId')),
        query: { starting_after: missingId(api, 'purchase') },
      },
      'starting_after',
    )
  })

  it('returns 400 parameter_error for an id longer than 1500 characters', async () => {
    await expectParameterError(
      api,
      op,
      { path: customerPath(api, 'x'.repeat(1501)) },
      'customer_id',
    )
  })

  it('returns 404 resource_missing for an unknown customer [list-purchases: unknown customer]', async () => {
    await expectMissing(api, op, { path: customerPath(api, missingId(api, 'customer')) })
  })
})
