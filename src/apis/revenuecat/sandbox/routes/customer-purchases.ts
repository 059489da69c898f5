/** The Customer operations about what a customer bought: its purchases and its virtual currency balances. */
import { notEmulated, type RouteTable } from './table.ts'

/** Declares them. */
export function customerPurchasesRoutes(table: RouteTable): void {
  /** operationId: list-purchases */
  table.route('list-purchases', notEmulated)
  /** operationId: list-virtual-currencies-balances */
  table.route('list-virtual-currencies-balances', notEmulated)
  /** operationId: create-virtual-currencies-transaction */
  table.route('create-virtual-currencies-transaction', notEmulated)
  /** operationId: update-virtual-currencies-balance */
  table.route('update-virtual-currencies-balance', notEmulated)
}
