/**
 * The project data of a seed file: catalog and customers, with every time written relative to
 * the sandbox's clock when it starts (`"-30d"`, `"+2h"`, `"now"`), so a seeded subscription is as
 * active under `--real-clock` as on the fixed clock. Customers may be listed one by one or made in
 * bulk (`bulkCustomers`), to give list-customers several pages.
 */
import { HarnessError } from '../../../errors.ts'
import { recordChange } from './audit.ts'
import {
  type AppRecord,
  type AutoRenewalStatus,
  type CustomerRecord,
  type Environment,
  type InvoiceRecord,
  newCustomer,
  type ProductType,
  type ProjectData,
  type Store,
  type SubscriptionStatus,
  usd,
} from './model.ts'

/** A time relative to the clock: `now`, or a sign, a whole number and d, h or m. */
export type SeedTime = string

/** A nullable relative time. */
type SeedTimeOrNull = SeedTime | null

export interface SeedSubscription {
  id: string
  productId: string
  startsAt: SeedTime
  currentPeriodStartsAt: SeedTime
  currentPeriodEndsAt: SeedTimeOrNull
  endsAt: SeedTimeOrNull
  status: SubscriptionStatus
  autoRenewalStatus: AutoRenewalStatus
  pendingPayment?: boolean
  presentedOfferingId?: string | null
  entitlements: string[]
  environment: Environment
  store: Store
  storeSubscriptionIdentifier: string
  pastStoreIdentifiers?: string[]
  ownership?: 'purchased' | 'family_shared'
  pendingProductId?: string | null
  country?: string | null
  /** The customer that bought it, when not the one that owns it now. */
  originalCustomerId?: string
  /** Its store transactions, oldest first; each period's price in USD. */
  transactions: Array<{
    id: string
    purchasedAt: SeedTime
    expirationDate: SeedTimeOrNull
    price: number
    refunded?: boolean
  }>
  refundedAt?: SeedTimeOrNull
  grantedEntitlementId?: string | null
}

export interface SeedPurchase {
  id: string
  productId: string
  purchasedAt: SeedTime
  price: number
  quantity?: number
  status?: 'owned' | 'refunded'
  presentedOfferingId?: string | null
  entitlements: string[]
  environment: Environment
  store: Store
  storePurchaseIdentifier: string
  ownership?: 'purchased' | 'family_shared'
  country?: string | null
}

export interface SeedInvoice {
  id: string
  issuedAt: SeedTime
  paidAt: SeedTimeOrNull
  lines: Array<{
    productIdentifier: string
    productDisplayName: string | null
    productDuration: string | null
    quantity: number
    unitPrice: number
  }>
}

export interface SeedCustomer {
  id: string
  firstSeenAt: SeedTime
  lastSeenAt?: SeedTimeOrNull
  lastSeenAppVersion?: string | null
  lastSeenCountry?: string | null
  lastSeenPlatform?: string | null
  lastSeenPlatformVersion?: string | null
  /** Name → value; each set when the customer was last seen (or first, when never since). */
  attributes?: Record<string, string>
  aliases?: string[]
  experiment?: { id: string; name: string; variant: string } | null
  offeringId?: string | null
  balances?: Record<string, number>
  subscriptions?: SeedSubscription[]
  purchases?: SeedPurchase[]
  invoices?: SeedInvoice[]
}

