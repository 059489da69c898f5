/**
 * What the clock makes of the records (a subscription's status and access now, a customer's
 * active entitlements) and the wire shapes of RevenueCat's objects: the one place that turns
 * model.ts records into the spec's JSON. Paths in `url` fields are relative and start with `/v2`,
 * with every id percent-encoded (a customer id may hold `$`, `:`, spaces, slashes or unicode).
 */
import type {
  AppRecord,
  AuditLogRecord,
  CollaboratorRecord,
  CustomerRecord,
  EntitlementRecord,
  InvoiceRecord,
  Money,
  OfferingRecord,
  PackageRecord,
  PaywallRecord,
  ProductRecord,
  ProjectData,
  PublicApiKeyRecord,
  PurchaseRecord,
  SubscriptionRecord,
  SubscriptionStatus,
  TransactionRecord,
  VirtualCurrencyProductGrantRecord,
  VirtualCurrencyRecord,
  WebhookRecord,
} from './model.ts'
import { purchasesOf, subscriptionsOf, usd } from './model.ts'
import type { ProjectRecord } from './state.ts'

/** `/v2/projects/<project>` and each further segment percent-encoded. */
export function apiPath(projectId: string, ...segments: string[]): string {
  return ['/v2/projects', projectId, ...segments]
    .map((s, i) => (i === 0 ? s : encodeURIComponent(s)))
    .join('/')
}

/** A subscription's status now: a period that ended without renewal has expired. */
export function statusNow(sub: SubscriptionRecord, now: number): SubscriptionStatus {
  if (sub.refundedAt !== null) return 'expired'
  if (sub.endsAt !== null && sub.endsAt <= now) return 'expired'
  return sub.status
}

/** Whether a subscription gives access to its entitlements now. */
export function givesAccessNow(sub: SubscriptionRecord, now: number): boolean {
  const status = statusNow(sub, now)
  return status === 'trialing' || status === 'active' || status === 'in_grace_period'
}

/** One active entitlement of a customer: until when (null: no end). */
export interface ActiveEntitlement {
  entitlementId: string
  expiresAt: number | null
}

/**
 * A customer's active entitlements now, in the project's entitlement order: what its
 * subscriptions giving access and its owned purchases unlock. A purchase unlocks with no end; a
 * subscription until it ends (or its period, while it renews). The latest end wins.
 */
export function activeEntitlements(
  project: ProjectData,
  customerId: string,
  now: number,
): ActiveEntitlement[] {
  const ends = new Map<string, number | null>()
  const grant = (id: string, until: number | null) => {
    if (!ends.has(id)) ends.set(id, until)
    else {
      const current = ends.get(id) ?? null
      ends.set(id, current === null || until === null ? null : Math.max(current, until))
    }
  }
  for (const sub of subscriptionsOf(project, customerId)) {
    if (!givesAccessNow(sub, now)) continue
    for (const id of sub.entitlementIds) grant(id, sub.endsAt ?? sub.currentPeriodEndsAt)
  }
  for (const purchase of purchasesOf(project, customerId)) {
    if (purchase.status !== 'owned') continue
    for (const id of purchase.entitlementIds) grant(id, null)
  }
  const order = [...project.entitlements.keys()]
  return [...ends]
    .map(([entitlementId, expiresAt]) => ({ entitlementId, expiresAt }))
    .sort((a, b) => order.indexOf(a.entitlementId) - order.indexOf(b.entitlementId))
}

/** The wire list around items that are all there is (no further page). */
export function inlineList<T>(items: T[], url: string) {
  return { object: 'list' as const, items, next_page: null, url }
}

export function moneyWire(money: Money) {
  return { ...money }
}

export function activeEntitlementWire(entry: ActiveEntitlement) {
  return {
    object: 'customer.active_entitlement' as const,
    entitlement_id: entry.entitlementId,
    expires_at: entry.expiresAt,
  }
}

