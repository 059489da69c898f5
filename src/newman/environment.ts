/**
 * Builds the Postman environment for a run in memory, from the target's values (the embedded
 * sandbox or .env). Secrets are never written to disk: the committed environment files carry
 * only the sandbox's fake key or empty secret slots.
 */
import type { PostmanEnvironment } from './run-collection.ts'

/** Which .env variable feeds which Postman variable (the one mapping table). */
export const ENV_TO_POSTMAN = {
  ADAPTY_BASE_URL: 'base_url',
  ADAPTY_SECRET_API_KEY: 'secret_api_key',
  ADAPTY_PAYWALL_ID: 'paywall_id',
  ADAPTY_STRIPE_TOKEN: 'stripe_token',
  ADAPTY_PADDLE_TOKEN: 'paddle_token',
  ADAPTY_VC_CURRENCY_CODES: 'vc_currency_codes',
} as const

/** Postman variables that hold secrets (type "secret" in environment files). */
export const SECRET_VARIABLES: readonly string[] = [
  'secret_api_key',
  'stripe_token',
  'paddle_token',
]

/** Variables the collection sets itself while it runs (chaining); environments declare them empty. */
export const RUNTIME_VARIABLES: readonly string[] = [
  'adapty-customer-user-id',
  'adapty-profile-id',
  'adapty-platform',
  'run_id',
  'profile_created',
  // The first of vc_currency_codes, set by the collection's pre-request script.
  'vc_currency_code',
]

/** Values for one run, by .env variable name. */
export type TargetValues = Partial<Record<keyof typeof ENV_TO_POSTMAN, string>>

/** Builds the in-memory environment newman runs with. */
export function buildEnvironment(values: TargetValues, runId: string): PostmanEnvironment {
  const entries = Object.entries(ENV_TO_POSTMAN).map(([envName, key]) => ({
    key,
    value: values[envName as keyof TargetValues] ?? '',
    type: SECRET_VARIABLES.includes(key) ? 'secret' : 'default',
    enabled: true,
  }))
  return {
    name: 'subcontract run',
    values: [
      ...entries,
      { key: 'adapty-customer-user-id', value: '', type: 'default', enabled: true },
      { key: 'adapty-profile-id', value: '', type: 'default', enabled: true },
      { key: 'adapty-platform', value: 'iOS', type: 'default', enabled: true },
      { key: 'run_id', value: runId, type: 'default', enabled: true },
      { key: 'profile_created', value: '', type: 'default', enabled: true },
      { key: 'vc_currency_code', value: '', type: 'default', enabled: true },
    ],
  }
}

/** The committed environment files: `local` points at `npm run sandbox`, `remote` is a template. */
export function environmentFile(
  kind: 'local' | 'remote',
  sandbox: TargetValues,
): PostmanEnvironment & { id: string; _postman_variable_scope: string } {
  const values: TargetValues =
    kind === 'local' ? sandbox : { ADAPTY_BASE_URL: 'https://api.adapty.io' }
  const env = buildEnvironment(values, '')
  return {
    id:
      kind === 'local'
        ? '3b0c6e1a-9f2d-4c8b-a7e5-1d4f6a8c2e01'
        : '5d2e8a3c-1b4f-4e6a-9c7d-3f5a7c9e4b02',
    name: kind === 'local' ? 'subcontract local sandbox' : 'subcontract remote (template)',
    values: env.values,
    _postman_variable_scope: 'environment',
  }
}
