/**
 * What one RevenueCat project holds, free of HTTP and of wire shapes: its catalog (apps, products,
 * entitlements, offerings, virtual currencies; seeded here, their CRUD comes with the project
 * configuration operations) and its customers with what they own. Times are ms since the epoch,
 * always read from the sandbox's injected clock by the caller.
 */

export type Store =
  | 'amazon'
  | 'app_store'
  | 'mac_app_store'
  | 'play_store'
  | 'promotional'
  | 'stripe'
  | 'rc_billing'
export type Environment = 'production' | 'sandbox'
export type ProductType =
  | 'subscription'
  | 'one_time'
  | 'consumable'
  | 'non_consumable'
  | 'non_renewing_subscription'
export type AutoRenewalStatus =
  | 'will_renew'
  | 'will_not_renew'
  | 'will_change_product'
  | 'will_pause'
  | 'requires_price_increase_consent'
  | 'has_already_renewed'
export type SubscriptionStatus =
  | 'trialing'
  | 'active'
  | 'expired'
  | 'in_grace_period'
  | 'in_billing_retry'
  | 'paused'
  | 'unknown'
  | 'incomplete'

/** An amount in USD, the spec's MonetaryAmount. */
export interface Money {
  currency: string
  gross: number
  commission: number
  tax: number
  proceeds: number
}

export interface AppRecord {
  id: string
  name: string
  /** The store type (`app_store`, `play_store`, `stripe`, `rc_billing`, `amazon`, …). */
  type: string
  createdAt: number
  /**
   * The store's own details (apps.ts): the fields the spec's App shows under the object named
   * by `type` (`bundle_id`, `package_name`, `default_currency`, …), by their spec names, which
   * views.ts answers as they are. Absent: none.
   */
  settings?: Record<string, string | boolean | null>
  /**
   * Credentials create-app and update-app took (shared secrets, in-app keys, API keys), by their
   * spec names: kept, never answered back (S-31).
   */
  secrets?: Record<string, string>
}

export interface ProductRecord {
  id: string
  storeIdentifier: string
  type: ProductType
  appId: string
  displayName: string | null
  createdAt: number
  /** ISO 8601 durations of a subscription product; null for other types. */
  subscription: {
    duration: string | null
    gracePeriodDuration: string | null
    trialDuration: string | null
  } | null
  /** Whether a one-time product is consumable; null for subscriptions. */
  oneTime: { isConsumable: boolean | null } | null
  /** The store product create-product-in-store made for it (S-34); absent until then. */
  storeProduct?: { id: string; name: string | null }
}

export interface EntitlementRecord {
  id: string
  lookupKey: string
  displayName: string
  createdAt: number
  productIds: string[]
}

export interface OfferingRecord {
  id: string
  lookupKey: string
  displayName: string
  isCurrent: boolean
  createdAt: number
  /** Custom metadata, kept as given (free-form); null or absent when none was set. */
  metadata?: Record<string, unknown> | null
}

/** How buying one of `productIds` grants a currency (the spec's VirtualCurrencyProductGrant). */
export interface VirtualCurrencyProductGrantRecord {
  productIds: string[]
  amount: number
  trialAmount: number
  expireAtCycleEnd: boolean
}

export interface VirtualCurrencyRecord {
  code: string
  name: string
  description: string | null
  createdAt: number
  /** The products that grant this currency; empty when none does. */
  productGrants: VirtualCurrencyProductGrantRecord[]
}

/** A product of a package, with who may buy it there (the spec's eligibility criteria). */
export interface PackageProductRecord {
  productId: string
  eligibilityCriteria: string
}

/** A package of an offering: its products in the order they were attached. */
export interface PackageRecord {
  id: string
  offeringId: string
  lookupKey: string
  displayName: string
  position: number | null
  createdAt: number
  products: PackageProductRecord[]
}

/** A paywall shows one offering; `components` is its (opaque) layout, kept as given. */
export interface PaywallRecord {
  id: string
  name: string | null
  offeringId: string
  createdAt: number
  publishedAt: number | null
  components: Record<string, unknown> | null
}

/** A webhook integration. The sandbox never calls its URL. */
export interface WebhookRecord {
  id: string
  name: string
  url: string
  environment: Environment | null
  eventTypes: string[] | null
  appId: string | null
  /** The Authorization header value RevenueCat would send; a secret, never answered back. */
  authorizationHeader: string | null
  createdAt: number
}