/** The data of one seeded project. */
export interface SeedProjectData {
  /**
   * Apps with their store details (`settings`, by the spec's field names: `bundle_id`, …) and
   * public API keys (created with the app unless given).
   */
  apps?: Array<{
    id: string
    name: string
    type: string
    createdAt: SeedTime
    settings?: Record<string, string | boolean | null>
    publicApiKeys?: Array<{ id: string; key: string; environment: Environment }>
  }>
  products?: Array<{
    id: string
    storeIdentifier: string
    type: ProductType
    appId: string
    displayName: string | null
    createdAt: SeedTime
    subscription?: {
      duration: string | null
      gracePeriodDuration: string | null
      trialDuration: string | null
    }
    isConsumable?: boolean | null
  }>
  entitlements?: Array<{
    id: string
    lookupKey: string
    displayName: string
    createdAt: SeedTime
    productIds: string[]
  }>
  offerings?: Array<{
    id: string
    lookupKey: string
    displayName: string
    isCurrent: boolean
    createdAt: SeedTime
    metadata?: Record<string, unknown> | null
  }>
  /** Packages of the offerings, each with its products (eligibility `all` unless given). */
  packages?: Array<{
    id: string
    offeringId: string
    lookupKey: string
    displayName: string
    position?: number | null
    createdAt: SeedTime
    products: Array<{ productId: string; eligibilityCriteria?: string }>
  }>
  paywalls?: Array<{
    id: string
    name: string | null
    offeringId: string
    createdAt: SeedTime
    publishedAt?: SeedTimeOrNull
    components?: Record<string, unknown> | null
  }>
  virtualCurrencies?: Array<{
    code: string
    name: string
    description: string | null
    /** When it was created (a year before the clock when not given). */
    createdAt?: SeedTime
    /** Products that grant it: `trialAmount` 0 and `expireAtCycleEnd` false when not given. */
    productGrants?: Array<{
      productIds: string[]
      amount: number
      trialAmount?: number
      expireAtCycleEnd?: boolean
    }>
  }>
  /** Webhook integrations (their authorization header is never answered back). */
  webhooks?: Array<{
    id: string
    name: string
    url: string
    environment?: Environment | null
    eventTypes?: string[] | null
    appId?: string | null
    authorizationHeader?: string | null
    createdAt: SeedTime
  }>
  collaborators?: Array<{
    id: string
    name: string | null
    email: string
    role: string
    /** When the invitation was accepted; null while it is pending. */
    acceptedAt: SeedTimeOrNull
    hasMfa: boolean
  }>
  /** The audit log's history, oldest first (an API key's changes unless `actorType` says). */
  auditLog?: Array<{
    at: SeedTime
    actorType?: 'user' | 'system' | 'api_key'
    actor: string
    action: string
    targetType: string
    targetId: string
    additionalData?: Record<string, unknown>
  }>
  customers?: SeedCustomer[]
  /** `count` plain customers `<prefix>001`…, first seen a minute apart, to fill pages. */
  bulkCustomers?: { prefix: string; count: number; firstSeenAt: SeedTime }
}

const UNIT_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000 }

/** A relative seed time as ms since the epoch. */
export function seedTime(value: SeedTime, now: number): number {
  if (value === 'now') return now
  const match = /^([+-])(\d+)([dhm])$/.exec(value)
  if (match === null)
    throw new HarnessError(
      'SANDBOX_INTERNAL',
      `Failed to seed the RevenueCat sandbox: "${value}" is not a seed time.`,
      { hint: 'write times as "now" or a sign, a whole number and d, h or m ("-30d", "+2h").' },
    )
  const [, sign, amount, unit] = match
  return now + (sign === '-' ? -1 : 1) * Number(amount) * (UNIT_MS[unit as string] as number)
}

function timeOrNull(value: SeedTimeOrNull | undefined, now: number): number | null {
  return value === null || value === undefined ? null : seedTime(value, now)
}

