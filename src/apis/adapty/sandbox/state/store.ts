/**
 * The in-memory state of one emulated Adapty app (one API key). Plain TypeScript: no HTTP here.
 * Area modules beside this file (profiles.ts, purchases.ts, …) hold the business rules.
 */
import type { Clock } from '../../../../sandbox/clock.ts'
import type { Ids } from '../../../../sandbox/ids.ts'

/** An error answer decided by the state layer; errors.ts turns it into the wire envelope. */
export interface AdaptyFailure {
  status: number
  errorCode: string
  /** One entry per field (source), each with its messages. */
  errors: Array<{ source: string | null; messages: string[] }>
  /** Seconds for a Retry-After header (409 in flight, 429). */
  retryAfterSeconds?: number
}

/** What a state function returns: a value, or the documented error to answer with. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AdaptyFailure }

/** Shorthand constructors for results. */
export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = (
  status: number,
  errorCode: string,
  source: string | null,
  message: string,
  retryAfterSeconds?: number,
): Result<never> => ({
  ok: false,
  error: {
    status,
    errorCode,
    errors: [{ source, messages: [message] }],
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  },
})

/** An offer attached to a purchase. */
export interface OfferRecord {
  category: string
  type: string
  id: string | null
}

/** An access level a profile holds. */
export interface AccessLevelRecord {
  accessLevelId: string
  store: string
  storeProductId: string
  storeBasePlanId: string | null
  storeTransactionId: string
  storeOriginalTransactionId: string
  offer: OfferRecord | null
  startsAt: string | null
  purchasedAt: string
  originallyPurchasedAt: string
  expiresAt: string | null
  renewalCancelledAt: string | null
  billingIssueDetectedAt: string | null
  isInGracePeriod: boolean
  cancellationReason: string | null
  /**
   * The environment (`Production`, `Sandbox`) of the transaction that gave the level; absent for
   * a level granted without one (grantAccessLevel), since AccessLevel documents it as optional.
   */
  environment?: string
}

/** A subscription on a profile. */
export interface SubscriptionRecord {
  store: string
  storeProductId: string
  storeBasePlanId: string | null
  storeTransactionId: string
  storeOriginalTransactionId: string
  offer: OfferRecord | null
  environment: string
  purchasedAt: string
  originallyPurchasedAt: string
  expiresAt: string | null
  renewalCancelledAt: string | null
  billingIssueDetectedAt: string | null
  isInGracePeriod: boolean
  cancellationReason: string | null
  /** What this purchase adds to total_revenue_usd (0 once refunded); set by setTransaction. */
  revenueUsd?: number
}

/** A one-time purchase on a profile. */
export interface NonSubscriptionRecord {
  purchaseId: string
  store: string
  storeProductId: string
  storeBasePlanId: string | null
  storeTransactionId: string
  storeOriginalTransactionId: string
  purchasedAt: string
  environment: string
  isRefund: boolean
  isConsumable: boolean
  /** What this purchase adds to total_revenue_usd (0 once refunded); set by setTransaction. */
  revenueUsd?: number
}

/** One applied virtual currency transaction. */
export interface VcTransactionRecord {
  transactionId: string
  transactionType: string
  items: Array<{ currencyCode: string; amount: number; balanceAfter: number }>
  metadata: Record<string, string> | null
  createdAt: string
}

/** What an Idempotency-Key remembers. */
export interface IdempotencyRecord {
  state: 'in-flight' | 'done'
  /** The status and body of the original answer, replayed as they were. */
  status?: number
  body?: unknown
  storedAt: number
}

/** One end user of the app. */
export interface ProfileRecord {
  profileId: string
  customerUserId: string | null
  /** Profile request fields by their wire names (first_name, email, …). */
  attributes: Record<string, unknown>
  customAttributes: Array<{ key: string; value: string | number }>
  installationMeta: Record<string, unknown> | null
  accessLevels: Map<string, AccessLevelRecord>
  subscriptions: SubscriptionRecord[]
  nonSubscriptions: NonSubscriptionRecord[]
  totalRevenueUsd: number
  integrationIds: Record<string, string | null>
  refundSaver: { consent: boolean; customPreference: 'grant' | 'no_preference' | 'decline' }
  vcBalances: Map<string, number>
  vcTransactions: VcTransactionRecord[]
  idempotency: Map<string, IdempotencyRecord>
}

