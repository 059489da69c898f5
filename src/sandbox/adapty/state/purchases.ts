/**
 * setTransaction: records a one-time purchase or a subscription made outside the SDK, after the
 * documented consistency rules, and derives access levels, subscriptions and non-subscriptions.
 */
import { defaultAccessLevel } from './access-levels.ts'
import { type AdaptyStore, fail, ok, type ProfileRecord, type Result } from './store.ts'

/** A transaction body after schema validation (one of the two purchase types). */
export interface TransactionInput {
  purchase_type: 'one_time_purchase' | 'subscription'
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
  originally_purchased_at?: string
  expires_at?: string
  renew_status?: boolean
  renew_status_changed_at?: string | null
  billing_issue_detected_at?: string | null
  grace_period_expires_at?: string | null
}

const time = (iso: string) => new Date(iso).getTime()
const present = <T>(value: T | null | undefined): value is T =>
  value !== undefined && value !== null

type Rule = (t: TransactionInput) => Result<never> | undefined

/** The documented 400 rules, in the order they are checked. */
const RULES: readonly Rule[] = [
  (t) =>
    t.purchase_type === 'one_time_purchase' &&
    t.store_transaction_id !== t.store_original_transaction_id
      ? fail(
          400,
          'store_transaction_id_error',
          'store_transaction_id',
          'A one-time purchase has no chain: store_transaction_id must equal store_original_transaction_id.',
        )
      : undefined,
  (t) =>
    present(t.refunded_at) !== present(t.cancellation_reason)
      ? fail(
          400,
          'refund_fields_error',
          'refunded_at',
          'A refund needs both refunded_at and cancellation_reason.',
        )
      : undefined,
  (t) =>
    present(t.refunded_at) && time(t.refunded_at) <= time(t.purchased_at)
      ? fail(
          400,
          'refund_date_error',
          'refunded_at',
          'refunded_at must be later than purchased_at.',
        )
      : undefined,
  (t) =>
    t.is_family_shared === true && t.price.value !== 0
      ? fail(
          400,
          'family_share_price_error',
          'is_family_shared',
          'A family-shared purchase is free: price.value must be 0.',
        )
      : undefined,
  (t) =>
    t.offer?.type === 'free_trial' && t.price.value !== 0
      ? fail(
          400,
          'free_trial_price_error',
          'offer.type',
          'A free trial costs nothing: price.value must be 0.',
        )
      : undefined,
  (t) =>
    present(t.offer) && t.offer.category !== 'introductory' && !present(t.offer.id)
      ? fail(
          400,
          'missing_offer_id',
          'offer.category',
          `An offer of category "${t.offer.category}" needs offer.id.`,
        )
      : undefined,
  (t) =>
    t.expires_at !== undefined && time(t.expires_at) <= time(t.purchased_at)
      ? fail(400, 'expires_date_error', 'expires_at', 'expires_at must be later than purchased_at.')
      : undefined,
  (t) =>
    t.originally_purchased_at !== undefined &&
    time(t.originally_purchased_at) > time(t.purchased_at)
      ? fail(
          400,
          'originally_purchased_date_error',
          'originally_purchased_at',
          'originally_purchased_at cannot be later than purchased_at.',
        )
      : undefined,
  (t) =>
    present(t.renew_status_changed_at) && time(t.renew_status_changed_at) < time(t.purchased_at)
      ? fail(
          400,
          'renew_status_changed_date_error',
          'renew_status_changed_at',
          'renew_status_changed_at cannot be earlier than purchased_at.',
        )
      : undefined,
  (t) =>
    present(t.billing_issue_detected_at) &&
    time(t.billing_issue_detected_at) <= time(t.purchased_at)
      ? fail(
          400,
          'billing_issue_detected_at_date_comparison_error',
          'billing_issue_detected_at',
          'billing_issue_detected_at must be later than purchased_at.',
        )
      : undefined,
  (t) =>
    present(t.grace_period_expires_at) && !present(t.billing_issue_detected_at)
      ? fail(
          400,
          'grace_period_billing_error',
          'grace_period_billing_error',
          'A grace period starts with a billing issue: set billing_issue_detected_at.',
        )
      : undefined,
  (t) =>
    present(t.grace_period_expires_at) &&
    present(t.billing_issue_detected_at) &&
    time(t.grace_period_expires_at) <= time(t.billing_issue_detected_at)
      ? fail(
          400,
          'grace_period_expires_date_error',
          'grace_period_expires_at',
          'grace_period_expires_at must be later than billing_issue_detected_at.',
        )
      : undefined,
]

