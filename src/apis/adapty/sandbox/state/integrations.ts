/** Integration identifiers of a profile, and the profile-id rule the uuid-typed operations share. */
import { type AdaptyFailure, fail, ok, type ProfileRecord, type Result } from './store.ts'

/** Every identifier the integration endpoints know, in the contract's order. */
export const INTEGRATION_KEYS = [
  'adjust_device_id',
  'airbridge_device_id',
  'amplitude_device_id',
  'amplitude_user_id',
  'appmetrica_device_id',
  'appmetrica_profile_id',
  'appsflyer_id',
  'branch_id',
  'facebook_anonymous_id',
  'firebase_app_instance_id',
  'mixpanel_user_id',
  'one_signal_player_id',
  'one_signal_subscription_id',
  'posthog_distinct_user_id',
  'pushwoosh_hwid',
  'tenjin_analytics_installation_id',
] as const

/** One integration identifier name. */
export type IntegrationKey = (typeof INTEGRATION_KEYS)[number]

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The 400 for an `adapty-profile-id` that is not a UUID, or undefined when it is absent or well
 * formed. Only the Refund Saver and Integration operations declare the header `format: uuid`.
 */
export function malformedProfileId(profileId: string | undefined): AdaptyFailure | undefined {
  if (profileId === undefined || UUID.test(profileId)) return undefined
  return {
    status: 400,
    errorCode: 'validation_error',
    errors: [{ source: 'adapty-profile-id', messages: ['Must be a valid UUID.'] }],
  }
}

/** All identifiers of a profile; unset ones are null. */
export function integrationIdentifiers(
  profile: ProfileRecord,
): Record<IntegrationKey, string | null> {
  const out = {} as Record<IntegrationKey, string | null>
  for (const key of INTEGRATION_KEYS) out[key] = profile.integrationIds[key] ?? null
  return out
}

/**
 * Sets the identifiers the body names; null clears one. A body that names none is the spec's 400
 * "at least one integration identifier" (unknown keys do not count, and are ignored).
 */
export function setIntegrationIdentifiers(
  profile: ProfileRecord,
  input: Record<string, string | null>,
): Result<ProfileRecord> {
  const keys = INTEGRATION_KEYS.filter((key) => Object.hasOwn(input, key))
  if (keys.length === 0) {
    return fail(
      400,
      'validation_error',
      'non_field_errors',
      `Send at least one integration identifier: ${INTEGRATION_KEYS.join(', ')}.`,
    )
  }
  for (const key of keys) {
    const value = input[key] ?? null
    if (value === null) delete profile.integrationIds[key]
    else profile.integrationIds[key] = value
  }
  return ok(profile)
}
