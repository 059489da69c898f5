/**
 * setTransaction: records a one-time purchase or a subscription made outside the SDK, after the
 * documented consistency rules, and derives access levels, subscriptions, non-subscriptions and
 * revenue from it.
 */
import { defaultAccessLevel, expireAccessLevels, isoOf, outlasts } from './access-levels.ts'
import {
  type AccessLevelRecord,
  type AdaptyStore,
  fail,
  type NonSubscriptionRecord,
  type OfferRecord,
  ok,
  type ProfileRecord,
  type Result,
  type SubscriptionRecord,
} from './store.ts'

/** The fields both purchase types share, after schema validation. */
interface TransactionBase {
  store: string
  environment?: 'Production' | 'Sandbox'
  store_product_id: string
  store_transaction_id: string
  store_original_transaction_id: string
  is_family_shared?: boolean
  price: { country: string; currency: string; value: number }
  purchased_at: string
  variation_id?: string | null
  offer?: { category: string; type: string; id?: string | null } | null
  refunded_at?: string | null
  cancellation_reason?: string | null
  /** Not in the spec's DTOs, but listed by the docs' tables; kept when it is a string. */
  store_base_plan_id?: unknown
}

/** A one-time purchase body (OneTimePurchaseDTO). */
export interface OneTimePurchaseInput extends TransactionBase {
  purchase_type: 'one_time_purchase'
}

/** A subscription body (SubscriptionDTO). */
export interface SubscriptionInput extends TransactionBase {
  purchase_type: 'subscription'
  originally_purchased_at: string
  expires_at: string
  renew_status: boolean
  renew_status_changed_at?: string | null
  billing_issue_detected_at?: string | null
  grace_period_expires_at?: string | null
}

/** A transaction body after schema validation: one of the two purchase types. */
export type TransactionInput = OneTimePurchaseInput | SubscriptionInput

const time = (iso: string) => new Date(iso).getTime()
const present = <T>(value: T | null | undefined): value is T =>
  value !== undefined && value !== null

type Rule = (t: TransactionInput) => Result<never> | undefined

const rule = (errorCode: string, source: string, message: string) =>
  fail(400, errorCode, source, message)

/** The documented 400 rules, in the order they are checked (the first broken one answers). */
const RULES: readonly Rule[] = [
  (t) =>
    t.purchase_type === 'one_time_purchase' &&
    t.store_transaction_id !== t.store_original_transaction_id
      ? rule(
          'store_transaction_id_error',
          'store_transaction_id',
          'A one-time purchase has no renewal chain: store_transaction_id must equal store_original_transaction_id.',
        )
      : undefined,
  (t) =>
    (present(t.refunded_at) && !present(t.cancellation_reason)) ||
    (t.cancellation_reason === 'refund' && !present(t.refunded_at))
      ? rule(
          'refund_fields_error',
          'refunded_at',
          'A refund needs both refunded_at and cancellation_reason.',
        )
      : undefined,
  (t) =>
    present(t.refunded_at) && time(t.refunded_at) <= time(t.purchased_at)
      ? rule('refund_date_error', 'refunded_at', 'refunded_at must be later than purchased_at.')
      : undefined,
  (t) =>
    t.is_family_shared === true && t.price.value !== 0
      ? rule(
          'family_share_price_error',
          'is_family_shared',
          'A family-shared purchase costs nothing: with is_family_shared true, price.value must be 0.',
        )
      : undefined,
  (t) =>
    t.offer?.type === 'free_trial' && t.price.value !== 0
      ? rule(
          'free_trial_price_error',
          'offer.type',
          'A free trial costs nothing: with offer.type "free_trial", price.value must be 0.',
        )
      : undefined,
  (t) =>
    present(t.offer) && t.offer.category !== 'introductory' && !present(t.offer.id)
      ? rule(
          'missing_offer_id',
          'offer.category',
          `An offer of category "${t.offer.category}" needs offer.id; only introductory offers may omit it.`,
        )
      : undefined,
  (t) =>
    t.purchase_type === 'subscription' && time(t.expires_at) <= time(t.purchased_at)
      ? rule('expires_date_error', 'expires_at', 'expires_at must be later than purchased_at.')
      : undefined,
  (t) =>
    t.purchase_type === 'subscription' && time(t.originally_purchased_at) > time(t.purchased_at)
      ? rule(
          'originally_purchased_date_error',
          'originally_purchased_at',
          'originally_purchased_at cannot be later than purchased_at: the chain starts first.',
        )
      : undefined,
  (t) =>
    t.purchase_type === 'subscription' &&
    present(t.renew_status_changed_at) &&
    time(t.renew_status_changed_at) < time(t.purchased_at)
      ? rule(
          'renew_status_changed_date_error',
          'renew_status_changed_at',
          'renew_status_changed_at cannot be earlier than purchased_at.',
        )
      : undefined,
  (t) =>
    t.purchase_type === 'subscription' &&
    present(t.billing_issue_detected_at) &&
    time(t.billing_issue_detected_at) <= time(t.purchased_at)
      ? rule(
          'billing_issue_detected_at_date_comparison_error',
          'billing_issue_detected_at',
          'billing_issue_detected_at must be later than purchased_at.',
        )
      : undefined,
  (t) =>
    t.purchase_type === 'subscription' &&
    present(t.grace_period_expires_at) &&
    !present(t.billing_issue_detected_at)
      ? rule(
          'grace_period_billing_error',
          'grace_period_billing_error',
          'A grace period starts with a billing issue: set billing_issue_detected_at too.',
        )
      : undefined,
  (t) =>
    t.purchase_type === 'subscription' &&
    present(t.grace_period_expires_at) &&
    present(t.billing_issue_detected_at) &&
    time(t.grace_period_expires_at) <= time(t.billing_issue_detected_at)
      ? rule(
          'grace_period_expires_date_error',
          'grace_period_expires_at',
          'grace_period_expires_at must be later than billing_issue_detected_at.',
        )
      : undefined,
]