export function attributeWire(
  name: string,
  attribute: { value: string | null; updatedAt: number },
) {
  return {
    object: 'customer.attribute' as const,
    name,
    value: attribute.value,
    updated_at: attribute.updatedAt,
  }
}

/** A customer's attributes, in the order they were first set. */
export function attributesOf(customer: CustomerRecord) {
  return [...customer.attributes].map(([name, attribute]) => attributeWire(name, attribute))
}

/** A customer's aliases: its own id first (since it was first seen), then the others. */
export function aliasesOf(customer: CustomerRecord) {
  return [{ id: customer.id, createdAt: customer.firstSeenAt }, ...customer.aliases].map((a) => ({
    object: 'customer.alias' as const,
    id: a.id,
    created_at: a.createdAt,
  }))
}

/**
 * A customer. `attributes` is an expandable field: it is in the answer only when asked for
 * (`expand=attributes`), and `active_entitlements` always is, all of them inline.
 */
export function customerWire(
  projectId: string,
  project: ProjectData,
  customer: CustomerRecord,
  now: number,
  options: { expandAttributes?: boolean } = {},
) {
  const body: Record<string, unknown> = {
    object: 'customer',
    id: customer.id,
    project_id: projectId,
    first_seen_at: customer.firstSeenAt,
    last_seen_at: customer.lastSeenAt,
    last_seen_app_version: customer.lastSeenAppVersion,
    last_seen_country: customer.lastSeenCountry,
    last_seen_platform: customer.lastSeenPlatform,
    last_seen_platform_version: customer.lastSeenPlatformVersion,
    active_entitlements: inlineList(
      activeEntitlements(project, customer.id, now).map(activeEntitlementWire),
      apiPath(projectId, 'customers', customer.id, 'active_entitlements'),
    ),
    experiment:
      customer.experiment === null
        ? null
        : { object: 'experiment_enrollment', ...customer.experiment },
  }
  if (options.expandAttributes === true)
    body.attributes = inlineList(
      attributesOf(customer),
      apiPath(projectId, 'customers', customer.id, 'attributes'),
    )
  return body
}

/**
 * An entitlement. Its `products` is expandable: given `expand` (the project, for get-entitlement's
 * `expand=product` and list-entitlements' `items.product`), it lists the attached products the
 * project has, all inline; without it the field is absent (S-20).
 */
export function entitlementWire(
  projectId: string,
  entitlement: EntitlementRecord,
  expand?: ProjectData,
) {
  const body = {
    object: 'entitlement' as const,
    project_id: projectId,
    id: entitlement.id,
    lookup_key: entitlement.lookupKey,
    display_name: entitlement.displayName,
    created_at: entitlement.createdAt,
  }
  if (expand === undefined) return body
  return {
    ...body,
    products: inlineList(
      entitlementProducts(expand, entitlement).map(productWire),
      apiPath(projectId, 'entitlements', entitlement.id, 'products'),
    ),
  }
}

/** The entitlements of a list of ids that the project still has, in the given order. */
export function entitlementsWire(projectId: string, project: ProjectData, ids: readonly string[]) {
  return ids
    .map((id) => project.entitlements.get(id))
    .filter((e): e is EntitlementRecord => e !== undefined)
    .map((e) => entitlementWire(projectId, e))
}

/** A product (its `app` is expandable, and only in the project configuration reads). */
export function productWire(product: ProductRecord) {
  return {
    object: 'product' as const,
    id: product.id,
    store_identifier: product.storeIdentifier,
    type: product.type,
    subscription:
      product.subscription === null
        ? null
        : {
            duration: product.subscription.duration,
            grace_period_duration: product.subscription.gracePeriodDuration,
            trial_duration: product.subscription.trialDuration,
          },
    one_time: product.oneTime === null ? null : { is_consumable: product.oneTime.isConsumable },
    created_at: product.createdAt,
    app_id: product.appId,
    display_name: product.displayName,
  }
}