/** A public (SDK) API key of an app. */
export interface PublicApiKeyRecord {
  id: string
  key: string
  appId: string
  environment: Environment
  createdAt: number
}

export interface CollaboratorRecord {
  id: string
  name: string | null
  email: string
  role: string
  acceptedAt: number | null
  hasMfa: boolean
}

/** One configuration change, as list-audit-logs answers it (audit.ts records them). */
export interface AuditLogRecord {
  id: string
  actionType: string
  targetType: string
  targetIdentifier: string
  actorType: 'user' | 'system' | 'api_key'
  actorIdentifier: string
  occurredAt: number
  additionalData: Record<string, unknown>
}

/** A customer the project blocked (the beta blocked-customer operations). */
export interface BlockedCustomerRecord {
  customerId: string
  blockedAt: number
}

/** One store transaction (one billing period) of a subscription. */
export interface TransactionRecord {
  id: string
  purchasedAt: number
  productStoreIdentifier: string
  expirationDate: number | null
  /** When access really ended for this period (a refund shortens it); null while it runs. */
  effectiveExpirationDate: number | null
  /** Whether the transaction was refunded (refund-play-store-subscription-transaction). */
  refunded: boolean
  revenue: Money
}

export interface SubscriptionRecord {
  id: string
  /** The customer that owns it now (a transfer changes it). */
  customerId: string
  /** The customer that bought it. */
  originalCustomerId: string
  productId: string
  startsAt: number
  currentPeriodStartsAt: number
  currentPeriodEndsAt: number | null
  endsAt: number | null
  /**
   * The status the store reported. `trialing` and `active` become `expired` on the clock once
   * the period ends without renewal (views.ts); the others are kept as they are.
   */
  status: SubscriptionStatus
  autoRenewalStatus: AutoRenewalStatus
  pendingPayment: boolean
  presentedOfferingId: string | null
  entitlementIds: string[]
  environment: Environment
  store: Store
  storeSubscriptionIdentifier: string
  /** Earlier store identifiers (past periods), which search-subscriptions also finds. */
  pastStoreIdentifiers: string[]
  ownership: 'purchased' | 'family_shared'
  /** A product change scheduled for the next period, or null. */
  pendingProductId: string | null
  country: string | null
  transactions: TransactionRecord[]
  /** Set when the whole subscription was refunded (refund-subscription). */
  refundedAt: number | null
  /** The entitlement a grant created this promotional subscription for, when it did. */
  grantedEntitlementId: string | null
}

export interface PurchaseRecord {
  id: string
  customerId: string
  originalCustomerId: string
  productId: string
  purchasedAt: number
  revenue: Money
  quantity: number
  status: 'owned' | 'refunded'
  presentedOfferingId: string | null
  entitlementIds: string[]
  environment: Environment
  store: Store
  storePurchaseIdentifier: string
  ownership: 'purchased' | 'family_shared'
  country: string | null
}

export interface InvoiceLine {
  productIdentifier: string
  productDisplayName: string | null
  productDuration: string | null
  quantity: number
  unitAmount: Money
}

export interface InvoiceRecord {
  id: string
  issuedAt: number
  paidAt: number | null
  total: Money
  lines: InvoiceLine[]
}

export interface AttributeRecord {
  value: string | null
  updatedAt: number
}

/** A remembered idempotent virtual currency request: its body and its answer. */
export interface IdempotentResult {
  operationId: string
  body: string
  balances: Map<string, number>
}

export interface CustomerRecord {
  id: string
  firstSeenAt: number
  lastSeenAt: number | null
  lastSeenAppVersion: string | null
  lastSeenCountry: string | null
  lastSeenPlatform: string | null
  lastSeenPlatformVersion: string | null
  /** Custom and reserved (`$email`) attributes by name, in the order they were first set. */
  attributes: Map<string, AttributeRecord>
  /** Other ids this customer is known by (the SDK's anonymous ids), oldest first. */
  aliases: Array<{ id: string; createdAt: number }>
  experiment: { id: string; name: string; variant: string } | null
  /** The offering override assign-customer-offering set, or null. */
  offeringId: string | null
  invoices: InvoiceRecord[]
  /** Virtual currency balances by currency code. */
  balances: Map<string, number>
  /** Idempotency-Key → the request it answered. */
  idempotency: Map<string, IdempotentResult>
}

