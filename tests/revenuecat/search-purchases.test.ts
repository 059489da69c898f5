import { describe, expect, it } from 'vitest'
import {
  addPurchase,
  bodyOf,
  createTestCustomer,
  expectParameterError,
  itemsOf,
  SANDBOX_CUSTOMERS,
  SANDBOX_PRODUCTS,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'search-purchases'
const api = useTarget('revenuecat')

const project = () => ({ project_id: api.need('projectId') })

interface Purchase {
  id: string
  customer_id: string
  store: string
  status: string
  ownership: string
  environment: string
  store_purchase_identifier: string
}

/** The seeded purchases of every store, status and ownership (fixtures/seeds/revenuecat/default.json). */
const SEEDED_PURCHASES = [
  {
    id: 'purch5eed0002',
    customer: SANDBOX_CUSTOMERS.active,
    store: 'app_store',
    status: 'owned',
    ownership: 'purchased',
    environment: 'production',
  },
  {
    id: 'purch5eed0012',
    customer: SANDBOX_CUSTOMERS.web,
    store: 'rc_billing',
    status: 'owned',
    ownership: 'purchased',
    environment: 'production',
  },
  {
    id: 'purch5eed0018',
    customer: SANDBOX_CUSTOMERS.refunded,
    store: 'play_store',
    status: 'refunded',
    ownership: 'purchased',
    environment: 'production',
  },
  {
    id: 'purch5eed0211',
    customer: SANDBOX_CUSTOMERS.variety,
    store: 'amazon',
    status: 'owned',
    ownership: 'purchased',
    environment: 'production',
  },
  {
    id: 'purch5eed0212',
    customer: SANDBOX_CUSTOMERS.variety,
    store: 'mac_app_store',
    status: 'owned',
    ownership: 'purchased',
    environment: 'production',
  },
  {
    id: 'purch5eed0213',
    customer: SANDBOX_CUSTOMERS.variety,
    store: 'play_store',
    status: 'owned',
    ownership: 'family_shared',
    environment: 'production',
  },
  {
    id: 'purch5eed0214',
    customer: SANDBOX_CUSTOMERS.variety,
    store: 'promotional',
    status: 'owned',
    ownership: 'purchased',
    environment: 'production',
  },
  {
    id: 'purch5eed0215',
    customer: SANDBOX_CUSTOMERS.variety,
    store: 'stripe',
    status: 'refunded',
    ownership: 'purchased',
    environment: 'sandbox',
  },
] as const

describe(op, () => {
  it('finds a purchase by its store purchase identifier [search-purchases]', async () => {
    const purchaseId = api.need('purchaseId')
    const read = await api.call('get-purchase', {
      path: { ...project(), purchase_id: purchaseId },
    })
    expect(read).toMatchContract(200)
    const identifier = bodyOf<{ store_purchase_identifier: string }>(read).store_purchase_identifier
    const res = await api.call(op, {
      path: project(),
      query: { store_purchase_identifier: identifier },
    })
    expect(res).toMatchContract(200)
    expect(itemsOf<{ id: string }>(res).map((p) => p.id)).toEqual([purchaseId])
  })

  it.each(SEEDED_PURCHASES)(
    'finds the seeded $store purchase $id ($status, $ownership) by the identifier get-purchase shows',
    async (seeded) => {
      api.needSandbox()
      const read = await api.call('get-purchase', {
        path: { ...project(), purchase_id: seeded.id },
      })
      expect(read).toMatchContract(200)
      const identifier = bodyOf<Purchase>(read).store_purchase_identifier
      const res = await api.call(op, {
        path: project(),
        query: { store_purchase_identifier: identifier },
      })
      expect(res).toMatchContract(200)
      expect(itemsOf<Purchase>(res)).toEqual([
        expect.objectContaining({
          id: seeded.id,
          customer_id: seeded.customer,
          store: seeded.store,
          status: seeded.status,
          ownership: seeded.ownership,
          environment: seeded.environment,
          store_purchase_identifier: identifier,
        }),
      ])
    },
  )

  it('finds a purchase made now', async () => {
    const customerId = await createTestCustomer(api)
    const made = await addPurchase(api, customerId, {
      product_id: SANDBOX_PRODUCTS.webLifetime,
      store: 'rc_billing',
    })
    const res = await api.call(op, {
      path: project(),
      query: { store_purchase_identifier: String(made.store_purchase_identifier) },
    })
    expect(res).toMatchContract(200)
    expect(itemsOf(res)).toEqual([
      expect.objectContaining({ id: made.id, customer_id: customerId }),
    ])
  })

  it('answers an empty list when no purchase has the identifier [search-purchases: no match]', async () => {
    const res = await api.call(op, {
      path: project(),
      query: {
        store_purchase_identifier: `subcontract-missing-${api.faker.string.alphanumeric(12)}`,
      },
    })
    expect(res).toMatchContract(200)
    expect(itemsOf(res)).toEqual([])
  })

  it('returns 400 parameter_error without a store purchase identifier [search-purchases: no identifier]', async () => {
    await expectParameterError(api, op, { path: project() }, 'store_purchase_identifier')
  })

  it('returns 400 parameter_error for an identifier longer than 255 characters', async () => {
    await expectParameterError(
      api,
      op,
      {
        path: project(),
        query: { store_purchase_identifier: 'x'.repeat(256) },
      },
      'store_purchase_identifier',
    )
  })
})