/** Where a customer manages a subscription of this store, or null where no page exists. */
export function managementUrl(sub: SubscriptionRecord): string | null {
  switch (sub.store) {
    case 'app_store':
    case 'mac_app_store':
      return 'https://apps.apple.com/account/subscriptions'
    case 'play_store':
      return `https://play.google.com/store/account/subscriptions?sku=${encodeURIComponent(sub.productId)}`
    case 'amazon':
      return 'https://www.amazon.com/gp/mas/your-account/myapps/yoursubscriptions'
    case 'rc_billing':
      return `https://billing.sandbox.subcontract.invalid/manage/${encodeURIComponent(sub.id)}`
    default:
      return null
  }
}

/** What a subscription has earned: its transactions that were not refunded. */
export function revenueOf(transactions: readonly TransactionRecord[]): Money {
  const gross = transactions.filter((t) => !t.refunded).reduce((sum, t) => sum + t.revenue.gross, 0)
  return usd(Math.round(gross * 100) / 100)
}

export function subscriptionWire(
  projectId: string,
  project: ProjectData,
  sub: SubscriptionRecord,
  now: number,
) {
  const pending =
    sub.pendingProductId === null ? undefined : project.products.get(sub.pendingProductId)
  return {
    object: 'subscription' as const,
    id: sub.id,
    customer_id: sub.customerId,
    original_customer_id: sub.originalCustomerId,
    product_id: sub.productId,
    starts_at: sub.startsAt,
    current_period_starts_at: sub.currentPeriodStartsAt,
    current_period_ends_at: sub.currentPeriodEndsAt,
    ends_at: sub.endsAt,
    gives_access: givesAccessNow(sub, now),
    pending_payment: sub.pendingPayment,
    auto_renewal_status: sub.autoRenewalStatus,
    status: statusNow(sub, now),
    total_revenue_in_usd: revenueOf(sub.transactions),
    presented_offering_id: sub.presentedOfferingId,
    entitlements: inlineList(
      entitlementsWire(projectId, project, sub.entitlementIds),
      apiPath(projectId, 'subscriptions', sub.id, 'entitlements'),
    ),
    environment: sub.environment,
    store: sub.store,
    store_subscription_identifier: sub.storeSubscriptionIdentifier,
    ownership: sub.ownership,
    pending_changes: pending === undefined ? null : { product: productWire(pending) },
    country: sub.country,
    management_url: managementUrl(sub),
  }
}

export function transactionWire(transaction: TransactionRecord) {
  return {
    object: 'subscription_transaction' as const,
    id: transaction.id,
    purchased_at: transaction.purchasedAt,
    product_store_identifier: transaction.productStoreIdentifier,
    expiration_date: transaction.expirationDate,
    effective_expiration_date: transaction.effectiveExpirationDate,
  }
}

export function purchaseWire(projectId: string, project: ProjectData, purchase: PurchaseRecord) {
  return {
    object: 'purchase' as const,
    id: purchase.id,
    customer_id: purchase.customerId,
    original_customer_id: purchase.originalCustomerId,
    product_id: purchase.productId,
    purchased_at: purchase.purchasedAt,
    revenue_in_usd: moneyWire(purchase.revenue),
    quantity: purchase.quantity,
    status: purchase.status,
    presented_offering_id: purchase.presentedOfferingId,
    entitlements: inlineList(
      entitlementsWire(projectId, project, purchase.entitlementIds),
      apiPath(projectId, 'purchases', purchase.id, 'entitlements'),
    ),
    environment: purchase.environment,
    store: purchase.store,
    store_purchase_identifier: purchase.storePurchaseIdentifier,
    ownership: purchase.ownership,
    country: purchase.country,
  }
}

