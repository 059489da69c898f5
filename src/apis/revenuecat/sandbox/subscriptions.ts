/**
 * Subscription and entitlement-grant state changes, free of HTTP: grants (a promotional
 * subscription per granted entitlement), revokes, Web Billing cancels and refunds, Play Store
 * transaction refunds, and the reads that select subscriptions. Each change returns the changed
 * record or the failure the route answers with; times are ms from the sandbox clock.
 */
import type { Ids } from '../../../sandbox/ids.ts'
import { newId } from './checkout.ts'
import { type RevenueCatFailure, revenuecatFailure } from './errors.ts'
import {
  type CustomerRecord,
  type Environment,
  type ProjectData,
  type SubscriptionRecord,
  subscriptionsOf,
  type TransactionRecord,
  usd,
} from './model.ts'
import { givesAccessNow, statusNow } from './views.ts'

const unprocessable = (message: string, param?: string) =>
  revenuecatFailure(422, 'unprocessable_entity_error', message, param)

/** Where the sandbox's Web Billing customer portal lives (a name that never resolves). */
export const BILLING_PORTAL_ORIGIN = 'https://billing.sandbox.subcontract.invalid'

/** The customer's grant of an entitlement that still gives access now, if any. */
export function activeGrant(
  project: ProjectData,
  customerId: string,
  entitlementId: string,
  now: number,
): SubscriptionRecord | undefined {
  return subscriptionsOf(project, customerId).find(
    (s) => s.grantedEntitlementId === entitlementId && givesAccessNow(s, now),
  )
}

/**
 * Grants an entitlement until `expiresAt` by creating a promotional subscription for it
 * (product `rc_promo_<lookup_key>`, price 0, not renewing). `expiresAt` must be later than now
 * (400 on `expires_at`); the entitlement must be the project's (404 on `entitlement_id`); an
 * active grant of it already (409 on `entitlement_id`) is refused, while access through a
 * purchase or a store subscription is not.
 */
export function grantEntitlement(
  project: ProjectData,
  customer: CustomerRecord,
  input: { entitlement_id: string; expires_at: number },
  now: number,
  ids: Ids,
): SubscriptionRecord | RevenueCatFailure {
  if (input.expires_at <= now)
    return revenuecatFailure(
      400,
      'parameter_error',
      `expires_at (${input.expires_at}) must be later than now (${now}).`,
      'expires_at',
    )
  const entitlement = project.entitlements.get(input.entitlement_id)
  if (entitlement === undefined)
    return revenuecatFailure(
      404,
      'resource_missing',
      `Entitlement "${input.entitlement_id}" does not exist in this project.`,
      'entitlement_id',
    )
  if (activeGrant(project, customer.id, entitlement.id, now) !== undefined)
    return revenuecatFailure(
      409,
      'resource_already_exists',
      `Customer "${customer.id}" already has a granted entitlement "${entitlement.id}"; revoke it first.`,
      'entitlement_id',
    )
  const id = newId(ids, 'sub')
  const productId = `rc_promo_${entitlement.lookupKey}`
  const sub: SubscriptionRecord = {
    id,
    customerId: customer.id,
    originalCustomerId: customer.id,
    productId,
    startsAt: now,
    currentPeriodStartsAt: now,
    currentPeriodEndsAt: input.expires_at,
    endsAt: input.expires_at,
    status: 'active',
    autoRenewalStatus: 'will_not_renew',
    pendingPayment: false,
    presentedOfferingId: null,
    entitlementIds: [entitlement.id],
    environment: 'production',
    store: 'promotional',
    storeSubscriptionIdentifier: `rc_promo_${id}`,
    pastStoreIdentifiers: [],
    ownership: 'purchased',
    pendingProductId: null,
    country: null,
    transactions: [
      {
        id: `${id}-tx00`,
        purchasedAt: now,
        productStoreIdentifier: productId,
        expirationDate: input.expires_at,
        effectiveExpirationDate: null,
        refunded: false,
        revenue: usd(0),
      },
    ],
    refundedAt: null,
    grantedEntitlementId: entitlement.id,
  }
  project.subscriptions.set(id, sub)
  return sub
}

/**
 * Revokes a granted entitlement: its promotional subscription ends now (expired). An entitlement
 * the project lacks is 404; one the customer holds only through a purchase or a store
 * subscription is 422 (only grants can be revoked); one it does not hold at all is 404, all on
 * `entitlement_id`.
 */
export function revokeGrantedEntitlement(
  project: ProjectData,
  customer: CustomerRecord,
  entitlementId: string,
  now: number,
): SubscriptionRecord | RevenueCatFailure {
  if (!project.entitlements.has(entitlementId))
    return revenuecatFailure(
      404,
      'resource_missing',
      `Entitlement "${entitlementId}" does not exist in this project.`,
      'entitlement_id',
    )
  const grant = activeGrant(project, customer.id, entitlementId, now)
  if (grant === undefined) {
    const held =
      subscriptionsOf(project, customer.id).some(
        (s) => s.entitlementIds.includes(entitlementId) && givesAccessNow(s, now),
      ) ||
      [...project.purchases.values()].some(
        (p) =>
          p.customerId === customer.id &&
          p.status === 'owned' &&
          p.entitlementIds.includes(entitlementId),
      )
    return held
      ? unprocessable(
          `Customer "${customer.id}" has entitlement "${entitlementId}" through a purchase, not a grant; only granted entitlements can be revoked.`,
          'entitlement_id',
        )
      : revenuecatFailure(
          404,
          'resource_missing',
          `Customer "${customer.id}" has no granted entitlement "${entitlementId}".`,
          'entitlement_id',
        )
  }
  grant.endsAt = now
  grant.currentPeriodEndsAt = now
  grant.status = 'expired'
  for (const tx of grant.transactions)
    if (tx.effectiveExpirationDate === null) tx.effectiveExpirationDate = now
  return grant
}

