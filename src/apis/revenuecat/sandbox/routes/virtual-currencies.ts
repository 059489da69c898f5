/** The Virtual Currency operations; none is emulated yet, so each answers 501 (table.ts). */
import { notEmulated, type RouteTable } from './table.ts'

/** Declares the Virtual Currency operations. */
export function virtualCurrenciesRoutes(table: RouteTable): void {
  /** operationId: list-virtual-currencies */
  table.route('list-virtual-currencies', notEmulated)
  /** operationId: create-virtual-currency */
  table.route('create-virtual-currency', notEmulated)
  /** operationId: get-virtual-currency */
  table.route('get-virtual-currency', notEmulated)
  /** operationId: update-virtual-currency */
  table.route('update-virtual-currency', notEmulated)
  /** operationId: delete-virtual-currency */
  table.route('delete-virtual-currency', notEmulated)
}