/** An invoice; `invoice_url` is get-invoice's path, or null while the invoice has no file. */
export function invoiceWire(projectId: string, customerId: string, invoice: InvoiceRecord) {
  return {
    object: 'invoice' as const,
    id: invoice.id,
    total_amount: moneyWire(invoice.total),
    line_items: invoice.lines.map((line) => ({
      object: 'invoice.line_item' as const,
      product_identifier: line.productIdentifier,
      product_display_name: line.productDisplayName,
      product_duration: line.productDuration,
      quantity: line.quantity,
      unit_amount: moneyWire(line.unitAmount),
    })),
    issued_at: invoice.issuedAt,
    paid_at: invoice.paidAt,
    invoice_url:
      invoice.paidAt === null
        ? null
        : apiPath(projectId, 'customers', customerId, 'invoices', invoice.id, 'file'),
  }
}

/**
 * A customer's balances in the project's currency order: those it holds, and with
 * `includeEmpty` also the project's currencies it has none of (balance 0).
 */
export function balancesWire(
  project: ProjectData,
  balances: ReadonlyMap<string, number>,
  includeEmpty: boolean,
) {
  return [...project.virtualCurrencies.values()]
    .filter((vc) => includeEmpty || (balances.get(vc.code) ?? 0) !== 0)
    .map((vc) => ({
      object: 'virtual_currency_balance' as const,
      currency_code: vc.code,
      balance: balances.get(vc.code) ?? 0,
      name: vc.name,
      // The balance's description is a string, not nullable: a currency without one leaves it out.
      ...(vc.description === null ? {} : { description: vc.description }),
    }))
}

// ---- Entitlements and virtual currency definitions (project configuration, part 2) ----

/** The products attached to an entitlement that the project still has, in the order attached. */
export function entitlementProducts(
  project: ProjectData,
  entitlement: EntitlementRecord,
): ProductRecord[] {
  return entitlement.productIds
    .map((id) => project.products.get(id))
    .filter((p): p is ProductRecord => p !== undefined)
}

export function productGrantWire(grant: VirtualCurrencyProductGrantRecord) {
  return {
    object: 'virtual_currency.product_grant' as const,
    product_ids: [...grant.productIds],
    amount: grant.amount,
    trial_amount: grant.trialAmount,
    expire_at_cycle_end: grant.expireAtCycleEnd,
  }
}

/** A virtual currency's definition; `product_grants` is always a list, empty when none. */
export function virtualCurrencyWire(projectId: string, currency: VirtualCurrencyRecord) {
  return {
    object: 'virtual_currency' as const,
    project_id: projectId,
    code: currency.code,
    name: currency.name,
    created_at: currency.createdAt,
    description: currency.description,
    product_grants: currency.productGrants.map(productGrantWire),
  }
}

// ---- Projects, webhook integrations, collaborators, audit logs (project configuration, part 2) ----

/** A project. */
export function projectWire(project: ProjectRecord) {
  return {
    object: 'project' as const,
    id: project.id,
    name: project.name,
    created_at: project.createdAt,
    icon_url: project.iconUrl,
    icon_url_large: project.iconUrlLarge,
  }
}

/**
 * A webhook integration. Its authorization header is a secret the spec's WebhookIntegration does
 * not carry: it is never answered back (S-44).
 */
export function webhookWire(projectId: string, webhook: WebhookRecord) {
  return {
    object: 'webhook_integration' as const,
    id: webhook.id,
    project_id: projectId,
    name: webhook.name,
    url: webhook.url,
    environment: webhook.environment,
    event_types: webhook.eventTypes === null ? null : [...webhook.eventTypes],
    app_id: webhook.appId,
    created_at: webhook.createdAt,
  }
}

/** A collaborator of the project. */
export function collaboratorWire(collaborator: CollaboratorRecord) {
  return {
    object: 'collaborator' as const,
    id: collaborator.id,
    name: collaborator.name,
    email: collaborator.email,
    role: collaborator.role,
    accepted_at: collaborator.acceptedAt,
    has_mfa: collaborator.hasMfa,
  }
}

/** One entry of the project's audit log. */
export function auditLogWire(projectId: string, entry: AuditLogRecord) {
  return {
    object: 'audit_log' as const,
    id: entry.id,
    project_id: projectId,
    action_type: entry.actionType,
    target_type: entry.targetType,
    target_identifier: entry.targetIdentifier,
    actor_type: entry.actorType,
    actor_identifier: entry.actorIdentifier,
    occurred_at: entry.occurredAt,
    additional_data: { ...entry.additionalData },
  }
}

