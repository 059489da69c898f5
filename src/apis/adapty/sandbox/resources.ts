/** Internal records → Adapty wire JSON: the only place that knows the wire shape of responses. */
import type {
  AccessLevelRecord,
  AdaptyStore,
  NonSubscriptionRecord,
  OfferRecord,
  PaywallRecord,
  ProfileRecord,
  SubscriptionRecord,
  VcTransactionRecord,
} from './state/store.ts'

const offer = (o: OfferRecord | null) =>
  o === null ? null : { category: o.category, type: o.type, id: o.id }

/** The wire form of an access level. */
export function accessLevelResource(a: AccessLevelRecord) {
  return {
    access_level_id: a.accessLevelId,
    store: a.store,
    store_product_id: a.storeProductId,
    store_base_plan_id: a.storeBasePlanId,
    store_transaction_id: a.storeTransactionId,
    store_original_transaction_id: a.storeOriginalTransactionId,
    offer: offer(a.offer),
    starts_at: a.startsAt,
    purchased_at: a.purchasedAt,
    originally_purchased_at: a.originallyPurchasedAt,
    expires_at: a.expiresAt,
    renewal_cancelled_at: a.renewalCancelledAt,
    billing_issue_detected_at: a.billingIssueDetectedAt,
    is_in_grace_period: a.isInGracePeriod,
    cancellation_reason: a.cancellationReason,
    ...(a.environment === undefined ? {} : { environment: a.environment }),
  }
}

/** The wire form of a subscription. */
export function subscriptionResource(s: SubscriptionRecord) {
  return {
    store: s.store,
    store_product_id: s.storeProductId,
    store_base_plan_id: s.storeBasePlanId,
    store_transaction_id: s.storeTransactionId,
    store_original_transaction_id: s.storeOriginalTransactionId,
    offer: offer(s.offer),
    environment: s.environment,
    purchased_at: s.purchasedAt,
    originally_purchased_at: s.originallyPurchasedAt,
    expires_at: s.expiresAt,
    renewal_cancelled_at: s.renewalCancelledAt,
    billing_issue_detected_at: s.billingIssueDetectedAt,
    is_in_grace_period: s.isInGracePeriod,
    cancellation_reason: s.cancellationReason,
  }
}

/** The wire form of a one-time purchase. */
export function nonSubscriptionResource(n: NonSubscriptionRecord) {
  return {
    purchase_id: n.purchaseId,
    store: n.store,
    store_product_id: n.storeProductId,
    store_base_plan_id: n.storeBasePlanId,
    store_transaction_id: n.storeTransactionId,
    store_original_transaction_id: n.storeOriginalTransactionId,
    purchased_at: n.purchasedAt,
    environment: n.environment,
    is_refund: n.isRefund,
    is_consumable: n.isConsumable,
  }
}

/** The `ProfileResponse` body for a profile. `timestamp` is the response time in ms. */
export function profileResource(store: AdaptyStore, p: ProfileRecord) {
  return {
    data: {
      app_id: store.appId,
      profile_id: p.profileId,
      customer_user_id: p.customerUserId,
      total_revenue_usd: Math.round(p.totalRevenueUsd * 100) / 100,
      segment_hash: `sh_${p.profileId.slice(0, 8)}`,
      timestamp: store.clock.now().getTime(),
      custom_attributes: p.customAttributes.map((a) => ({ key: a.key, value: a.value })),
      access_levels: [...p.accessLevels.values()].map(accessLevelResource),
      subscriptions: p.subscriptions.map(subscriptionResource),
      non_subscriptions: p.nonSubscriptions.map(nonSubscriptionResource),
    },
  }
}

/** The wire form of a paywall; `withRemoteConfigs` adds the fields only the single-paywall view has. */
export function paywallResource(p: PaywallRecord, withRemoteConfigs: boolean) {
  const item = {
    title: p.title,
    paywall_id: p.paywallId,
    use_paywall_builder: p.usePaywallBuilder,
    use_paywall_builder_legacy: p.usePaywallBuilderLegacy,
    updated_at: p.updatedAt,
    created_at: p.createdAt,
    state: p.state,
    is_deleted: p.isDeleted,
    web_purchase_url: p.webPurchaseUrl,
    products: p.products.map((product) => ({
      product_id: product.productId,
      title: product.title,
      product_set: product.productSet,
      offer:
        product.offer === null
          ? null
          : { product_offer_id: product.offer.productOfferId, title: product.offer.title },
    })),
  }
  if (!withRemoteConfigs) return item
  return {
    ...item,
    remote_configs: p.remoteConfigs.map((r) => ({ locale: r.locale, data: r.data })),
    main_screenshot:
      p.mainScreenshot === null
        ? null
        : { image_id: p.mainScreenshot.imageId, url: p.mainScreenshot.url },
  }
}

/** The RefundSaverSettingsResponse body of a profile. */
export function refundSaverResource(p: ProfileRecord) {
  return {
    profile_id: p.profileId,
    settings: { consent: p.refundSaver.consent, custom_preference: p.refundSaver.customPreference },
  }
}

/** The wire form of one virtual currency history entry. */
export function vcTransactionResource(t: VcTransactionRecord) {
  return {
    transaction_id: t.transactionId,
    transaction_type: t.transactionType,
    items: t.items.map((i) => ({
      currency_code: i.currencyCode,
      amount: i.amount,
      balance_after: i.balanceAfter,
    })),
    metadata: t.metadata,
    created_at: t.createdAt,
  }
}

/** The wire form of one virtual currency balance (a transaction result or the balance list). */
export function vcBalanceResource(b: {
  code: string
  name: string
  balance: number
  held: number
  available: number
}) {
  return { code: b.code, name: b.name, balance: b.balance, held: b.held, available: b.available }
}

/** The VirtualCurrencyTransactionResponse body of an applied (or replayed) transaction. */
export function vcTransactionResultResource(r: {
  transactionId: string
  balances: Array<Parameters<typeof vcBalanceResource>[0]>
}) {
  return { transaction_id: r.transactionId, balances: r.balances.map(vcBalanceResource) }
}

/** The VirtualCurrencyTransactionsHistoryResponse body of one page of history. */
export function vcHistoryResource(items: VcTransactionRecord[], nextCursor: string | null) {
  return { data: items.map(vcTransactionResource), pagination: { next_cursor: nextCursor } }
}

/** The VirtualCurrencyBalanceListResponse body; `createdAtMs` is the response time in ms. */
export function vcBalanceListResource(
  createdAtMs: number,
  balances: Array<Parameters<typeof vcBalanceResource>[0]>,
) {
  return { response_created_at: createdAtMs, data: balances.map(vcBalanceResource) }
}

/** The PaywallListResponse body of one page (list items carry no remote configs). */
export function paywallListJson(page: {
  items: PaywallRecord[]
  count: number
  page: bigint
  pages: number
}): string {
  const data = JSON.stringify(page.items.map((p) => paywallResource(p, false)))
  // Written by hand so a page number past 2^53 comes back with its exact digits.
  const pagination = `{"count":${page.count},"page":${page.page.toString()},"pages":${page.pages}}`
  return `{"data":${data},"meta":{"pagination":${pagination}}}`
}
