import { describe, expect, it } from 'vitest'
import {
  customerPath,
  expectMissing,
  expectParameterError,
  itemsOf,
  missingId,
  SANDBOX_CUSTOMERS,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'get-invoice'
const api = useTarget('revenuecat')

interface Invoice {
  id: string
  paid_at: number | null
}

/** The customer's invoices, read through list-customer-invoices. */
async function invoicesOf(customerId: string): Promise<Invoice[]> {
  const res = await api.call('list-customer-invoices', { path: customerPath(api, customerId) })
  expect(res).toMatchContract(200)
  return itemsOf<Invoice>(res)
}

const path = (customerId: string, invoiceId: string) => ({
  ...customerPath(api, customerId),
  invoice_id: invoiceId,
})

describe(op, () => {
  it('redirects to the file of a paid invoice, and the client does not follow [get-invoice]', async () => {
    const customerId = api.need('webCustomerId')
    const paid = (await invoicesOf(customerId)).find((i) => i.paid_at !== null)
    if (paid === undefined) throw new Error(`${customerId} has no paid invoice`)
    const res = await api.call(op, { path: path(customerId, paid.id) })
    expect(res).toMatchContract(302)
    expect(res.response.headers.location).toMatch(/^https:\/\//)
  })

  it('points each seeded paid invoice at its own file, on a host that never resolves', async () => {
    api.needSandbox()
    const paid = (await invoicesOf(SANDBOX_CUSTOMERS.web)).filter((i) => i.paid_at !== null)
    const locations = new Set<string>()
    for (const invoice of paid) {
      const res = await api.call(op, { path: path(SANDBOX_CUSTOMERS.web, invoice.id) })
      expect(res).toMatchContract(302)
      const location = res.response.headers.location ?? ''
      expect(new URL(location).hostname).toMatch(/\.invalid$/)
      expect(location).toContain(`/${invoice.id}.pdf`)
      expect(res.response.bodyText).toBe('')
      locations.add(location)
    }
    expect(locations.size).toBe(paid.length)
  })

  it('returns 404 resource_missing for an invoice not paid yet, which has no file', async () => {
    api.needSandbox()
    const open = (await invoicesOf(SANDBOX_CUSTOMERS.web)).find((i) => i.paid_at === null)
    if (open === undefined) throw new Error('the seeded web customer has no open invoice')
    await expectMissing(api, op, { path: path(SANDBOX_CUSTOMERS.web, open.id) })
  })

  it('returns 404 resource_missing for an invoice of another customer', async () => {
    api.needSandbox()
    const [other] = await invoicesOf(SANDBOX_CUSTOMERS.many)
    if (other === undefined) throw new Error('the seeded many customer has no invoice')
    await expectMissing(api, op, { path: path(SANDBOX_CUSTOMERS.web, other.id) })
  })

  it('returns 400 parameter_error for an invoice id longer than 1500 characters', async () => {
    await expectParameterError(
      api,
      op,
      { path: path(api.need('webCustomerId'), 'i'.repeat(1501)) },
      'invoice_id',
    )
  })

  it('returns 404 resource_missing for an unknown invoice [get-invoice: unknown invoice]', async () => {
    await expectMissing(api, op, {
      path: path(api.need('webCustomerId'), missingId(api, 'invoice')),
    })
  })

  it('returns 404 resource_missing for an unknown customer', async () => {
    await expectMissing(api, op, {
      path: path(missingId(api, 'customer'), missingId(api, 'invoice')),
    })
  })
})