// ---------------------------------------------------------------------------------------------
// Blocked customers (the beta blocked-customer operations): the block list is one object keyed
// by customer id (the spec's ListBlockedCustomers), not a paged list.

/** The block list: `object` and, per blocked customer id, when it was blocked. */
export function blockedCustomersWire(
  blocked: ReadonlyArray<{ customerId: string; blockedAt: number }>,
): Record<string, unknown> {
  const body: Record<string, unknown> = { object: 'blocked_customer' }
  for (const entry of blocked) body[entry.customerId] = { updated_at_ms: entry.blockedAt }
  return body
}

// ---------------------------------------------------------------------------------------------
// Offerings, packages and paywalls (project configuration): their wire shapes. Expandable fields
// (an offering's `packages`, a package's `products`, a paywall's `offering` and `components`)
// are in the answer only when expanded (S-20), each list inline with `next_page: null`.

/** What an offering answer expands: its packages, and their products too. */
export interface OfferingExpansion {
  packages?: boolean
  products?: boolean
}

/** One product of a package, with who may buy it there. */
export function packageProductWire(product: ProductRecord, eligibilityCriteria: string) {
  return { product: productWire(product), eligibility_criteria: eligibilityCriteria }
}

/** A package's products that the project still has, in the order they were attached. */
export function packageProductsWire(project: ProjectData, pkg: PackageRecord) {
  return pkg.products.flatMap((entry) => {
    const product = project.products.get(entry.productId)
    return product === undefined ? [] : [packageProductWire(product, entry.eligibilityCriteria)]
  })
}

export function packageWire(
  projectId: string,
  project: ProjectData,
  pkg: PackageRecord,
  options: { expandProducts?: boolean } = {},
) {
  const body: Record<string, unknown> = {
    object: 'package',
    id: pkg.id,
    lookup_key: pkg.lookupKey,
    display_name: pkg.displayName,
    position: pkg.position,
    created_at: pkg.createdAt,
  }
  if (options.expandProducts === true)
    body.products = inlineList(
      packageProductsWire(project, pkg),
      apiPath(projectId, 'packages', pkg.id, 'products'),
    )
  return body
}

/** An offering; `packages` are the offering's packages in its order (offerings.ts packagesOf). */
export function offeringWire(
  projectId: string,
  project: ProjectData,
  offering: OfferingRecord,
  packages: readonly PackageRecord[],
  expand: OfferingExpansion = {},
) {
  const body: Record<string, unknown> = {
    object: 'offering',
    id: offering.id,
    lookup_key: offering.lookupKey,
    display_name: offering.displayName,
    is_current: offering.isCurrent,
    created_at: offering.createdAt,
    project_id: projectId,
    metadata: offering.metadata ?? null,
  }
  if (expand.packages === true || expand.products === true)
    body.packages = inlineList(
      packages.map((pkg) =>
        packageWire(projectId, project, pkg, { expandProducts: expand.products === true }),
      ),
      apiPath(projectId, 'offerings', offering.id, 'packages'),
    )
  return body
}

/** A paywall; `offering` (without its packages) and `components` only when expanded. */
export function paywallWire(
  projectId: string,
  project: ProjectData,
  paywall: PaywallRecord,
  expand: { offering?: boolean; components?: boolean } = {},
) {
  const body: Record<string, unknown> = {
    object: 'paywall',
    id: paywall.id,
    name: paywall.name,
    offering_id: paywall.offeringId,
    created_at: paywall.createdAt,
    published_at: paywall.publishedAt,
  }
  if (expand.offering === true) {
    const offering = project.offerings.get(paywall.offeringId)
    body.offering = offering === undefined ? null : offeringWire(projectId, project, offering, [])
  }
  if (expand.components === true)
    body.components = paywall.components ?? { published: null, draft: null }
  return body
}

