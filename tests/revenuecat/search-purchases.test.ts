import { describe, expect, it } from 'vitest'
import {
  addPurchase,
  bodyOf,
  createTestCustomer,
  errorParamOf,
  errorTypeOf,
  itemsOf,
  SANDBOX_PRODUCTS,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'search-purchases'
const api = useTarget('revenuecat')

const project = () => ({ project_id: api.need('projectId') })

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
    const res = await api.call(op, { path: project() })
    expect(res).toMatchContract(400)
    expect(errorTypeOf(res)).toBe('parameter_error')
    expect(errorParamOf(res)).toBe('store_purchase_identifier')
  })

  it('returns 400 parameter_error for an identifier longer than 255 characters', async () => {
    const res = await api.call(op, {
      path: project(),
      query: { store_purchase_identifier: 'x'.repeat(256) },
    })
    expect(res).toMatchContract(400)
    expect(errorParamOf(res)).toBe('store_purchase_identifier')
  })
})
