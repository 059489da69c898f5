/**
 * The only reader of process.env: builds the frozen run configuration. Defaults < .env file <
 * process env < explicit overrides (CLI flags). The local target needs no variables at all.
 */
import { existsSync, readFileSync } from 'node:fs'
import { parse as parseDotenv } from 'dotenv'
import { HarnessError } from '../errors.ts'
import { registerSecret } from '../redact/redact.ts'

/** Where a run sends its requests. */
export type TargetName = 'local' | 'remote'

/** Values that point a run at one Adapty app. */
export interface AdaptyTargetConfig {
  baseUrl: string
  apiKey: string
  /** Optional seeded data some tests need; a test without its data is skipped with a reason. */
  data: {
    paywallId?: string
    stripeToken?: string
    paddleToken?: string
    seededCustomerUserId?: string
    stripeOneTimeToken?: string
    vcDisabledApiKey?: string
    vcLimitedApiKey?: string
  }
}

/** The run configuration. */
export interface Config {
  target: TargetName
  /** Faker seed: the same seed gives the same payloads. */
  seed: number
  strictExtraFields: boolean
  /** Remote values; undefined for the local target, which takes them from the embedded sandbox. */
  adapty?: AdaptyTargetConfig
  /** Operations that create, change or delete data may run (always true on the local target). */
  allowWrites: boolean
  /** Identifies this run's test data (`subcontract-<runId>-…`), for teardown and cleanup. */
  runId: string
  /** Client pacing and timeouts for remote targets. */
  transport: {
    requestsPerSecond: number
    connectTimeoutMs: number
    headersTimeoutMs: number
    bodyTimeoutMs: number
  }
}

/** Explicit overrides, e.g. from CLI flags. */
export interface ConfigOverrides {
  target?: string
  seed?: string
  envFile?: string
  strictExtraFields?: boolean
  allowWrites?: boolean
}

/** The variables remote targets read, each with what it is for (also the source of .env.example). */
export const ENV_VARIABLES = {
  SUBCONTRACT_TARGET: 'local (default, the embedded sandbox) or remote',
  SUBCONTRACT_SEED: 'integer seed for generated payloads (default 1)',
  SUBCONTRACT_STRICT_EXTRA_FIELDS: 'true to fail on properties the contract does not list',
  SUBCONTRACT_RATE_LIMIT:
    'requests per second to a remote target (default 5, below the vendors limits)',
  SUBCONTRACT_CONNECT_TIMEOUT_MS: 'connect timeout in ms (default 10000)',
  SUBCONTRACT_HEADERS_TIMEOUT_MS: 'time to response headers in ms (default 30000)',
  SUBCONTRACT_BODY_TIMEOUT_MS: 'longest pause inside a response body in ms (default 30000)',
  SUBCONTRACT_ALLOW_WRITES:
    'true to let a remote run create, change and delete data (like --allow-writes)',
  ADAPTY_BASE_URL: 'Adapty API base URL (default https://api.adapty.io)',
  ADAPTY_SECRET_API_KEY: 'secret API key of the Adapty app to test (remote target)',
  ADAPTY_PAYWALL_ID: 'optional: a paywall id for the paywall tests',
  ADAPTY_STRIPE_TOKEN: 'optional: a Stripe subscription token for validateStripePurchase',
  ADAPTY_PADDLE_TOKEN: 'optional: a Paddle token for validatePaddlePurchase',
  ADAPTY_CUSTOMER_USER_ID: 'optional: an existing customer user id for read-only tests',
  ADAPTY_STRIPE_ONE_TIME_TOKEN:
    'optional: a Stripe payment intent token (pi_…) for validateStripePurchase',
  ADAPTY_VC_DISABLED_API_KEY:
    'optional: the key of an app without the virtual currency API (403 tests)',
} as const

const DEFAULT_ADAPTY_URL = 'https://api.adapty.io'

function readEnvFile(path: string): Record<string, string> {
  if (!existsSync(path)) {
    throw new HarnessError(
      'CONFIG_BAD_ENVIRONMENT_FILE',
      `Failed to load config: ${path} does not exist.`,
      {
        hint: 'create it from .env.example, or drop --env-file.',
      },
    )
  }
  return parseDotenv(readFileSync(path))
}

function parseSeed(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 1
  const seed = Number(raw)
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new HarnessError(
      'CONFIG_BAD_VARIABLE',
      `Failed to load config: seed "${raw}" is not a whole number.`,
      {
        hint: 'pass --seed 1234 or SUBCONTRACT_SEED=1234.',
      },
    )
  }
  return seed
}

function parsePositive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value <= 0) {
    throw new HarnessError(
      'CONFIG_BAD_VARIABLE',
      `Failed to load config: ${name} "${raw}" is not a positive number.`,
      {
        hint: `set ${name} to a number above 0, or remove it for the default ${fallback}.`,
      },
    )
  }
  return value
}

