/** The Customer operations; none is emulated yet, so each answers 501 (table.ts). */
import { notEmulated, type RouteTable } from './table.ts'

/** Declares the Customer operations. */
export function customersRoutes(table: RouteTable): void {
  /** operationId: list-customers */
  table.route('list-customers', notEmulated)
  /** operationId: create-customer */
  table.route('create-customer', notEmulated)
  /** operationId: get-customer */
  table.route('get-customer', notEmulated)
  /** operationId: delete-customer */
  table.route('delete-customer', notEmulated)
  /** operationId: transfer-customer-data */
  table.route('transfer-customer-data', notEmulated)
  /** operationId: grant-customer-entitlement */
  table.route('grant-customer-entitlement', notEmulated)
  /** operationId: revoke-customer-granted-entitlement */
  table.route('revoke-customer-granted-entitlement', notEmulated)
  /** operationId: assign-customer-offering */
  table.route('assign-customer-offering', notEmulated)
  /** operationId: list-subscriptions */
  table.route('list-subscriptions', notEmulated)
  /** operationId: list-purchases */
  table.route('list-purchases', notEmulated)
  /** operationId: list-customer-active-entitlements */
  table.route('list-customer-active-entitlements', notEmulated)
  /** operationId: list-customer-aliases */
  table.route('list-customer-aliases', notEmulated)
  /** operationId: list-virtual-currencies-balances */
  table.route('list-virtual-currencies-balances', notEmulated)
  /** operationId: create-virtual-currencies-transaction */
  table.route('create-virtual-currencies-transaction', notEmulated)
  /** operationId: update-virtual-currencies-balance */
  table.route('update-virtual-currencies-balance', notEmulated)
  /** operationId: list-customer-attributes */
  table.route('list-customer-attributes', notEmulated)
  /** operationId: set-customer-attributes */
  table.route('set-customer-attributes', notEmulated)
}
