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
  SANDBOX_PRODUCTS,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'list-customer-invoices'
const api = useTarget('revenuecat')

interface Invoice {
  object: string
  id: string
  paid_at: number | null
  invoice_url: string | null
  line_items: Array<{ product_identifier: string }>
}

describe(op, () => {
  it('lists the invoices of a Web Billing customer [list-customer-invoices]', async () => {
    const res = await api.call(op, { path: customerPath(api, api.need('webCustomerId')) })
    expect(res).toMatchContract(200)
    const items = itemsOf<Invoice>(res)
    expect(items.length).toBeGreaterThan(0)
    for (const invoice of items) expect(invoice.object).toBe('invoice')
  })

  it('gives each paid seeded invoice its file, and the open one none', async () => {
    api.needSandbox()
    const res = await api.call(op, { path: customerPath(api, SANDBOX_CUSTOMERS.web) })
    expect(res).toMatchContract(200)
    const items = itemsOf<Invoice>(res)
    expect(items).toHaveLength(4)
    const paid = items.filter((i) => i.paid_at !== null)
    expect(paid).toHaveLength(3)
    for (const invoice of paid)
      expect(invoice.invoice_url).toMatch(new RegExp(`/invoices/${invoice.id}/file$`))
    expect(items.filter((i) => i.paid_at === null)).toEqual([
      expect.objectContaining({ invoice_url: null }),
    ])
  })

  it('walks every page of 25 invoices, none repeated or missing', async () => {
    api.needSandbox()
    const walk = await walkPages(api, op, {
      path: customerPath(api, SANDBOX_CUSTOMERS.many),
      query: { limit: 7 },
    })
    expect(walk.stopped).toBeUndefined()
    expect(walk.pages).toHaveLength(4)
    for (const page of walk.pages) expect(page).toMatchContract(200)
    const ids = (walk.items as Invoice[]).map((i) => i.id)
    expect(ids).toHaveLength(25)
    expect(new Set(ids).size).toBe(25)
  })

  it('shows a new customer with no invoices, then the paid invoice of a Web Billing purchase', async () => {
    const customerId = await createTestCustomer(api)
    const before = await api.call(op, { path: customerPath(api, customerId) })
    expect(before).toMatchContract(200)
    expect(itemsOf(before)).toEqual([])
    await addPurchase(api, customerId, {
      product_id: SANDBOX_PRODUCTS.webLifetime,
      store: 'rc_billing',
    })
    const after = await api.call(op, { path: customerPath(api, customerId) })
    expect(after).toMatchContract(200)
    const items = itemsOf<Invoice>(after)
    expect(items).toHaveLength(1)
    expect(items[0]?.paid_at).not.toBeNull()
    expect(items[0]?.line_items.map((l) => l.product_identifier)).toEqual([
      'subcontract_web_lifetime',
    ])
  })

  it('returns 400 parameter_error for a limit that is not a number [list-customer-invoices: bad limit]', async () => {
    await expectParameterError(
      api,
      op,
      {
        path: customerPath(api, api.need('webCustomerId')),
        query: { limit: 'all' },
      },
      'limit',
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

  it('returns 404 resource_missing for an unknown customer [list-customer-invoices: unknown customer]', async () => {
    await expectMissing(api, op, { path: customerPath(api, missingId(api, 'customer')) })
  })
})