/** A product shown on a paywall. */
export interface PaywallProductRecord {
  productId: string
  title: string
  productSet: string
  offer: { productOfferId: string; title: string } | null
}

/** A paywall of the app. */
export interface PaywallRecord {
  paywallId: string
  title: string
  usePaywallBuilder: boolean
  usePaywallBuilderLegacy: boolean
  createdAt: string
  updatedAt: string
  state: 'draft' | 'live' | 'inactive' | 'archived'
  isDeleted: boolean
  webPurchaseUrl: string | null
  products: PaywallProductRecord[]
  remoteConfigs: Array<{ locale: string; data: string }>
  mainScreenshot: { imageId: number; url: string } | null
}

/** A Stripe token the sandbox knows (`sub_…` or `pi_…`), and what it buys. */
export interface StripeTokenRecord {
  token: string
  storeProductId: string
  kind: 'subscription' | 'one_time'
  priceUsd: number
  accessLevelId: string | null
}

/** A Paddle token the sandbox knows. */
export interface PaddleTokenRecord {
  token: string
  storeProductId: string
  priceUsd: number
  accessLevelId: string | null
}

/** Per-app settings from the seed. */
export interface AppSettings {
  vcEnabled: boolean
  /** createVirtualCurrencyTransaction limit per minute for this app (Adapty default: 600). */
  vcRateLimitPerMinute: number
  paddleConfigured: boolean
}

/** The whole state of one app. */
export interface AdaptyStore {
  readonly clock: Clock
  readonly ids: Ids
  appId: string
  settings: AppSettings
  profiles: Map<string, ProfileRecord>
  profileIdByCustomerUserId: Map<string, string>
  /** Access levels configured in the app (e.g. `premium`). */
  accessLevels: Set<string>
  paywalls: Map<string, PaywallRecord>
  stripeTokens: Map<string, StripeTokenRecord>
  paddleTokens: Map<string, PaddleTokenRecord>
  /** Virtual currencies configured in the app: code → display name. */
  currencies: Map<string, string>
  /** Start times (ms) of recent VC transactions, for the per-app rate limit. */
  vcRequestTimes: number[]
  /** Test hooks: profiles whose next VC transaction waits until released (sandbox control). */
  vcHolds: Map<string, VcHold>
}

/** A held virtual currency transaction (see routes/control.ts). */
export interface VcHold {
  /** Resolves when a held request has arrived and registered its idempotency key. */
  arrived: Promise<void>
  signalArrived: () => void
  /** Resolves when the test releases the request. */
  released: Promise<void>
  release: () => void
}

/** A hold whose two promises resolve when its signal and release functions are called. */
export function createVcHold(): VcHold {
  let signalArrived = () => {}
  let release = () => {}
  const arrived = new Promise<void>((resolve) => {
    signalArrived = resolve
  })
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  return { arrived, signalArrived, released, release }
}

/** Creates an empty store; seeds fill it (see seed.ts). */
export function createStore(
  clock: Clock,
  ids: Ids,
  appId: string,
  settings: AppSettings,
): AdaptyStore {
  return {
    clock,
    ids,
    appId,
    settings,
    profiles: new Map(),
    profileIdByCustomerUserId: new Map(),
    accessLevels: new Set(),
    paywalls: new Map(),
    stripeTokens: new Map(),
    paddleTokens: new Map(),
    currencies: new Map(),
    vcRequestTimes: [],
    vcHolds: new Map(),
  }
}

/** The current time as an ISO string, from the injected clock. */
export function nowIso(store: AdaptyStore): string {
  return store.clock.now().toISOString()
}
