import { describe, expect, it } from 'vitest'
import { createProjectData, newCustomer, type PurchaseRecord, usd } from './model.ts'
import {
  customerPurchases,
  INVOICE_FILE_ORIGIN,
  invoiceFileUrl,
  refundPurchase,
  searchPurchases,
} from './purchases.ts'

function purchase(id: string, overrides: Partial<PurchaseRecord> = {}): PurchaseRecord {
  return {
    id,
    customerId: 'c1',
    originalCustomerId: 'c1',
    productId: 'prod1',
    purchasedAt: 0,
    revenue: usd(1),
    quantity: 1,
    status: 'owned',
    presentedOfferingId: null,
    entitlementIds: [],
    environment: 'production',
    store: 'rc_billing',
    storePurchaseIdentifier: `rcb_${id}`,
    ownership: 'purchased',
    country: null,
    ...overrides,
  }
}

describe('purchases', () => {
  it('lists a customer purchases, by environment when asked', () => {
    const data = createProjectData()
    data.purchases.set('p1', purchase('p1'))
    data.purchases.set('p2', purchase('p2', { environment: 'sandbox' }))
    data.purchases.set('p3', purchase('p3', { customerId: 'c2' }))
    expect(customerPurchases(data, 'c1').map((p) => p.id)).toEqual(['p1', 'p2'])
    expect(customerPurchases(data, 'c1', 'sandbox').map((p) => p.id)).toEqual(['p2'])
    expect(searchPurchases(data, 'rcb_p3').map((p) => p.id)).toEqual(['p3'])
    expect(searchPurchases(data, 'rcb_p')).toEqual([])
  })

  it('refunds a Web Billing purchase once', () => {
    const p = purchase('p1')
    expect(refundPurchase(p)).toMatchObject({ status: 'refunded' })
    expect(refundPurchase(p)).toMatchObject({ status: 422, type: 'unprocessable_entity_error' })
  })

  it('refuses to refund a purchase of another store', () => {
    const p = purchase('p1', { store: 'app_store' })
    expect(refundPurchase(p)).toMatchObject({ status: 422 })
    expect(p.status).toBe('owned')
  })

  it('knows where a paid invoice file is, and that an open one has none', () => {
    const customer = newCustomer('c1', 0)
    const invoice = { issuedAt: 0, total: usd(1), lines: [] }
    customer.invoices.push(
      { id: 'in1', paidAt: 0, ...invoice },
      { id: 'in2', paidAt: null, ...invoice },
    )
    expect(invoiceFileUrl('proj 1', customer, 'in1')).toBe(
      `${INVOICE_FILE_ORIGIN}/proj%201/in1.pdf`,
    )
    expect(invoiceFileUrl('proj 1', customer, 'in2')).toMatchObject({ status: 404 })
    expect(invoiceFileUrl('proj 1', customer, 'in3')).toMatchObject({
      status: 404,
      type: 'resource_missing',
    })
  })
})
