/** The Subscription operations; none is emulated yet, so each answers 501 (table.ts). */
import { notEmulated, type RouteTable } from './table.ts'

/** Declares the Subscription operations. */
export function subscriptionsRoutes(table: RouteTable): void {
  /** operationId: get-subscription */
  table.route('get-subscription', notEmulated)
  /** operationId: get-play-store-or-app-store-subscription-transactions */
  table.route('get-play-store-or-app-store-subscription-transactions', notEmulated)
  /** operationId: refund-play-store-subscription-transaction */
  table.route('refund-play-store-subscription-transaction', notEmulated)
  /** operationId: list-subscription-entitlements */
  table.route('list-subscription-entitlements', notEmulated)
  /** operationId: cancel-subscription */
  table.route('cancel-subscription', notEmulated)
  /** operationId: refund-subscription */
  table.route('refund-subscription', notEmulated)
  /** operationId: get-authorized-subscription-management-url */
  table.route('get-authorized-subscription-management-url', notEmulated)
  /** operationId: search-subscriptions */
  table.route('search-subscriptions', notEmulated)
}
