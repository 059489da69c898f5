/** Integration identifiers and Refund Saver settings of a profile. */
import { fail, ok, type ProfileRecord, type Result } from './store.ts'

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

/** All identifiers of a profile; unset ones are null. */
export function integrationIdentifiers(profile: ProfileRecord): Record<string, string | null> {
  return Object.fromEntries(
    INTEGRATION_KEYS.map((key) => [key, profile.integrationIds[key] ?? null]),
  )
}

/** Sets the given identifiers (null clears one); an empty body is rejected (DECISIONS.md, A-26). */
export function setIntegrationIdentifiers(
  profile: ProfileRecord,
  input: Record<string, string | null>,
): Result<ProfileRecord> {
  const keys = Object.keys(input).filter((k) => (INTEGRATION_KEYS as readonly string[]).includes(k))
  if (keys.length === 0) {
    return fail(
      400,
      'validation_error',
      'non_field_errors',
      `Send at least one of: ${INTEGRATION_KEYS.join(', ')}.`,
    )
  }
  for (const key of keys) {
    const value = input[key] ?? null
    if (value === null) delete profile.integrationIds[key]
    else profile.integrationIds[key] = value
  }
  return ok(profile)
}

/** A setRefundSaverSettings body after schema validation. */
export interface RefundSaverInput {
  custom_preference?: 'grant' | 'no_preference' | 'decline' | null
  consent?: boolean | null
}

/** Changes the provided settings; null or absent leaves a setting as it is (DECISIONS.md, A-27). */
export function setRefundSaverSettings(
  profile: ProfileRecord,
  input: RefundSaverInput,
): Result<ProfileRecord> {
  if (input.custom_preference !== undefined && input.custom_preference !== null) {
    profile.refundSaver.customPreference = input.custom_preference
  }
  if (input.consent !== undefined && input.consent !== null)
    profile.refundSaver.consent = input.consent
  return ok(profile)
}