/** Checks the documented rules and returns the first broken one, if any. */
export function checkTransaction(input: TransactionInput): Result<never> | undefined {
  for (const check of RULES) {
    const broken = check(input)
    if (broken !== undefined) return broken
  }
  return undefined
}

/** The parts of a subscription that the subscription and its access level share. */
function subscriptionState(store: AdaptyStore, t: SubscriptionInput) {
  const refundedAt = present(t.refunded_at) ? isoOf(t.refunded_at) : null
  const gracePeriodEnd = present(t.grace_period_expires_at)
    ? isoOf(t.grace_period_expires_at)
    : null
  const renewalCancelledAt = t.renew_status
    ? null
    : isoOf(t.renew_status_changed_at ?? t.purchased_at)
  return {
    originallyPurchasedAt: isoOf(t.originally_purchased_at),
    expiresAt: refundedAt ?? isoOf(t.expires_at),
    renewalCancelledAt,
    billingIssueDetectedAt: present(t.billing_issue_detected_at)
      ? isoOf(t.billing_issue_detected_at)
      : null,
    gracePeriodEnd,
    isInGracePeriod:
      refundedAt === null &&
      gracePeriodEnd !== null &&
      time(gracePeriodEnd) > store.clock.now().getTime(),
  }
}

/** Records (or updates) the subscription; returns what it previously added to revenue. */
function recordSubscription(
  store: AdaptyStore,
  profile: ProfileRecord,
  t: SubscriptionInput,
  offer: OfferRecord | null,
  revenueUsd: number,
): number {
  const state = subscriptionState(store, t)
  const record: SubscriptionRecord = {
    store: t.store,
    storeProductId: t.store_product_id,
    storeBasePlanId: typeof t.store_base_plan_id === 'string' ? t.store_base_plan_id : null,
    storeTransactionId: t.store_transaction_id,
    storeOriginalTransactionId: t.store_original_transaction_id,
    offer,
    environment: t.environment ?? 'Production',
    purchasedAt: isoOf(t.purchased_at),
    originallyPurchasedAt: state.originallyPurchasedAt,
    expiresAt: state.expiresAt,
    renewalCancelledAt: state.renewalCancelledAt,
    billingIssueDetectedAt: state.billingIssueDetectedAt,
    isInGracePeriod: state.isInGracePeriod,
    cancellationReason: t.cancellation_reason ?? null,
    revenueUsd,
  }
  return upsertPurchase(profile.subscriptions, record)
}

/** Adds a purchase, or updates the one with its store_transaction_id; returns its earlier revenue. */
function upsertPurchase<T extends { storeTransactionId: string; revenueUsd?: number }>(
  list: T[],
  record: T,
): number {
  const existing = list.find((r) => r.storeTransactionId === record.storeTransactionId)
  if (existing === undefined) {
    list.push(record)
    return 0
  }
  const before = existing.revenueUsd ?? 0
  Object.assign(existing, record)
  return before
}