/** Everything one project holds. */
export interface ProjectData {
  apps: Map<string, AppRecord>
  products: Map<string, ProductRecord>
  entitlements: Map<string, EntitlementRecord>
  offerings: Map<string, OfferingRecord>
  virtualCurrencies: Map<string, VirtualCurrencyRecord>
  /** Packages by id, in creation order; each names its offering. */
  packages: Map<string, PackageRecord>
  paywalls: Map<string, PaywallRecord>
  webhooks: Map<string, WebhookRecord>
  publicApiKeys: Map<string, PublicApiKeyRecord>
  collaborators: Map<string, CollaboratorRecord>
  /** Configuration changes, oldest first (audit.ts). */
  auditLogs: AuditLogRecord[]
  /** Blocked customers by customer id, in the order they were blocked. */
  blockedCustomers: Map<string, BlockedCustomerRecord>
  /**
   * Where deleted items stood (`removeFrom`): a deleted id → the id before it in its list when
   * it went (null: it was first). A page cursor naming a deleted item resumes there, so a list
   * walked while other clients delete does not break (lists here are in creation order).
   */
  removed: Map<string, string | null>
  /** Customers by id, in creation order (the order list-customers pages through). */
  customers: Map<string, CustomerRecord>
  subscriptions: Map<string, SubscriptionRecord>
  purchases: Map<string, PurchaseRecord>
  /** Customers a write is holding (423 resource_locked_error for other writes to them). */
  locked: Set<string>
}

/** An empty project. */
export function createProjectData(): ProjectData {
  return {
    apps: new Map(),
    products: new Map(),
    entitlements: new Map(),
    offerings: new Map(),
    virtualCurrencies: new Map(),
    packages: new Map(),
    paywalls: new Map(),
    webhooks: new Map(),
    publicApiKeys: new Map(),
    collaborators: new Map(),
    auditLogs: [],
    blockedCustomers: new Map(),
    removed: new Map(),
    customers: new Map(),
    subscriptions: new Map(),
    purchases: new Map(),
    locked: new Set(),
  }
}

/** A new customer, first seen now, with nothing else known about it. */
export function newCustomer(id: string, now: number): CustomerRecord {
  return {
    id,
    firstSeenAt: now,
    lastSeenAt: null,
    lastSeenAppVersion: null,
    lastSeenCountry: null,
    lastSeenPlatform: null,
    lastSeenPlatformVersion: null,
    attributes: new Map(),
    aliases: [],
    experiment: null,
    offeringId: null,
    invoices: [],
    balances: new Map(),
    idempotency: new Map(),
  }
}

/** An amount in USD, with the store commission (15%) and tax (10%) the sandbox assumes. */
export function usd(gross: number): Money {
  const commission = Math.round(gross * 0.15 * 100) / 100
  const tax = Math.round(gross * 0.1 * 100) / 100
  return {
    currency: 'USD',
    gross,
    commission,
    tax,
    proceeds: Math.round((gross - commission - tax) * 100) / 100,
  }
}

/** The subscriptions a customer owns now, oldest first. */
export function subscriptionsOf(project: ProjectData, customerId: string): SubscriptionRecord[] {
  return [...project.subscriptions.values()].filter((s) => s.customerId === customerId)
}

/** The one-time purchases a customer owns now, oldest first. */
export function purchasesOf(project: ProjectData, customerId: string): PurchaseRecord[] {
  return [...project.purchases.values()].filter((p) => p.customerId === customerId)
}

/**
 * Deletes `id` from one of the project's lists (a Map in list order), remembering where it stood
 * for page cursors that name it (ProjectData.removed).
 */
export function removeFrom<V>(project: ProjectData, list: Map<string, V>, id: string): void {
  if (!list.has(id)) return
  let before: string | null = null
  for (const key of list.keys()) {
    if (key === id) break
    before = key
  }
  project.removed.set(id, before)
  list.delete(id)
}

/**
 * The id a page cursor stands for: itself while its item is listed; for a deleted item, the
 * nearest item before it that is still listed (null: the list's start); undefined for an id the
 * list never held.
 */
export function cursorOf(
  project: ProjectData,
  listed: (id: string) => boolean,
  id: string,
): string | null | undefined {
  let at: string | null | undefined = id
  const seen = new Set<string>()
  while (at !== null && at !== undefined && !listed(at)) {
    if (seen.has(at)) return undefined
    seen.add(at)
    at = project.removed.has(at) ? (project.removed.get(at) ?? null) : undefined
  }
  return at
}