// --- Apps and products (project configuration: App and Product operations, S-31 to S-34) ---

/**
 * An app: its common fields and the store object its type names (`app_store: {bundle_id}`),
 * with the settings the spec's App shows. Credentials are never answered (S-31). A Web Billing
 * app answers the deprecated `seller_company_name`/`seller_company_support_email` from `app_name`
 * and `support_email`, and `default_currency` USD unless one was given.
 */
export function appWire(projectId: string, app: AppRecord) {
  const settings = app.settings ?? {}
  const body: Record<string, unknown> = {
    object: 'app' as const,
    id: app.id,
    name: app.name,
    created_at: app.createdAt,
    type: app.type,
    project_id: projectId,
  }
  const or = (name: string, fallback: string | boolean | null) => settings[name] ?? fallback
  switch (app.type) {
    case 'app_store':
    case 'mac_app_store':
      body[app.type] = { bundle_id: or('bundle_id', '') }
      break
    case 'play_store':
    case 'amazon':
      body[app.type] = { package_name: or('package_name', '') }
      break
    case 'stripe':
      body.stripe = { stripe_account_id: or('stripe_account_id', null) }
      break
    case 'rc_billing': {
      const appName = or('app_name', app.name)
      const email = or('support_email', null)
      body.rc_billing = {
        stripe_account_id: or('stripe_account_id', null),
        seller_company_name: appName,
        app_name: appName,
        seller_company_support_email: email,
        support_email: email,
        default_currency: or('default_currency', 'USD'),
      }
      break
    }
    case 'roku':
      body.roku = {
        roku_channel_id: or('roku_channel_id', null),
        roku_channel_name: or('roku_channel_name', null),
      }
      break
    case 'paddle':
      body.paddle = { paddle_is_sandbox: or('paddle_is_sandbox', false) }
      break
  }
  return body
}

/** A public (SDK) API key of an app. */
export function publicApiKeyWire(key: PublicApiKeyRecord) {
  return {
    object: 'public_api_key' as const,
    id: key.id,
    key: key.key,
    environment: key.environment,
    app_id: key.appId,
    created_at: key.createdAt,
  }
}

/** A generated StoreKit configuration file (apps.ts makes its contents). */
export function storeKitConfigWire(contents: Record<string, unknown>) {
  return { object: 'store_kit_config_file' as const, contents }
}

/**
 * A product as the Product operations answer it: `app` only when expanded (S-20), and only
 * while the app exists.
 */
export function productDetailWire(
  projectId: string,
  project: ProjectData,
  product: ProductRecord,
  options: { expandApp?: boolean } = {},
) {
  const body: Record<string, unknown> = productWire(product)
  const app = project.apps.get(product.appId)
  if (options.expandApp === true && app !== undefined) body.app = appWire(projectId, app)
  return body
}

