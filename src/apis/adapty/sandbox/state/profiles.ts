/** Profile lifecycle rules: create (or attach), update, delete, and the custom attribute limits. */
import type { Identity } from '../env.ts'
import { type AdaptyStore, fail, ok, type ProfileRecord, type Result } from './store.ts'

/** The most custom attributes a profile may hold. */
export const MAX_CUSTOM_ATTRIBUTES = 30

/** A profile request body after schema validation. */
export interface ProfileInput {
  custom_attributes?: Array<{ key: string; value: string | number }>
  installation_meta?: Record<string, unknown>
  [field: string]: unknown
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A new, empty profile record. */
export function newProfile(profileId: string, customerUserId: string | null): ProfileRecord {
  return {
    profileId,
    customerUserId,
    attributes: {},
    customAttributes: [],
    installationMeta: null,
    accessLevels: new Map(),
    subscriptions: [],
    nonSubscriptions: [],
    totalRevenueUsd: 0,
    integrationIds: {},
    refundSaver: { consent: true, customPreference: 'no_preference' },
    vcBalances: new Map(),
    vcTransactions: [],
    idempotency: new Map(),
  }
}

/** Looks a profile up by the identification headers: profile id first, then customer user id. */
export function findProfile(store: AdaptyStore, who: Identity): ProfileRecord | undefined {
  const id =
    who.profileId ??
    (who.customerUserId === undefined
      ? undefined
      : store.profileIdByCustomerUserId.get(who.customerUserId))
  return id === undefined ? undefined : store.profiles.get(id)
}

/** Merges attributes into a profile; fails (and changes nothing) past the 30-attribute limit. */
function applyInput(profile: ProfileRecord, input: ProfileInput): Result<ProfileRecord> {
  const merged = new Map(profile.customAttributes.map((a) => [a.key, a.value]))
  for (const { key, value } of input.custom_attributes ?? []) merged.set(key, value)
  if (merged.size > MAX_CUSTOM_ATTRIBUTES) {
    const message = `A profile holds at most ${MAX_CUSTOM_ATTRIBUTES} custom attributes; this request would leave ${merged.size}.`
    return fail(400, 'validation_error', 'custom_attributes', message)
  }
  profile.customAttributes = [...merged].map(([key, value]) => ({ key, value }))
  for (const [field, value] of Object.entries(input)) {
    if (field === 'custom_attributes') continue
    if (field === 'installation_meta') profile.installationMeta = value as Record<string, unknown>
    else profile.attributes[field] = value
  }
  return ok(profile)
}

/**
 * createProfile: with both headers, attaches the customer user id to the existing profile; with
 * one, returns (and updates) the profile it names or creates it; with none, creates an
 * anonymous profile.
 */
export function createProfile(
  store: AdaptyStore,
  who: Identity,
  input: ProfileInput,
): Result<ProfileRecord> {
  if (who.profileId !== undefined && !UUID.test(who.profileId)) {
    return fail(400, 'validation_error', 'adapty-profile-id', 'Must be a valid UUID.')
  }
  const byProfileId = who.profileId === undefined ? undefined : store.profiles.get(who.profileId)
  if (
    who.profileId !== undefined &&
    who.customerUserId !== undefined &&
    byProfileId === undefined
  ) {
    return fail(404, 'profile_does_not_exist', null, 'Profile not found')
  }
  const byCustomer =
    who.customerUserId === undefined
      ? undefined
      : findProfile(store, { customerUserId: who.customerUserId, profileId: undefined })
  if (byProfileId !== undefined && byCustomer !== undefined && byProfileId !== byCustomer) {
    const message = `Customer user id "${who.customerUserId}" already belongs to another profile.`
    return fail(400, 'customer_user_id_taken', 'adapty-customer-user-id', message)
  }
  const profile =
    byProfileId ??
    byCustomer ??
    newProfile(who.profileId ?? store.ids.uuid(), who.customerUserId ?? null)
  const applied = updateProfile(profile, input)
  if (!applied.ok) return applied
  if (who.customerUserId !== undefined) {
    profile.customerUserId = who.customerUserId
    store.profileIdByCustomerUserId.set(who.customerUserId, profile.profileId)
  }
  store.profiles.set(profile.profileId, profile)
  return ok(profile)
}

/** updateProfile: merges the given fields; nothing changes when the request is rejected. */
export function updateProfile(profile: ProfileRecord, input: ProfileInput): Result<ProfileRecord> {
  const draft = {
    ...profile,
    customAttributes: [...profile.customAttributes],
    attributes: { ...profile.attributes },
  }
  const applied = applyInput(draft, input)
  if (!applied.ok) return applied
  Object.assign(profile, draft)
  return ok(profile)
}

/** deleteProfile: removes the profile and frees its customer user id. */
export function deleteProfile(store: AdaptyStore, profile: ProfileRecord): void {
  store.profiles.delete(profile.profileId)
  if (profile.customerUserId !== null)
    store.profileIdByCustomerUserId.delete(profile.customerUserId)
}