/** Records (or updates) the one-time purchase; returns what it previously added to revenue. */
function recordOneTimePurchase(
  store: AdaptyStore,
  profile: ProfileRecord,
  t: OneTimePurchaseInput,
  revenueUsd: number,
): number {
  const existing = profile.nonSubscriptions.find(
    (n) => n.storeTransactionId === t.store_transaction_id,
  )
  const record: NonSubscriptionRecord = {
    purchaseId: existing?.purchaseId ?? store.ids.uuid(),
    store: t.store,
    storeProductId: t.store_product_id,
    storeBasePlanId: typeof t.store_base_plan_id === 'string' ? t.store_base_plan_id : null,
    storeTransactionId: t.store_transaction_id,
    storeOriginalTransactionId: t.store_original_transaction_id,
    purchasedAt: isoOf(t.purchased_at),
    environment: t.environment ?? 'Production',
    isRefund: present(t.refunded_at),
    isConsumable: false,
    revenueUsd,
  }
  return upsertPurchase(profile.nonSubscriptions, record)
}

/** The access level a (not refunded) transaction gives, with the expiry it lasts until. */
function levelOf(
  store: AdaptyStore,
  levelId: string,
  t: TransactionInput,
  offer: OfferRecord | null,
): AccessLevelRecord {
  const purchasedAt = isoOf(t.purchased_at)
  const common = {
    accessLevelId: levelId,
    store: t.store,
    storeProductId: t.store_product_id,
    storeBasePlanId: typeof t.store_base_plan_id === 'string' ? t.store_base_plan_id : null,
    storeTransactionId: t.store_transaction_id,
    storeOriginalTransactionId: t.store_original_transaction_id,
    offer,
    startsAt: purchasedAt,
    purchasedAt,
    cancellationReason: t.cancellation_reason ?? null,
    environment: t.environment ?? 'Production',
  }
  if (t.purchase_type === 'one_time_purchase') {
    return {
      ...common,
      originallyPurchasedAt: purchasedAt,
      expiresAt: null,
      renewalCancelledAt: null,
      billingIssueDetectedAt: null,
      isInGracePeriod: false,
    }
  }
  const state = subscriptionState(store, t)
  // A subscription in its grace period keeps its access until the grace period ends.
  const expiresAt =
    state.gracePeriodEnd !== null && time(state.gracePeriodEnd) > time(state.expiresAt)
      ? state.gracePeriodEnd
      : state.expiresAt
  return {
    ...common,
    originallyPurchasedAt: state.originallyPurchasedAt,
    expiresAt,
    renewalCancelledAt: state.renewalCancelledAt,
    billingIssueDetectedAt: state.billingIssueDetectedAt,
    isInGracePeriod: state.isInGracePeriod,
  }
}

/**
 * Updates the access level a transaction unlocks. A refund, or a chain that has lapsed, takes the
 * level away when that chain gave it. Otherwise the transaction gives the level unless another
 * purchase or grant already holds it for longer.
 */
function applyAccessLevel(
  store: AdaptyStore,
  profile: ProfileRecord,
  t: TransactionInput,
  offer: OfferRecord | null,
): void {
  const levelId = defaultAccessLevel(store)
  if (levelId === undefined) return
  const current = profile.accessLevels.get(levelId)
  const sameChain =
    current !== undefined &&
    current.store === t.store &&
    current.storeOriginalTransactionId === t.store_original_transaction_id
  if (present(t.refunded_at)) {
    if (sameChain) profile.accessLevels.delete(levelId)
    return
  }
  const level = levelOf(store, levelId, t, offer)
  const lapsed = level.expiresAt !== null && time(level.expiresAt) <= store.clock.now().getTime()
  if (lapsed) {
    if (sameChain) profile.accessLevels.delete(levelId)
    return
  }
  if (current !== undefined && !sameChain && outlasts(current, level.expiresAt)) return
  profile.accessLevels.set(levelId, level)
}

/**
 * Applies a transaction to a profile. Sending a store_transaction_id again updates that purchase
 * instead of adding one. total_revenue_usd counts `price.value` once per purchase while it is not
 * refunded (the sandbox has no exchange rates, so the value is taken as USD).
 */
export function setTransaction(
  store: AdaptyStore,
  profile: ProfileRecord,
  input: TransactionInput,
): Result<ProfileRecord> {
  const broken = checkTransaction(input)
  if (broken !== undefined) return broken
  const offer = present(input.offer)
    ? { category: input.offer.category, type: input.offer.type, id: input.offer.id ?? null }
    : null
  const revenueUsd = present(input.refunded_at) ? 0 : input.price.value
  const before =
    input.purchase_type === 'subscription'
      ? recordSubscription(store, profile, input, offer, revenueUsd)
      : recordOneTimePurchase(store, profile, input, revenueUsd)
  profile.totalRevenueUsd = Math.max(0, profile.totalRevenueUsd - before + revenueUsd)
  applyAccessLevel(store, profile, input, offer)
  expireAccessLevels(store, profile)
  return ok(profile)
}
