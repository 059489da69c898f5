/** The Invoice operations; none is emulated yet, so each answers 501 (table.ts). */
import { notEmulated, type RouteTable } from './table.ts'

/** Declares the Invoice operations. */
export function invoicesRoutes(table: RouteTable): void {
  /** operationId: list-customer-invoices */
  table.route('list-customer-invoices', notEmulated)
  /** operationId: get-invoice */
  table.route('get-invoice', notEmulated)
}
