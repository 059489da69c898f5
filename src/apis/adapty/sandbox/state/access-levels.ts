/** Access level rules: grant (or replace) and revoke, now or at a future date, and expiry. */
import {
  type AccessLevelRecord,
  type AdaptyStore,
  fail,
  nowIso,
  ok,
  type ProfileRecord,
  type Result,
} from './store.ts'

/** A grantAccessLevel body after schema validation. */
export interface GrantInput {
  access_level_id: string
  starts_at?: string | null
  expires_at?: string | null
}

/** A revokeAccessLevel body after schema validation. */
export interface RevokeInput {
  access_level_id: string
  revoke_at?: string | null
}

/** The access level the docs name as the default of every app. */
const DEFAULT_LEVEL = 'premium'

/** The store name of levels granted through the API. */
const GRANT_STORE = 'adapty'

const time = (iso: string) => new Date(iso).getTime()

/** Any accepted date-time, written back the way the sandbox always answers (UTC, ms). */
export const isoOf = (value: string) => new Date(value).toISOString()

/**
 * The level a purchase unlocks: the app's `premium` level when it has one (the docs' default),
 * else its first configured level, else none.
 */
export function defaultAccessLevel(store: AdaptyStore): string | undefined {
  if (store.accessLevels.has(DEFAULT_LEVEL)) return DEFAULT_LEVEL
  return store.accessLevels.values().next().value
}

/** Removes access levels whose expiry has passed by the store's clock. */
export function expireAccessLevels(store: AdaptyStore, profile: ProfileRecord): void {
  const now = store.clock.now().getTime()
  for (const [id, level] of profile.accessLevels) {
    if (level.expiresAt !== null && time(level.expiresAt) <= now) profile.accessLevels.delete(id)
  }
}

/** True when level `a` lasts longer than an expiry of `expiresAt` (null: never expires). */
export function outlasts(a: AccessLevelRecord, expiresAt: string | null): boolean {
  if (a.expiresAt === null) return expiresAt !== null
  return expiresAt !== null && time(a.expiresAt) > time(expiresAt)
}

function unknownLevel(accessLevelId: string): Result<never> {
  return fail(
    400,
    'paid_access_level_does_not_exist',
    'non_field_errors',
    `Paid access level "${accessLevelId}" does not exist in this app.`,
  )
}

/**
 * grantAccessLevel: gives the profile a level from store "adapty". Granting a level it already
 * holds replaces that period. An expiry in the past is accepted (the docs allow it) and the level
 * lapses at once; an expiry not after an explicit `starts_at` is a value_error.
 */
export function grantAccessLevel(
  store: AdaptyStore,
  profile: ProfileRecord,
  input: GrantInput,
): Result<ProfileRecord> {
  if (!store.accessLevels.has(input.access_level_id)) return unknownLevel(input.access_level_id)
  const startsAt = input.starts_at == null ? null : isoOf(input.starts_at)
  const expiresAt = input.expires_at == null ? null : isoOf(input.expires_at)
  if (startsAt !== null && expiresAt !== null && time(expiresAt) <= time(startsAt)) {
    return fail(400, 'value_error', 'expires_at', 'expires_at must be later than starts_at.')
  }
  const now = nowIso(store)
  const transactionId = `adapty_grant_${store.ids.token('tx')}`
  const previous = profile.accessLevels.get(input.access_level_id)
  const sameGrant = previous?.store === GRANT_STORE
  profile.accessLevels.set(input.access_level_id, {
    accessLevelId: input.access_level_id,
    store: GRANT_STORE,
    storeProductId: 'adapty_granted',
    storeBasePlanId: null,
    storeTransactionId: transactionId,
    storeOriginalTransactionId: sameGrant ? previous.storeOriginalTransactionId : transactionId,
    offer: null,
    startsAt,
    purchasedAt: now,
    originallyPurchasedAt: sameGrant ? previous.originallyPurchasedAt : now,
    expiresAt,
    renewalCancelledAt: null,
    billingIssueDetectedAt: null,
    isInGracePeriod: false,
    cancellationReason: null,
  })
  expireAccessLevels(store, profile)
  return ok(profile)
}

/**
 * revokeAccessLevel: removes a level now (no `revoke_at`), or schedules its end by moving its
 * expiry to a future `revoke_at` that is not later than its current expiry.
 */
export function revokeAccessLevel(
  store: AdaptyStore,
  profile: ProfileRecord,
  input: RevokeInput,
): Result<ProfileRecord> {
  if (!store.accessLevels.has(input.access_level_id)) return unknownLevel(input.access_level_id)
  expireAccessLevels(store, profile)
  const level = profile.accessLevels.get(input.access_level_id)
  if (level === undefined) {
    return fail(
      400,
      'profile_paid_access_level_does_not_exist',
      'non_field_errors',
      `Profile "${profile.profileId}" has no access level "${input.access_level_id}".`,
    )
  }
  if (input.revoke_at == null) {
    profile.accessLevels.delete(input.access_level_id)
    return ok(profile)
  }
  const revokeAt = isoOf(input.revoke_at)
  if (time(revokeAt) <= store.clock.now().getTime()) {
    return fail(
      400,
      'value_error',
      'revoke_at',
      'revoke_at must be later than the current time, or null to revoke now.',
    )
  }
  if (level.expiresAt !== null && time(revokeAt) > time(level.expiresAt)) {
    return fail(
      400,
      'revocation_date_more_than_expiration_date',
      'revoke_at',
      `revoke_at (${revokeAt}) is later than the access level's expiry (${level.expiresAt}); grant the level again to extend it.`,
    )
  }
  level.expiresAt = revokeAt
  level.renewalCancelledAt = nowIso(store)
  return ok(profile)
}
