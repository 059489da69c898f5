/** The Paywall operations; none is emulated yet, so each answers 501 (table.ts). */
import { notEmulated, type RouteTable } from './table.ts'

/** Declares the Paywall operations. */
export function paywallsRoutes(table: RouteTable): void {
  /** operationId: list-paywalls */
  table.route('list-paywalls', notEmulated)
  /** operationId: create-paywall */
  table.route('create-paywall', notEmulated)
  /** operationId: get-paywall */
  table.route('get-paywall', notEmulated)
  /** operationId: delete-paywall */
  table.route('delete-paywall', notEmulated)
}
