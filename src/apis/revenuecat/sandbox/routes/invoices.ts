/** The Invoice operations: a customer's invoices, and where an invoice's file is (purchases.ts). */
import { isFailure, revenuecatFailure } from '../errors.ts'
import { INVOICE_ID_MAX_LENGTH, invoiceFileUrl } from '../purchases.ts'
import { apiPath, invoiceWire } from '../views.ts'
import { fail, findCustomer, pageOf, projectOf, readQuery } from './helpers.ts'
import type { RouteTable } from './table.ts'

/** Declares the Invoice operations. */
export function invoicesRoutes(table: RouteTable): void {
  /** operationId: list-customer-invoices */
  table.route('list-customer-invoices', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const customer = findCustomer(c, route)
    if (!customer.ok) return fail(c, customer.failure)
    const { id } = route.project
    return pageOf(
      c,
      customer.value.invoices.map((invoice) => ({
        key: invoice.id,
        wire: invoiceWire(id, customer.value.id, invoice),
      })),
      apiPath(id, 'customers', customer.value.id, 'invoices'),
    )
  })

  // A redirect to the file, with no body; the file's address never resolves.
  /** operationId: get-invoice */
  table.route('get-invoice', (c, r) => {
    const route = projectOf(r)
    const customer = findCustomer(c, route)
    if (!customer.ok) return fail(c, customer.failure)
    const invoiceId = c.req.param('invoice_id') ?? ''
    if (invoiceId.length > INVOICE_ID_MAX_LENGTH)
      return fail(
        c,
        revenuecatFailure(
          400,
          'parameter_error',
          `invoice_id is too long (at most ${INVOICE_ID_MAX_LENGTH}).`,
          'invoice_id',
        ),
      )
    const location = invoiceFileUrl(route.project.id, customer.value, invoiceId)
    if (isFailure(location)) return fail(c, location)
    return c.body(null, 302, { location })
  })
}
