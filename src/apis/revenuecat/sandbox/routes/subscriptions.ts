/**
 * The Subscription operations. Each handler reads its inputs (helpers.ts), calls one state
 * function (subscriptions.ts) and answers the wire shape (views.ts). Writes refuse a held
 * customer (423).
 */
import { isFailure, revenuecatFailure } from '../errors.ts'
import type { SubscriptionRecord } from '../model.ts'
import {
  authenticatedManagementUrl,
  cancelSubscription,
  refundSubscription,
  refundTransaction,
  searchSubscriptions,
  subscriptionTransactions,
} from '../subscriptions.ts'
import {
  apiPath,
  entitlementsWire,
  inlineList,
  subscriptionWire,
  transactionWire,
} from '../views.ts'
import {
  fail,
  findSubscription,
  nowOf,
  ok,
  pageOf,
  projectOf,
  readQuery,
  unlocked,
} from './helpers.ts'
import type { RevenueCatHandler, RouteTable } from './table.ts'

/** The spec's limit on `transaction_id`. */
const TRANSACTION_ID_MAX = 255

/**
 * A write on the path's subscription: found (400/404), its customer not held (423), then
 * `change` (a state function) and the subscription's wire shape.
 */
function subscriptionWrite(
  change: (sub: SubscriptionRecord, now: number) => ReturnType<typeof cancelSubscription>,
): RevenueCatHandler {
  return (c, r) => {
    const route = projectOf(r)
    const sub = findSubscription(c, route)
    if (!sub.ok) return fail(c, sub.failure)
    const { id, data } = route.project
    const free = unlocked(data, sub.value.customerId)
    if (!free.ok) return fail(c, free.failure)
    const now = nowOf(route)
    const changed = change(sub.value, now)
    if (isFailure(changed)) return fail(c, changed)
    return ok(c, subscriptionWire(id, data, changed, now))
  }
}

/** Declares the Subscription operations. */
export function subscriptionsRoutes(table: RouteTable): void {
  /** operationId: get-subscription */
  table.route('get-subscription', (c, r) => {
    const route = projectOf(r)
    const sub = findSubscription(c, route)
    if (!sub.ok) return fail(c, sub.failure)
    const { id, data } = route.project
    return ok(c, subscriptionWire(id, data, sub.value, nowOf(route)))
  })

  /** operationId: get-play-store-or-app-store-subscription-transactions */
  table.route('get-play-store-or-app-store-subscription-transactions', (c, r) => {
    const route = projectOf(r)
    const sub = findSubscription(c, route)
    if (!sub.ok) return fail(c, sub.failure)
    const transactions = subscriptionTransactions(sub.value)
    if (isFailure(transactions)) return fail(c, transactions)
    return ok(
      c,
      inlineList(
        transactions.map(transactionWire),
        apiPath(route.project.id, 'subscriptions', sub.value.id, 'transactions'),
      ),
    )
  })

  /** operationId: refund-play-store-subscription-transaction */
  table.route('refund-play-store-subscription-transaction', (c, r) => {
    const route = projectOf(r)
    const sub = findSubscription(c, route)
    if (!sub.ok) return fail(c, sub.failure)
    const transactionId = c.req.param('transaction_id') ?? ''
    if (transactionId.length > TRANSACTION_ID_MAX)
      return fail(
        c,
        revenuecatFailure(
          400,
          'parameter_error',
          `transaction_id is too long (at most ${TRANSACTION_ID_MAX}).`,
          'transaction_id',
        ),
      )
    const free = unlocked(route.project.data, sub.value.customerId)
    if (!free.ok) return fail(c, free.failure)
    const refunded = refundTransaction(sub.value, transactionId, nowOf(route))
    if (isFailure(refunded)) return fail(c, refunded)
    return ok(c, transactionWire(refunded))
  })

  /** operationId: list-subscription-entitlements */
  table.route('list-subscription-entitlements', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const sub = findSubscription(c, route)
    if (!sub.ok) return fail(c, sub.failure)
    const { id, data } = route.project
    return pageOf(
      c,
      entitlementsWire(id, data, sub.value.entitlementIds).map((wire) => ({ key: wire.id, wire })),
      apiPath(id, 'subscriptions', sub.value.id, 'entitlements'),
    )
  })

  /** operationId: cancel-subscription */
  table.route('cancel-subscription', subscriptionWrite(cancelSubscription))

  /** operationId: refund-subscription */
  table.route('refund-subscription', subscriptionWrite(refundSubscription))

  /** operationId: get-authorized-subscription-management-url */
  table.route('get-authorized-subscription-management-url', (c, r) => {
    const route = projectOf(r)
    const sub = findSubscription(c, route)
    if (!sub.ok) return fail(c, sub.failure)
    const url = authenticatedManagementUrl(sub.value, route.state.store.ids)
    if (isFailure(url)) return fail(c, url)
    return ok(c, { object: 'authenticated_management_url', management_url: url })
  })

  /** operationId: search-subscriptions */
  table.route('search-subscriptions', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const identifier = query.value.get('store_subscription_identifier') ?? ''
    const { id, data } = route.project
    const now = nowOf(route)
    return ok(
      c,
      inlineList(
        searchSubscriptions(data, identifier).map((sub) => subscriptionWire(id, data, sub, now)),
        apiPath(id, 'subscriptions'),
      ),
    )
  })
}
