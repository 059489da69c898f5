/** Access level rules: grant (or extend) and revoke, now or at a future date. */
import { type AdaptyStore, fail, nowIso, ok, type ProfileRecord, type Result } from './store.ts'

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

const time = (iso: string) => new Date(iso).getTime()

/** The app's default paid access level: what purchases without a mapping unlock (DECISIONS.md, A-25). */
export function defaultAccessLevel(store: AdaptyStore): string {
  return store.accessLevels.values().next().value ?? 'premium'
}

/** Removes access levels whose expiry has passed by the store's clock. */
export function expireAccessLevels(store: AdaptyStore, profile: ProfileRecord): void {
  const now = store.clock.now().getTime()
  for (const [id, level] of profile.accessLevels) {
    if (level.expiresAt !== null && time(level.expiresAt) <= now) profile.accessLevels.delete(id)
  }
}

/** Grants an access level (store "adapty"); granting a held level replaces its period. */
export function grantAccessLevel(
  store: AdaptyStore,
  profile: ProfileRecord,
  input: GrantInput,
): Result<ProfileRecord> {
  if (!store.accessLevels.has(input.access_level_id)) {
    return fail(
      400,
      'paid_access_level_does_not_exist',
      'access_level_id',
      `Paid access level "${input.access_level_id}" does not exist in this app.`,
    )
  }
  const now = nowIso(store)
  const startsAt = input.starts_at ?? now
  const expiresAt = input.expires_at ?? null
  if (expiresAt !== null && time(expiresAt) <= time(startsAt)) {
    return fail(400, 'validation_error', 'expires_at', 'expires_at must be later than starts_at.')
  }
  const transactionId = `adapty_grant_${store.ids.token('tx')}`
  const previous = profile.accessLevels.get(input.access_level_id)
  profile.accessLevels.set(input.access_level_id, {
    accessLevelId: input.access_level_id,
    store: 'adapty',
    storeProductId: 'adapty_granted',
    storeBasePlanId: null,
    storeTransactionId: transactionId,
    storeOriginalTransactionId: previous?.storeOriginalTransactionId ?? transactionId,
    offer: null,
    startsAt,
    purchasedAt: now,
    originallyPurchasedAt: previous?.originallyPurchasedAt ?? now,
    expiresAt,
    renewalCancelledAt: null,
    billingIssueDetectedAt: null,
    isInGracePeriod: false,
    cancellationReason: null,
  })
  return ok(profile)
}

/** Revokes an access level now, or schedules it by moving its expiry to `revoke_at`. */
export function revokeAccessLevel(
  store: AdaptyStore,
  profile: ProfileRecord,
  input: RevokeInput,
): Result<ProfileRecord> {
  if (!store.accessLevels.has(input.access_level_id)) {
    return fail(
      400,
      'paid_access_level_does_not_exist',
      'access_level_id',
      `Paid access level "${input.access_level_id}" does not exist in this app.`,
    )
  }
  expireAccessLevels(store, profile)
  const level = profile.accessLevels.get(input.access_level_id)
  if (level === undefined) {
    return fail(
      400,
      'profile_paid_access_level_does_not_exist',
      'access_level_id',
      `The profile has no access level "${input.access_level_id}".`,
    )
  }
  const revokeAt = input.revoke_at ?? null
  if (revokeAt === null) {
    profile.accessLevels.delete(input.access_level_id)
    return ok(profile)
  }
  if (time(revokeAt) < store.clock.now().getTime()) {
    return fail(
      400,
      'value_error',
      'revoke_at',
      'revoke_at is in the past; set a future date, or null to revoke now.',
    )
  }
  if (level.expiresAt !== null && time(revokeAt) > time(level.expiresAt)) {
    return fail(
      400,
      'revocation_date_more_than_expiration_date',
      'revoke_at',
      'revoke_at is later than the access level expires; use grantAccessLevel to extend it.',
    )
  }
  level.expiresAt = revokeAt
  level.renewalCancelledAt = nowIso(store)
  return ok(profile)
}
