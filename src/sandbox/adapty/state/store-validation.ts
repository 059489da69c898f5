/** Stripe and Paddle purchase validation: known tokens attach their purchase to a profile. */
import { newProfile } from './profiles.ts'
import { type AdaptyStore, fail, nowIso, ok, type ProfileRecord, type Result } from './store.ts'

const MONTH_MS = 30 * 24 * 60 * 60 * 1000

/** Finds the profile of a customer user id, creating it when the app has none yet. */
function profileFor(store: AdaptyStore, customerUserId: string): ProfileRecord {
  const id = store.profileIdByCustomerUserId.get(customerUserId)
  const existing = id === undefined ? undefined : store.profiles.get(id)
  if (existing !== undefined) return existing
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

/** Attaches a purchase to the profile once; validating the same token again changes nothing. */
function attach(store: AdaptyStore, profile: ProfileRecord, purchase: Purchase): void {
  const seen =
    profile.subscriptions.some((s) => s.storeTransactionId === purchase.token) ||
    profile.nonSubscriptions.some((n) => n.storeTransactionId === purchase.token)
  if (seen) return
  const now = nowIso(store)
  const expiresAt =
    purchase.kind === 'subscription'
      ? new Date(store.clock.now().getTime() + MONTH_MS).toISOString()
      : null
  if (purchase.kind === 'subscription') {
    profile.subscriptions.push({
      store: purchase.storeName,
      storeProductId: purchase.storeProductId,
      storeBasePlanId: null,
      storeTransactionId: purchase.token,
      storeOriginalTransactionId: purchase.token,
      offer: null,
      environment: 'Production',
      purchasedAt: now,
      originallyPurchasedAt: now,
      expiresAt,
      renewalCancelledAt: null,
      billingIssueDetectedAt: null,
      isInGracePeriod: false,
      cancellationReason: null,
    })
  } else {
    profile.nonSubscriptions.push({
      purchaseId: store.ids.uuid(),
      store: purchase.storeName,
      storeProductId: purchase.storeProductId,
      storeBasePlanId: null,
      storeTransactionId: purchase.token,
      storeOriginalTransactionId: purchase.token,
      purchasedAt: now,
      environment: 'Production',
      isRefund: false,
      isConsumable: false,
    })
  }
  if (purchase.accessLevelId !== null) {
    profile.accessLevels.set(purchase.accessLevelId, {
      accessLevelId: purchase.accessLevelId,
      store: purchase.storeName,
      storeProductId: purchase.storeProductId,
      storeBasePlanId: null,
      storeTransactionId: purchase.token,
      storeOriginalTransactionId: purchase.token,
      offer: null,
      startsAt: now,
      purchasedAt: now,
      originallyPurchasedAt: now,
      expiresAt,
      renewalCancelledAt: null,
      billingIssueDetectedAt: null,
      isInGracePeriod: false,
      cancellationReason: null,
    })
  }
  profile.totalRevenueUsd += purchase.priceUsd
}

/** Validates a Stripe token; unknown tokens fail with a JSON:API error detail. */
export function validateStripe(
  store: AdaptyStore,
  customerUserId: string,
  token: string,
): { ok: true; value: ProfileRecord } | { ok: false; detail: string; pointer: string } {
  const known = store.stripeTokens.get(token)
  if (known === undefined) {
    return {
      ok: false,
      detail: `No such Stripe subscription or payment intent: "${token}".`,
      pointer: '/data/attributes/stripe_token',
    }
  }
  const profile = profileFor(store, customerUserId)
  attach(store, profile, { storeName: 'stripe', ...known })
  return { ok: true, value: profile }
}

/** Validates a Paddle token for a customer; needs Paddle credentials configured in the app. */
export function validatePaddle(
  store: AdaptyStore,
  customerUserId: string,
  token: string,
): Result<ProfileRecord> {
  if (!store.settings.paddleConfigured) {
    return fail(
      400,
      'paddle_api_key_not_found',
      null,
      'This app has no Paddle API key; add it in the Paddle integration settings.',
    )
  }
  const known = store.paddleTokens.get(token)
  if (known === undefined) {
    return fail(
      400,
      'invalid_paddle_credentials_or_purchase_not_found',
      'paddle_token',
      `Paddle has no purchase "${token}" for these credentials.`,
    )
  }
  const profile = profileFor(store, customerUserId)
  attach(store, profile, { storeName: 'paddle', kind: 'subscription', ...known })
  return ok(profile)
}
