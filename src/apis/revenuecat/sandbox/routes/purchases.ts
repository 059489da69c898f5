/** The Purchase operations; none is emulated yet, so each answers 501 (table.ts). */
import { notEmulated, type RouteTable } from './table.ts'

/** Declares the Purchase operations. */
export function purchasesRoutes(table: RouteTable): void {
  /** operationId: get-purchase */
  table.route('get-purchase', notEmulated)
  /** operationId: list-purchase-entitlements */
  table.route('list-purchase-entitlements', notEmulated)
  /** operationId: refund-purchase */
  table.route('refund-purchase', notEmulated)
  /** operationId: search-purchases */
  table.route('search-purchases', notEmulated)
}
