/** Refund Saver settings of a profile: the refund preference and the data-sharing consent. */
import { fail, ok, type ProfileRecord, type Result } from './store.ts'

/** A setRefundSaverSettings body after schema validation. */
export interface RefundSaverInput {
  custom_preference?: 'grant' | 'no_preference' | 'decline' | null
  consent?: boolean | null
}

/**
 * Changes the settings the body provides. `null` counts as not provided and leaves a setting as
 * it is; a body that provides neither setting is the spec's 400 validation_error.
 */
export function setRefundSaverSettings(
  profile: ProfileRecord,
  input: RefundSaverInput,
): Result<ProfileRecord> {
  const preference = input.custom_preference ?? undefined
  const consent = input.consent ?? undefined
  if (preference === undefined && consent === undefined) {
    return fail(
      400,
      'validation_error',
      'non_field_errors',
      'Send consent, custom_preference or both; null leaves a setting unchanged.',
    )
  }
  if (preference !== undefined) profile.refundSaver.customPreference = preference
  if (consent !== undefined) profile.refundSaver.consent = consent
  return ok(profile)
}