/** A customer's subscriptions, oldest first, of one environment when given. */
export function customerSubscriptions(
  project: ProjectData,
  customerId: string,
  environment?: Environment,
): SubscriptionRecord[] {
  return subscriptionsOf(project, customerId).filter(
    (s) => environment === undefined || s.environment === environment,
  )
}

/** The subscriptions whose store identifier, now or for an earlier period, is `identifier`. */
export function searchSubscriptions(
  project: ProjectData,
  identifier: string,
): SubscriptionRecord[] {
  return [...project.subscriptions.values()].filter(
    (s) =>
      s.storeSubscriptionIdentifier === identifier || s.pastStoreIdentifiers.includes(identifier),
  )
}

/**
 * A Play Store or App Store subscription's transactions, oldest first. Other stores are 400
 * `invalid_request` (the operation documents no 422).
 */
export function subscriptionTransactions(
  sub: SubscriptionRecord,
): TransactionRecord[] | RevenueCatFailure {
  if (sub.store !== 'play_store' && sub.store !== 'app_store')
    return revenuecatFailure(
      400,
      'invalid_request',
      `Subscription "${sub.id}" is a ${sub.store} subscription; only Play Store and App Store subscriptions list their transactions.`,
    )
  return sub.transactions
}

/**
 * Refunds one transaction of a Play Store subscription: it is marked refunded and its effective
 * expiration is now at the latest. The subscription keeps running and giving access. Other stores
 * and a transaction refunded already are 422; an unknown transaction is 404.
 */
export function refundTransaction(
  sub: SubscriptionRecord,
  transactionId: string,
  now: number,
): TransactionRecord | RevenueCatFailure {
  if (sub.store !== 'play_store')
    return unprocessable(
      `Subscription "${sub.id}" is a ${sub.store} subscription; only Play Store transactions can be refunded here.`,
    )
  const tx = sub.transactions.find((t) => t.id === transactionId)
  if (tx === undefined)
    return revenuecatFailure(
      404,
      'resource_missing',
      `Transaction "${transactionId}" does not exist in subscription "${sub.id}".`,
    )
  if (tx.refunded) return unprocessable(`Transaction "${transactionId}" was refunded already.`)
  tx.refunded = true
  const end = tx.effectiveExpirationDate ?? tx.expirationDate ?? now
  tx.effectiveExpirationDate = Math.min(end, now)
  return tx
}

/** 422 unless the subscription is a Web Billing one that gives access now. */
function activeWebBilling(
  sub: SubscriptionRecord,
  action: string,
  now: number,
): RevenueCatFailure | undefined {
  if (sub.store !== 'rc_billing')
    return unprocessable(
      `Subscription "${sub.id}" is a ${sub.store} subscription; only Web Billing subscriptions can be ${action} through the API.`,
    )
  if (sub.refundedAt !== null)
    return unprocessable(`Subscription "${sub.id}" was refunded already.`)
  if (!givesAccessNow(sub, now))
    return unprocessable(
      `Subscription "${sub.id}" gives no access now (${statusNow(sub, now)}) and cannot be ${action}.`,
    )
  return undefined
}

/**
 * Cancels an active Web Billing subscription at the end of its period: it no longer renews,
 * and it ends (and access goes) when the current period does. Other stores, an expired or
 * refunded subscription and one cancelled already are 422.
 */
export function cancelSubscription(
  sub: SubscriptionRecord,
  now: number,
): SubscriptionRecord | RevenueCatFailure {
  const refused = activeWebBilling(sub, 'cancelled', now)
  if (refused !== undefined) return refused
  if (sub.autoRenewalStatus === 'will_not_renew')
    return unprocessable(`Subscription "${sub.id}" was cancelled already.`)
  sub.autoRenewalStatus = 'will_not_renew'
  sub.endsAt = sub.currentPeriodEndsAt ?? now
  sub.pendingProductId = null
  return sub
}

/**
 * Refunds the most recent payment of an active Web Billing subscription: that transaction is
 * refunded, and the subscription ends now (expired, no access, no renewal). Other stores, an
 * expired subscription, one refunded already and one with nothing paid (a free trial) are 422.
 */
export function refundSubscription(
  sub: SubscriptionRecord,
  now: number,
): SubscriptionRecord | RevenueCatFailure {
  const refused = activeWebBilling(sub, 'refunded', now)
  if (refused !== undefined) return refused
  const last = [...sub.transactions].reverse().find((t) => !t.refunded)
  if (last === undefined || last.revenue.gross === 0)
    return unprocessable(`Subscription "${sub.id}" has no paid transaction to refund.`)
  last.refunded = true
  last.effectiveExpirationDate = now
  sub.refundedAt = now
  sub.endsAt = now
  sub.currentPeriodEndsAt = now
  sub.status = 'expired'
  sub.autoRenewalStatus = 'will_not_renew'
  sub.pendingProductId = null
  return sub
}

/**
 * A single-use link to the Web Billing customer portal of a subscription
 * (`<portal>/portal/<subscription>?token=<one-time token>`). Other stores have no such portal: 400
 * `invalid_request` (the operation documents no 422).
 */
export function authenticatedManagementUrl(
  sub: SubscriptionRecord,
  ids: Ids,
): string | RevenueCatFailure {
  if (sub.store !== 'rc_billing')
    return revenuecatFailure(
      400,
      'invalid_request',
      `Subscription "${sub.id}" is a ${sub.store} subscription; only Web Billing subscriptions have a customer portal.`,
    )
  return `${BILLING_PORTAL_ORIGIN}/portal/${encodeURIComponent(sub.id)}?token=${ids.token('rcbpt')}`
}