/** Checks the documented rules and returns the first broken one, if any. */
export function checkTransaction(input: TransactionInput): Result<never> | undefined {
  for (const rule of RULES) {
    const broken = rule(input)
    if (broken !== undefined) return broken
  }
  return undefined
}

/** Applies a transaction to a profile. Reusing a store_transaction_id updates that purchase. */
export function setTransaction(
  store: AdaptyStore,
  profile: ProfileRecord,
  input: TransactionInput,
): Result<ProfileRecord> {
  const broken = checkTransaction(input)
  if (broken !== undefined) return broken
  const refunded = present(input.refunded_at)
  const environment = input.environment ?? 'Production'
  const offer = present(input.offer)
    ? { category: input.offer.category, type: input.offer.type, id: input.offer.id ?? null }
    : null
  const levelId = defaultAccessLevel(store)
  const isNew =
    !profile.subscriptions.some((s) => s.storeTransactionId === input.store_transaction_id) &&
    !profile.nonSubscriptions.some((n) => n.storeTransactionId === input.store_transaction_id)

  if (input.purchase_type === 'one_time_purchase') {
    const existing = profile.nonSubscriptions.find(
      (n) => n.storeTransactionId === input.store_transaction_id,
    )
    const record = {
      purchaseId: existing?.purchaseId ?? store.ids.uuid(),
      store: input.store,
      storeProductId: input.store_product_id,
      storeBasePlanId: null,
      storeTransactionId: input.store_transaction_id,
      storeOriginalTransactionId: input.store_original_transaction_id,
      purchasedAt: input.purchased_at,
      environment,
      isRefund: refunded,
      isConsumable: false,
    }
    if (existing === undefined) profile.nonSubscriptions.push(record)
    else Object.assign(existing, record)
  } else {
    const existing = profile.subscriptions.find(
      (s) => s.storeTransactionId === input.store_transaction_id,
    )
    const record = {
      store: input.store,
      storeProductId: input.store_product_id,
      storeBasePlanId: null,
      storeTransactionId: input.store_transaction_id,
      storeOriginalTransactionId: input.store_original_transaction_id,
      offer,
      environment,
      purchasedAt: input.purchased_at,
      originallyPurchasedAt: input.originally_purchased_at ?? input.purchased_at,
      expiresAt: refunded ? (input.refunded_at ?? null) : (input.expires_at ?? null),
      renewalCancelledAt:
        input.renew_status === false ? (input.renew_status_changed_at ?? input.purchased_at) : null,
      billingIssueDetectedAt: input.billing_issue_detected_at ?? null,
      isInGracePeriod:
        present(input.grace_period_expires_at) &&
        time(input.grace_period_expires_at) > store.clock.now().getTime(),
      cancellationReason: input.cancellation_reason ?? null,
    }
    if (existing === undefined) profile.subscriptions.push(record)
    else Object.assign(existing, record)
  }

  const current = profile.accessLevels.get(levelId)
  if (refunded) {
    if (current?.storeOriginalTransactionId === input.store_original_transaction_id)
      profile.accessLevels.delete(levelId)
  } else {
    const expiresAt = input.purchase_type === 'subscription' ? (input.expires_at ?? null) : null
    const expired = expiresAt !== null && time(expiresAt) <= store.clock.now().getTime()
    if (!expired) {
      profile.accessLevels.set(levelId, {
        accessLevelId: levelId,
        store: input.store,
        storeProductId: input.store_product_id,
        storeBasePlanId: null,
        storeTransactionId: input.store_transaction_id,
        storeOriginalTransactionId: input.store_original_transaction_id,
        offer,
        startsAt: input.purchased_at,
        purchasedAt: input.purchased_at,
        originallyPurchasedAt: input.originally_purchased_at ?? input.purchased_at,
        expiresAt,
        renewalCancelledAt:
          input.renew_status === false
            ? (input.renew_status_changed_at ?? input.purchased_at)
            : null,
        billingIssueDetectedAt: input.billing_issue_detected_at ?? null,
        isInGracePeriod:
          present(input.grace_period_expires_at) &&
          time(input.grace_period_expires_at) > store.clock.now().getTime(),
        cancellationReason: input.cancellation_reason ?? null,
      })
    }
  }
  if (isNew && !refunded && input.is_family_shared !== true)
    profile.totalRevenueUsd += input.price.value
  return ok(profile)
}