function parseUrl(name: string, raw: string, file: string): string {
  try {
    const url = new URL(raw)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)')
    return raw.replace(/\/+$/, '')
  } catch (cause) {
    throw new HarnessError(
      'CONFIG_BAD_VARIABLE',
      `Failed to load config: ${name} "${raw}" is not an http(s) URL.`,
      {
        hint: `set ${name} in ${file} to a URL such as ${DEFAULT_ADAPTY_URL}.`,
        cause,
      },
    )
  }
}

/** Builds the configuration. Throws HarnessError (exit code 2) on a missing or malformed variable. */
export function loadConfig(
  overrides: ConfigOverrides = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): Readonly<Config> {
  const envFile = overrides.envFile ?? env.SUBCONTRACT_ENV_FILE ?? '.env'
  const explicitFile = overrides.envFile !== undefined || env.SUBCONTRACT_ENV_FILE !== undefined
  const fromFile = explicitFile || existsSync(envFile) ? readEnvFile(envFile) : {}
  const get = (name: string) => env[name] ?? fromFile[name]
  const target = overrides.target ?? get('SUBCONTRACT_TARGET') ?? 'local'
  if (target !== 'local' && target !== 'remote') {
    throw new HarnessError(
      'CONFIG_BAD_VARIABLE',
      `Failed to load config: unknown target "${target}".`,
      {
        hint: 'use --target local (the embedded sandbox) or --target remote.',
      },
    )
  }
  const config: Config = {
    target,
    seed: parseSeed(overrides.seed ?? get('SUBCONTRACT_SEED')),
    strictExtraFields:
      overrides.strictExtraFields ?? get('SUBCONTRACT_STRICT_EXTRA_FIELDS') === 'true',
    allowWrites:
      target === 'local' || (overrides.allowWrites ?? get('SUBCONTRACT_ALLOW_WRITES') === 'true'),
    transport: {
      requestsPerSecond: parsePositive('SUBCONTRACT_RATE_LIMIT', get('SUBCONTRACT_RATE_LIMIT'), 5),
      connectTimeoutMs: parsePositive(
        'SUBCONTRACT_CONNECT_TIMEOUT_MS',
        get('SUBCONTRACT_CONNECT_TIMEOUT_MS'),
        10_000,
      ),
      headersTimeoutMs: parsePositive(
        'SUBCONTRACT_HEADERS_TIMEOUT_MS',
        get('SUBCONTRACT_HEADERS_TIMEOUT_MS'),
        30_000,
      ),
      bodyTimeoutMs: parsePositive(
        'SUBCONTRACT_BODY_TIMEOUT_MS',
        get('SUBCONTRACT_BODY_TIMEOUT_MS'),
        30_000,
      ),
    },
    runId: (get('SUBCONTRACT_RUN_ID') ?? Date.now().toString(36))
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 16),
  }
  if (target === 'remote') {
    const apiKey = get('ADAPTY_SECRET_API_KEY')
    if (apiKey === undefined || apiKey.trim() === '') {
      throw new HarnessError(
        'CONFIG_MISSING_VARIABLE',
        'Failed to load config: ADAPTY_SECRET_API_KEY is not set.',
        {
          hint: `add it to ${envFile} (see .env.example), or run with --target local.`,
        },
      )
    }
    registerSecret(apiKey)
    const optional = (name: string) => {
      const value = get(name)
      return value === undefined || value === '' ? undefined : value
    }
    const data: AdaptyTargetConfig['data'] = {}
    const assign = (key: keyof AdaptyTargetConfig['data'], name: string) => {
      const value = optional(name)
      if (value !== undefined) data[key] = value
    }
    assign('paywallId', 'ADAPTY_PAYWALL_ID')
    assign('stripeToken', 'ADAPTY_STRIPE_TOKEN')
    assign('paddleToken', 'ADAPTY_PADDLE_TOKEN')
    assign('seededCustomerUserId', 'ADAPTY_CUSTOMER_USER_ID')
    assign('stripeOneTimeToken', 'ADAPTY_STRIPE_ONE_TIME_TOKEN')
    assign('vcDisabledApiKey', 'ADAPTY_VC_DISABLED_API_KEY')
    registerSecret(data.stripeToken)
    registerSecret(data.paddleToken)
    registerSecret(data.stripeOneTimeToken)
    registerSecret(data.vcDisabledApiKey)
    config.adapty = {
      baseUrl: parseUrl('ADAPTY_BASE_URL', get('ADAPTY_BASE_URL') ?? DEFAULT_ADAPTY_URL, envFile),
      apiKey,
      data,
    }
  }
  return Object.freeze(config)
}
