/**
 * Stripe and Paddle purchase validation: a token the app knows attaches its purchase, access level
 * and revenue to the profile of a customer user id, creating that profile when it is new.
 */
import { expireAccessLevels, outlasts } from './access-levels.ts'
import { newProfile } from './profiles.ts'
import { type AdaptyStore, fail, nowIso, ok, type ProfileRecord, type Result } from './store.ts'

/** How long a validated subscription (and the access level it grants) lasts: no renewals here. */
export const SUBSCRIPTION_PERIOD_MS = 30 * 24 * 60 * 60 * 1000

/** A JSON:API error of the Stripe endpoint: what is wrong, and where in the request document. */
export interface JsonApiFailure {
  detail: string
  pointer: string
}

/** What validateStripe returns: the profile, or the JSON:API error to answer with. */
export type StripeResult = { ok: true; value: ProfileRecord } | { ok: false; error: JsonApiFailure }

/** Finds the profile of a customer user id, creating it when the app has none yet. */
function profileFor(store: AdaptyStore, customerUserId: string): ProfileRecord {
  const id = store.profileIdByCustomerUserId.get(customerUserId)
  const existing = id === undefined ? undefined : store.profiles.get(id)
  if (existing !== undefined) {
    expireAccessLevels(store, existing)
    return existing
  }
  const profile = newProfile(store.ids.uuid(), customerUserId)
  store.profiles.set(profile.profileId, profile)
  store.profileIdByCustomerUserId.set(customerUserId, profile.profileId)
  return profile
}

interface Purchase {
  storeName: 'stripe' | 'paddle'
  token: string
  storeProductId: string
  kind: 'subscription' | 'one_time'
  priceUsd: number
  accessLevelId: string | null
}

/**
 * Attaches a purchase to the profile once: the token is the store transaction id, so validating
 * the same token again for the same profile changes nothing (no second purchase, no revenue).
 */
function attach(store: AdaptyStore, profile: ProfileRecord, purchase: Purchase): void {
  const seen =
    profile.subscriptions.some((s) => s.storeTransactionId === purchase.token) ||
    profile.nonSubscriptions.some((n) => n.storeTransactionId === purchase.token)
  if (seen) return
  const now = nowIso(store)
  const expiresAt =
    purchase.kind === 'subscription'
      ? new Date(store.clock.now().getTime() + SUBSCRIPTION_PERIOD_MS).toISOString()
      : null
  const ids = {
    store: purchase.storeName,
    storeProductId: purchase.storeProductId,
    storeBasePlanId: null,
    storeTransactionId: purchase.token,
    storeOriginalTransactionId: purchase.token,
  }
  // A new period: what the subscription and the access level it grants both record.
  const period = {
    ...ids,
    offer: null,
    purchasedAt: now,
    originallyPurchasedAt: now,
    expiresAt,
    renewalCancelledAt: null,
    billingIssueDetectedAt: null,
    isInGracePeriod: false,
    cancellationReason: null,
  }
  if (purchase.kind === 'subscription') {
    profile.subscriptions.push({ ...period, environment: 'Production' })
  } else {
    profile.nonSubscriptions.push({
      ...ids,
      purchaseId: store.ids.uuid(),
      purchasedAt: now,
      environment: 'Production',
      isRefund: false,
      isConsumable: false,
    })
  }
  // As for setTransaction (DECISIONS.md, A-25): a level another purchase or grant holds for
  // longer stays as it is; the validated purchase is recorded all the same.
  const current =
    purchase.accessLevelId === null ? undefined : profile.accessLevels.get(purchase.accessLevelId)
  const keep = current !== undefined && outlasts(current, expiresAt)
  if (purchase.accessLevelId !== null && !keep) {
    profile.accessLevels.set(purchase.accessLevelId, {
      ...period,
      accessLevelId: purchase.accessLevelId,
      startsAt: now,
      environment: 'Production',
    })
  }
  profile.totalRevenueUsd += purchase.priceUsd
}

/**
 * Validates a Stripe subscription (`sub_…`) or payment intent (`pi_…`) for a customer. Failures
 * are JSON:API errors that point at the offending attribute.
 */
export function validateStripe(
  store: AdaptyStore,
  customerUserId: string,
  token: string,
): StripeResult {
  if (customerUserId.trim() === '') {
    const detail = 'ensure this value has at least 1 characters'
    return { ok: false, error: { detail, pointer: '/data/attributes/customer_user_id' } }
  }
  const known = store.stripeTokens.get(token)
  if (known === undefined) {
    const detail = /^(sub|pi)_/.test(token)
      ? `No such Stripe subscription or payment intent: "${token}".`
      : `"${token}" is not a Stripe subscription (sub_…) or payment intent (pi_…) id.`
    return { ok: false, error: { detail, pointer: '/data/attributes/stripe_token' } }
  }
  const profile = profileFor(store, customerUserId)
  attach(store, profile, { storeName: 'stripe', ...known })
  return { ok: true, value: profile }
}

/** Validates a Paddle token for a customer; the app needs Paddle credentials configured. */
export function validatePaddle(
  store: AdaptyStore,
  customerUserId: string,
  token: string,
): Result<ProfileRecord> {
  if (customerUserId.trim() === '') {
    return fail(400, 'validation_error', 'customer_user_id', 'This field may not be blank.')
  }
  if (!store.settings.paddleConfigured) {
    return fail(
      400,
      'paddle_api_key_not_found',
      null,
      'Paddle API key not found: add it in the Paddle integration settings of this app.',
    )
  }
  const known = store.paddleTokens.get(token)
  if (known === undefined) {
    return fail(
      400,
      'invalid_paddle_credentials_or_purchase_not_found',
      'paddle_token',
      `Invalid Paddle credentials or purchase not found: Paddle has no purchase "${token}".`,
    )
  }
  const profile = profileFor(store, customerUserId)
  attach(store, profile, { storeName: 'paddle', kind: 'subscription', ...known })
  return ok(profile)
}