/** Fills `data` from a seed's project data, at `now`. */
export function loadProjectData(data: ProjectData, seed: SeedProjectData, now: number): void {
  const t = (value: SeedTime) => seedTime(value, now)
  for (const app of seed.apps ?? []) {
    const record: AppRecord = {
      id: app.id,
      name: app.name,
      type: app.type,
      createdAt: t(app.createdAt),
      settings: { ...app.settings },
      secrets: {},
    }
    data.apps.set(app.id, record)
    for (const key of app.publicApiKeys ?? [])
      data.publicApiKeys.set(key.id, { ...key, appId: app.id, createdAt: record.createdAt })
  }
  for (const p of seed.products ?? [])
    data.products.set(p.id, {
      id: p.id,
      storeIdentifier: p.storeIdentifier,
      type: p.type,
      appId: p.appId,
      displayName: p.displayName,
      createdAt: t(p.createdAt),
      subscription: p.subscription ?? null,
      oneTime: p.type === 'subscription' ? null : { isConsumable: p.isConsumable ?? null },
    })
  for (const e of seed.entitlements ?? [])
    data.entitlements.set(e.id, { ...e, createdAt: t(e.createdAt), productIds: [...e.productIds] })
  for (const o of seed.offerings ?? [])
    data.offerings.set(o.id, { ...o, createdAt: t(o.createdAt), metadata: o.metadata ?? null })
  for (const p of seed.packages ?? [])
    data.packages.set(p.id, {
      ...p,
      position: p.position ?? null,
      createdAt: t(p.createdAt),
      products: p.products.map((x) => ({
        productId: x.productId,
        eligibilityCriteria: x.eligibilityCriteria ?? 'all',
      })),
    })
  for (const w of seed.paywalls ?? [])
    data.paywalls.set(w.id, {
      ...w,
      createdAt: t(w.createdAt),
      publishedAt: timeOrNull(w.publishedAt, now),
      components: w.components ?? null,
    })
  for (const vc of seed.virtualCurrencies ?? [])
    data.virtualCurrencies.set(vc.code, {
      code: vc.code,
      name: vc.name,
      description: vc.description,
      createdAt: t(vc.createdAt ?? '-365d'),
      productGrants: (vc.productGrants ?? []).map((g) => ({
        productIds: [...g.productIds],
        amount: g.amount,
        trialAmount: g.trialAmount ?? 0,
        expireAtCycleEnd: g.expireAtCycleEnd ?? false,
      })),
    })
  for (const w of seed.webhooks ?? [])
    data.webhooks.set(w.id, {
      id: w.id,
      name: w.name,
      url: w.url,
      environment: w.environment ?? null,
      eventTypes: w.eventTypes ?? null,
      appId: w.appId ?? null,
      authorizationHeader: w.authorizationHeader ?? null,
      createdAt: t(w.createdAt),
    })
  for (const p of seed.collaborators ?? [])
    data.collaborators.set(p.id, { ...p, acceptedAt: timeOrNull(p.acceptedAt, now) })
  for (const e of seed.auditLog ?? [])
    recordChange(
      data,
      {
        action: e.action,
        targetType: e.targetType,
        targetId: e.targetId,
        additionalData: e.additionalData ?? {},
      },
      { actor: e.actor, now: t(e.at), actorType: e.actorType ?? 'api_key' },
    )
  for (const c of seed.customers ?? []) loadCustomer(data, c, now)
  const bulk = seed.bulkCustomers
  if (bulk !== undefined) {
    const first = t(bulk.firstSeenAt)
    for (let i = 1; i <= bulk.count; i += 1) {
      const id = `${bulk.prefix}${String(i).padStart(3, '0')}`
      data.customers.set(id, newCustomer(id, first + i * 60_000))
    }
  }
}

