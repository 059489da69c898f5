/** The Entitlement operations; none is emulated yet, so each answers 501 (table.ts). */
import { notEmulated, type RouteTable } from './table.ts'

/** Declares the Entitlement operations. */
export function entitlementsRoutes(table: RouteTable): void {
  /** operationId: get-entitlement */
  table.route('get-entitlement', notEmulated)
  /** operationId: update-entitlement */
  table.route('update-entitlement', notEmulated)
  /** operationId: delete-entitlement */
  table.route('delete-entitlement', notEmulated)
  /** operationId: list-entitlements */
  table.route('list-entitlements', notEmulated)
  /** operationId: create-entitlement */
  table.route('create-entitlement', notEmulated)
  /** operationId: get-products-from-entitlement */
  table.route('get-products-from-entitlement', notEmulated)
  /** operationId: attach-products-to-entitlement */
  table.route('attach-products-to-entitlement', notEmulated)
  /** operationId: detach-products-from-entitlement */
  table.route('detach-products-from-entitlement', notEmulated)
}
