/**
 * How subscriptions and purchases come to exist in the sandbox outside the seed: a store
 * purchase, as an SDK or a Web Billing checkout would record it. No v2 operation creates one
 * (only a grant's promotional subscription), so suites make them through the sandbox's control
 * routes (`/__sandbox/projects/{project_id}/customers/{customer_id}/subscriptions|purchases`).
 */
import type { Ids } from '../../../sandbox/ids.ts'
import {
  type AutoRenewalStatus,
  type CustomerRecord,
  type Environment,
  type ProjectData,
  type PurchaseRecord,
  type Store,
  type SubscriptionRecord,
  type SubscriptionStatus,
  usd,
} from './model.ts'

const DAY_MS = 86_400_000

/** An id in RevenueCat's style: a prefix and 14 hex digits, no separator (`sub1a2b3c…`). */
export function newId(ids: Ids, prefix: string): string {
  return `${prefix}${ids.token('x').slice(2, 16)}`
}

/** What a simulated store subscription starts with. */
export interface SubscriptionInput {
  productId: string
  store?: Store
  status?: SubscriptionStatus
  autoRenewalStatus?: AutoRenewalStatus
  environment?: Environment
  /** The length of each billing period in days (30 by default). */
  periodDays?: number
  /** Periods already paid, the current one included (1 by default). */
  periods?: number
  /** The price of one period in USD. */
  price?: number
  presentedOfferingId?: string | null
  country?: string | null
  ownership?: 'purchased' | 'family_shared'
  /** A product change scheduled for the next period. */
  pendingProductId?: string | null
  /**
   * The subscription ended a day ago (its last period is over and it will not renew): it is
   * `expired` on the clock, whatever status the store last reported.
   */
  ended?: boolean
}

function storeIdentifier(store: Store, id: string): string {
  switch (store) {
    case 'play_store':
      return `GPA.${id}`
    case 'app_store':
    case 'mac_app_store':
      return `2000${id.slice(-12)}`
    case 'stripe':
      return `sub_${id}`
    case 'amazon':
      return `amzn1.${id}`
    default:
      return `rcb_${id}`
  }
}

/** The entitlements a product unlocks: every entitlement it is attached to. */
export function entitlementsOfProduct(project: ProjectData, productId: string): string[] {
  return [...project.entitlements.values()]
    .filter((e) => e.productIds.includes(productId))
    .map((e) => e.id)
}

/**
 * Records a subscription the customer bought now (its first period started `periods - 1`
 * periods ago), with one store transaction per period and, for Web Billing, one paid invoice per
 * period. Undefined when the project has no such product.
 */
export function simulateSubscription(
  project: ProjectData,
  customer: CustomerRecord,
  input: SubscriptionInput,
  now: number,
  ids: Ids,
): SubscriptionRecord | undefined {
  const product = project.products.get(input.productId)
  if (product === undefined) return undefined
  const store = input.store ?? 'rc_billing'
  const period = (input.periodDays ?? 30) * DAY_MS
  const periods = Math.max(1, input.periods ?? 1)
  const price = input.price ?? 9.99
  const id = newId(ids, 'sub')
  const currentStart = input.ended === true ? now - DAY_MS - period : now
  const startsAt = currentStart - (periods - 1) * period
  const sub: SubscriptionRecord = {
    id,
    customerId: customer.id,
    originalCustomerId: customer.id,
    productId: product.id,
    startsAt,
    currentPeriodStartsAt: currentStart,
    currentPeriodEndsAt: currentStart + period,
    endsAt: input.ended === true ? currentStart + period : null,
    status: input.status ?? 'active',
    autoRenewalStatus:
      input.autoRenewalStatus ?? (input.ended === true ? 'will_not_renew' : 'will_renew'),
    pendingPayment: false,
    presentedOfferingId: input.presentedOfferingId ?? null,
    entitlementIds: entitlementsOfProduct(project, product.id),
    environment: input.environment ?? 'sandbox',
    store,
    storeSubscriptionIdentifier: storeIdentifier(store, id),
    pastStoreIdentifiers: [],
    ownership: input.ownership ?? 'purchased',
    pendingProductId: input.pendingProductId ?? null,
    country: input.country ?? null,
    transactions: Array.from({ length: periods }, (_, i) => ({
      id: `${id}-tx${String(i).padStart(2, '0')}`,
      purchasedAt: startsAt + i * period,
      productStoreIdentifier: product.storeIdentifier,
      expirationDate: startsAt + (i + 1) * period,
      effectiveExpirationDate:
        i < periods - 1 || input.ended === true ? startsAt + (i + 1) * period : null,
      refunded: false,
      revenue: usd(input.status === 'trialing' ? 0 : price),
    })),
    refundedAt: null,
    grantedEntitlementId: null,
  }
  project.subscriptions.set(id, sub)
  if (store === 'rc_billing' || store === 'stripe')
    for (const tx of sub.transactions)
      customer.invoices.push({
        id: newId(ids, 'rcbin'),
        issuedAt: tx.purchasedAt,
        paidAt: tx.purchasedAt,
        total: tx.revenue,
        lines: [
          {
            productIdentifier: product.storeIdentifier,
            productDisplayName: product.displayName,
            productDuration: product.subscription?.duration ?? null,
            quantity: 1,
            unitAmount: tx.revenue,
          },
        ],
      })
  return sub
}

/** What a simulated one-time purchase is. */
export interface PurchaseInput {
  productId: string
  store?: Store
  environment?: Environment
  price?: number
  quantity?: number
  presentedOfferingId?: string | null
  country?: string | null
  ownership?: 'purchased' | 'family_shared'
}

/** Records a one-time purchase made now. Undefined when the project has no such product. */
export function simulatePurchase(
  project: ProjectData,
  customer: CustomerRecord,
  input: PurchaseInput,
  now: number,
  ids: Ids,
): PurchaseRecord | undefined {
  const product = project.products.get(input.productId)
  if (product === undefined) return undefined
  const store = input.store ?? 'rc_billing'
  const id = newId(ids, 'purch')
  const purchase: PurchaseRecord = {
    id,
    customerId: customer.id,
    originalCustomerId: customer.id,
    productId: product.id,
    purchasedAt: now,
    revenue: usd(input.price ?? 4.99),
    quantity: input.quantity ?? 1,
    status: 'owned',
    presentedOfferingId: input.presentedOfferingId ?? null,
    entitlementIds: entitlementsOfProduct(project, product.id),
    environment: input.environment ?? 'sandbox',
    store,
    storePurchaseIdentifier: storeIdentifier(store, id),
    ownership: input.ownership ?? 'purchased',
    country: input.country ?? null,
  }
  project.purchases.set(id, purchase)
  if (store === 'rc_billing')
    customer.invoices.push({
      id: newId(ids, 'rcbin'),
      issuedAt: now,
      paidAt: now,
      total: purchase.revenue,
      lines: [
        {
          productIdentifier: product.storeIdentifier,
          productDisplayName: product.displayName,
          productDuration: null,
          quantity: purchase.quantity,
          unitAmount: purchase.revenue,
        },
      ],
    })
  return purchase
}