function loadCustomer(data: ProjectData, c: SeedCustomer, now: number): void {
  const t = (value: SeedTime) => seedTime(value, now)
  const customer: CustomerRecord = newCustomer(c.id, t(c.firstSeenAt))
  customer.lastSeenAt = timeOrNull(c.lastSeenAt, now)
  customer.lastSeenAppVersion = c.lastSeenAppVersion ?? null
  customer.lastSeenCountry = c.lastSeenCountry ?? null
  customer.lastSeenPlatform = c.lastSeenPlatform ?? null
  customer.lastSeenPlatformVersion = c.lastSeenPlatformVersion ?? null
  const setAt = customer.lastSeenAt ?? customer.firstSeenAt
  for (const [name, value] of Object.entries(c.attributes ?? {}))
    customer.attributes.set(name, { value, updatedAt: setAt })
  customer.aliases = (c.aliases ?? []).map((id) => ({ id, createdAt: customer.firstSeenAt }))
  customer.experiment = c.experiment ?? null
  customer.offeringId = c.offeringId ?? null
  for (const [code, balance] of Object.entries(c.balances ?? {}))
    customer.balances.set(code, balance)
  customer.invoices = (c.invoices ?? []).map(
    (inv): InvoiceRecord => ({
      id: inv.id,
      issuedAt: t(inv.issuedAt),
      paidAt: timeOrNull(inv.paidAt, now),
      total: usd(inv.lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0)),
      lines: inv.lines.map((l) => ({
        productIdentifier: l.productIdentifier,
        productDisplayName: l.productDisplayName,
        productDuration: l.productDuration,
        quantity: l.quantity,
        unitAmount: usd(l.unitPrice),
      })),
    }),
  )
  data.customers.set(customer.id, customer)

  for (const s of c.subscriptions ?? []) {
    const product = data.products.get(s.productId)
    data.subscriptions.set(s.id, {
      id: s.id,
      customerId: c.id,
      originalCustomerId: s.originalCustomerId ?? c.id,
      productId: s.productId,
      startsAt: t(s.startsAt),
      currentPeriodStartsAt: t(s.currentPeriodStartsAt),
      currentPeriodEndsAt: timeOrNull(s.currentPeriodEndsAt, now),
      endsAt: timeOrNull(s.endsAt, now),
      status: s.status,
      autoRenewalStatus: s.autoRenewalStatus,
      pendingPayment: s.pendingPayment ?? false,
      presentedOfferingId: s.presentedOfferingId ?? null,
      entitlementIds: [...s.entitlements],
      environment: s.environment,
      store: s.store,
      storeSubscriptionIdentifier: s.storeSubscriptionIdentifier,
      pastStoreIdentifiers: s.pastStoreIdentifiers ?? [],
      ownership: s.ownership ?? 'purchased',
      pendingProductId: s.pendingProductId ?? null,
      country: s.country ?? null,
      transactions: s.transactions.map((tx) => {
        const expirationDate = timeOrNull(tx.expirationDate, now)
        return {
          id: tx.id,
          purchasedAt: t(tx.purchasedAt),
          productStoreIdentifier: product?.storeIdentifier ?? s.productId,
          expirationDate,
          effectiveExpirationDate:
            expirationDate !== null && expirationDate <= now ? expirationDate : null,
          refunded: tx.refunded ?? false,
          revenue: usd(tx.price),
        }
      }),
      refundedAt: timeOrNull(s.refundedAt, now),
      grantedEntitlementId: s.grantedEntitlementId ?? null,
    })
  }
  for (const p of c.purchases ?? [])
    data.purchases.set(p.id, {
      id: p.id,
      customerId: c.id,
      originalCustomerId: c.id,
      productId: p.productId,
      purchasedAt: t(p.purchasedAt),
      revenue: usd(p.price),
      quantity: p.quantity ?? 1,
      status: p.status ?? 'owned',
      presentedOfferingId: p.presentedOfferingId ?? null,
      entitlementIds: [...p.entitlements],
      environment: p.environment,
      store: p.store,
      storePurchaseIdentifier: p.storePurchaseIdentifier,
      ownership: p.ownership ?? 'purchased',
      country: p.country ?? null,
    })
}

/** What is wrong with a seeded project's references, or undefined. */
export function projectDataProblem(data: ProjectData): string | undefined {
  for (const p of data.products.values())
    if (!data.apps.has(p.appId))
      return `product "${p.id}" names app "${p.appId}", which is not seeded`
  for (const e of data.entitlements.values()) {
    const missing = e.productIds.find((id) => !data.products.has(id))
    if (missing !== undefined)
      return `entitlement "${e.id}" names product "${missing}", which is not seeded`
  }
  const owned = [...data.subscriptions.values(), ...data.purchases.values()]
  for (const item of owned) {
    // A grant's promotional subscription names a product of its own (`rc_promo_<lookup key>`).
    if (item.store !== 'promotional' && !data.products.has(item.productId))
      return `"${item.id}" names product "${item.productId}", which is not seeded`
    const missing = item.entitlementIds.find((id) => !data.entitlements.has(id))
    if (missing !== undefined)
      return `"${item.id}" names entitlement "${missing}", which is not seeded`
  }
  for (const vc of data.virtualCurrencies.values()) {
    const missing = vc.productGrants
      .flatMap((g) => g.productIds)
      .find((id) => !data.products.has(id))
    if (missing !== undefined)
      return `virtual currency "${vc.code}" is granted by product "${missing}", which is not seeded`
  }
  for (const w of data.webhooks.values())
    if (w.appId !== null && !data.apps.has(w.appId))
      return `webhook "${w.id}" names app "${w.appId}", which is not seeded`
  for (const c of data.customers.values()) {
    const unknown = [...c.balances.keys()].find((code) => !data.virtualCurrencies.has(code))
    if (unknown !== undefined)
      return `customer "${c.id}" holds "${unknown}", which is not a seeded currency`
  }
  return undefined
}
