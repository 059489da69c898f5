/** The Customer operations about access: granted entitlements, active entitlements and the customer's subscriptions. */
import { notEmulated, type RouteTable } from './table.ts'

/** Declares them. */
export function customerAccessRoutes(table: RouteTable): void {
  /** operationId: grant-customer-entitlement */
  table.route('grant-customer-entitlement', notEmulated)
  /** operationId: revoke-customer-granted-entitlement */
  table.route('revoke-customer-granted-entitlement', notEmulated)
  /** operationId: list-customer-active-entitlements */
  table.route('list-customer-active-entitlements', notEmulated)
  /** operationId: list-subscriptions */
  table.route('list-subscriptions', notEmulated)
}