/** The store product create-product-in-store made (App Store Connect's view of it). */
export function storeProductWire(
  product: ProductRecord,
  store: { id: string; name: string | null },
) {
  return {
    created_product: {
      object: 'store_product' as const,
      id: store.id,
      name: store.name,
      product_identifier: product.storeIdentifier,
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Charts & Metrics: the overview, a chart's data and its options (charts.ts computes them).

/** The overview metrics, each last updated now (they are computed at request time). */
export function overviewMetricsWire(
  metrics: ReadonlyArray<{
    id: string
    name: string
    description: string
    unit: string
    period: string
    value: number
  }>,
  now: number,
) {
  return {
    object: 'overview_metrics' as const,
    metrics: metrics.map((m) => ({
      object: 'overview_metric' as const,
      id: m.id,
      name: m.name,
      description: m.description,
      unit: m.unit,
      period: m.period,
      value: m.value,
      last_updated_at: now,
      last_updated_at_iso8601: new Date(now).toISOString(),
    })),
  }
}

/** What chartDataWire needs of a chart and its computed data. */
export interface ChartDataView {
  category: string
  displayType: string
  displayName: string
  description: string
  unit: 'count' | 'money' | 'percent'
  cohort: boolean
  filteringAllowed: boolean
  segmentingAllowed: boolean
  documentationLink: string
  currency: string
  currencySymbol: string
  resolution: string
  start: number
  end: number
  lastComputedAt: number
  realtime: boolean
  points: ReadonlyArray<{
    cohort: number
    measure: number
    value: number
    incomplete: boolean
    segment?: number
  }>
  rows: ReadonlyArray<ReadonlyArray<number | null>>
  summary: Record<string, Record<string, number>>
  segments: ReadonlyArray<{ id: string; displayName: string }> | null
  measures: readonly string[]
  selectors: Record<string, string>
  unsupportedFilters: readonly string[]
  unsupportedSegment: string | null
}

/**
 * A chart's data: standard charts' values are objects (cohort, measure, value, incomplete, and
 * segment when segmented), cohort charts' are rows of numbers; `measures` only for the realtime
 * (v3) charts; `unsupported_params` only when the request named a filter or segment the chart
 * does not offer.
 */
export function chartDataWire(view: ChartDataView) {
  const yaxis = view.unit === 'money' ? view.currencySymbol : view.unit === 'percent' ? '%' : '#'
  const unsupported =
    view.unsupportedFilters.length > 0 || view.unsupportedSegment !== null
      ? { filters: [...view.unsupportedFilters], segment: view.unsupportedSegment }
      : null
  return {
    object: 'chart_data' as const,
    category: view.category,
    display_type: view.displayType,
    display_name: view.displayName,
    description: view.description,
    documentation_link: view.documentationLink,
    last_computed_at: view.lastComputedAt,
    start_date: view.start,
    end_date: view.end,
    yaxis_currency: view.currency,
    filtering_allowed: view.filteringAllowed,
    segmenting_allowed: view.segmentingAllowed,
    resolution: view.resolution,
    values: view.cohort ? view.rows.map((row) => [...row]) : view.points.map((p) => ({ ...p })),
    summary: view.summary,
    yaxis,
    segments:
      view.segments === null
        ? null
        : view.segments.map((s) => ({ id: s.id, display_name: s.displayName })),
    segments_limit: view.segments === null ? null : 10,
    measures: view.realtime
      ? view.measures.map((name, index) => ({
          index,
          display_name: name,
          unit: yaxis,
          chartable: true,
          decimal_precision: view.unit === 'count' ? 0 : 2,
        }))
      : null,
    user_selectors: Object.keys(view.selectors).length === 0 ? null : { ...view.selectors },
    unsupported_params: unsupported,
  }
}

/** A chart's options. */
export function chartOptionsWire(options: {
  resolutions: ReadonlyArray<{ id: string; displayName: string }>
  segments: ReadonlyArray<{ id: string; displayName: string; group: string | null }>
  filters: ReadonlyArray<{
    id: string
    displayName: string
    group: string | null
    options: ReadonlyArray<{ id: string; displayName: string }>
  }>
  selectors: Record<
    string,
    {
      default: string
      displayName: string
      options: ReadonlyArray<{ id: string; displayName: string }>
    }
  > | null
}) {
  const option = (o: { id: string; displayName: string }) => ({
    id: o.id,
    display_name: o.displayName,
  })
  return {
    object: 'chart_options' as const,
    resolutions: options.resolutions.map(option),
    segments: options.segments.map((s) => ({
      id: s.id,
      display_name: s.displayName,
      group_display_name: s.group,
    })),
    filters: options.filters.map((f) => ({
      id: f.id,
      display_name: f.displayName,
      group_display_name: f.group,
      options: f.options.map(option),
    })),
    user_selectors:
      options.selectors === null
        ? null
        : Object.fromEntries(
            Object.entries(options.selectors).map(([name, s]) => [
              name,
              { default: s.default, display_name: s.displayName, options: s.options.map(option) },
            ]),
          ),
  }
}
