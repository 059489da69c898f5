/**
 * The one declared list of configuration variables. From it: loadConfig reads them, `.env.example`
 * is generated (and the drift gate fails when the committed one differs), `subcontract sandbox
 * --write-env` writes every value the sandbox has, the suites' skip reasons name the variable, and
 * the embedded sandbox's values reach the suites through the same mapping.
 */

/** The seeded values a test may need on a target; a test without its value is skipped. */
export type TargetDataKey =
  | 'paywallId'
  | 'stripeToken'
  | 'stripeOneTimeToken'
  | 'paddleToken'
  | 'seededCustomerUserId'
  | 'vcDisabledApiKey'
  | 'vcLimitedApiKey'
  | 'paddleUnconfiguredApiKey'
  | 'vcCurrencyCodes'

/** Values of the target data, by key (a currency list is comma-separated, as in .env). */
export type TargetDataValues = Partial<Record<TargetDataKey, string>>

/**
 * What a running sandbox tells about itself (structurally the sandbox's AdaptySandboxInfo; the
 * config layer may not import the sandbox).
 */
export interface SandboxTargetInfo {
  url: string
  apiKey: string
  /** API keys of the seeded apps, by app name (`main`, `vc-disabled`, `vc-limited`). */
  keys: Readonly<Record<string, string>>
  paywallId: string
  stripeToken: string
  stripeOneTimeToken: string
  paddleToken: string
  seededCustomerUserId: string
  /** Currency codes of the main app's virtual currencies. */
  currencyCodes?: readonly string[]
}

/** One variable. */
export interface TargetVariable {
  name: string
  /** One line for `.env.example` and help. */
  description: string
  /** The section of `.env.example`. */
  section: 'run' | 'target'
  /** The value shown in `.env.example` (empty for values only the user has). */
  example: string
  /** Redacted by value from every output (keys and tokens). */
  secret?: boolean
  /** A remote run stops with exit 2 without it. */
  requiredForRemote?: boolean
  /** The TargetData key it fills, for the suites and their skip reasons. */
  dataKey?: TargetDataKey
  /** A comma-separated list: spaces around commas are dropped, every item must match this. */
  listItem?: RegExp
  /** The value a running sandbox provides for it (undefined or '': it has none). */
  fromSandbox?: (sandbox: SandboxTargetInfo) => string | undefined
}

/** Every variable subcontract reads, in `.env.example` order. */
export const TARGET_VARIABLES: readonly TargetVariable[] = [
  {
    name: 'SUBCONTRACT_TARGET',
    section: 'run',
    description: 'local (default, the embedded sandbox) or remote',
    example: 'local',
    fromSandbox: () => 'remote',
  },
  {
    name: 'SUBCONTRACT_SEED',
    section: 'run',
    description: 'integer seed for generated payloads (default 1)',
    example: '1',
  },
  {
    name: 'SUBCONTRACT_STRICT_EXTRA_FIELDS',
    section: 'run',
    description: 'true to fail on response properties the contract does not list',
    example: 'false',
  },
  {
    name: 'SUBCONTRACT_RATE_LIMIT',
    section: 'run',
    description:
      'requests per second to a remote target, for everything the harness sends (default 5)',
    example: '5',
  },
  {
    name: 'SUBCONTRACT_CONNECT_TIMEOUT_MS',
    section: 'run',
    description: 'connect timeout in ms (default 10000)',
    example: '10000',
  },
  {
    name: 'SUBCONTRACT_HEADERS_TIMEOUT_MS',
    section: 'run',
    description: 'time to response headers in ms (default 30000)',
    example: '30000',
  },
  {
    name: 'SUBCONTRACT_BODY_TIMEOUT_MS',
    section: 'run',
    description: 'longest pause inside a response body in ms (default 30000)',
    example: '30000',
  },
  {
    name: 'SUBCONTRACT_ALLOW_WRITES',
    section: 'run',
    description: 'true to let a remote run create, change and delete data (like --allow-writes)',
    example: 'false',
  },
  {
    name: 'ADAPTY_BASE_URL',
    section: 'target',
    description: 'Adapty API base URL (default https://api.adapty.io)',
    example: 'https://api.adapty.io',
    fromSandbox: (s) => s.url,
  },
  {
    name: 'ADAPTY_SECRET_API_KEY',
    section: 'target',
    description: 'secret API key of the Adapty app to test (remote target); never commit it',
    example: '',
    secret: true,
    requiredForRemote: true,
    fromSandbox: (s) => s.apiKey,
  },
  {
    name: 'ADAPTY_PAYWALL_ID',
    section: 'target',
    description: 'optional: a paywall id for the paywall tests',
    example: '',
    dataKey: 'paywallId',
    fromSandbox: (s) => s.paywallId,
  },
  {
    name: 'ADAPTY_STRIPE_TOKEN',
    section: 'target',
    description: 'optional: a Stripe subscription token for validateStripePurchase',
    example: '',
    secret: true,
    dataKey: 'stripeToken',
    fromSandbox: (s) => s.stripeToken,
  },
  {
    name: 'ADAPTY_STRIPE_ONE_TIME_TOKEN',
    section: 'target',
    description: 'optional: a Stripe payment intent token (pi_…) for validateStripePurchase',
    example: '',
    secret: true,
    dataKey: 'stripeOneTimeToken',
    fromSandbox: (s) => s.stripeOneTimeToken,
  },
  {
    name: 'ADAPTY_PADDLE_TOKEN',
    section: 'target',
    description: 'optional: a Paddle token for validatePaddlePurchase',
    example: '',
    secret: true,
    dataKey: 'paddleToken',
    fromSandbox: (s) => s.paddleToken,
  },
  {
    name: 'ADAPTY_CUSTOMER_USER_ID',
    section: 'target',
    description: 'optional: an existing customer user id for read-only tests',
    example: '',
    dataKey: 'seededCustomerUserId',
    fromSandbox: (s) => s.seededCustomerUserId,
  },
  {
    name: 'ADAPTY_VC_CURRENCY_CODES',
    section: 'target',
    description:
      'optional: three or more virtual currency codes of the app, comma-separated (virtual currency tests)',
    example: '',
    dataKey: 'vcCurrencyCodes',
    listItem: /^[A-Za-z0-9_-]+$/,
    fromSandbox: (s) => s.currencyCodes?.join(','),
  },
  {
    name: 'ADAPTY_VC_DISABLED_API_KEY',
    section: 'target',
    description: 'optional: the key of an app without the virtual currency API (403 tests)',
    example: '',
    secret: true,
    dataKey: 'vcDisabledApiKey',
    fromSandbox: (s) => s.keys['vc-disabled'],
  },
  {
    name: 'ADAPTY_VC_LIMITED_API_KEY',
    section: 'target',
    description:
      'optional: the key of an app allowing 2 virtual currency transactions a minute (429 test)',
    example: '',
    secret: true,
    dataKey: 'vcLimitedApiKey',
    fromSandbox: (s) => s.keys['vc-limited'],
  },
  {
    name: 'ADAPTY_PADDLE_UNCONFIGURED_API_KEY',
    section: 'target',
    description: 'optional: the key of an app without Paddle credentials (validatePaddlePurchase)',
    example: '',
    secret: true,
    dataKey: 'paddleUnconfiguredApiKey',
    fromSandbox: (s) => s.keys['vc-disabled'],
  },
]

/** The variable that fills each target data key (for skip reasons). */
export const DATA_VARIABLES = Object.fromEntries(
  TARGET_VARIABLES.flatMap((v) => (v.dataKey === undefined ? [] : [[v.dataKey, v.name]])),
) as Record<TargetDataKey, string>

/** Every value a running sandbox has, by variable name, in list order. */
export function sandboxValues(sandbox: SandboxTargetInfo): Array<[string, string]> {
  return TARGET_VARIABLES.flatMap((v) => {
    const value = v.fromSandbox?.(sandbox)
    return value === undefined || value === '' ? [] : [[v.name, value] as [string, string]]
  })
}

/** The target data of a running sandbox (the embedded one), through the same mapping. */
export function sandboxData(sandbox: SandboxTargetInfo): TargetDataValues {
  const byName = new Map(sandboxValues(sandbox))
  const data: TargetDataValues = {}
  for (const v of TARGET_VARIABLES) {
    const value = byName.get(v.name)
    if (v.dataKey !== undefined && value !== undefined) data[v.dataKey] = value
  }
  return data
}

/** The dotenv lines that point a remote run at a running sandbox. */
export function renderSandboxEnv(sandbox: SandboxTargetInfo): string {
  return [
    '# Written by subcontract sandbox --write-env: points a remote run at the local sandbox.',
    ...sandboxValues(sandbox).map(([name, value]) => `${name}=${value}`),
    '',
  ].join('\n')
}

/** The text `.env.example` must have (the drift gate compares it). */
export function renderEnvExample(): string {
  const section = (name: TargetVariable['section']) =>
    TARGET_VARIABLES.filter((v) => v.section === name).flatMap((v) => [
      `# ${v.description}`,
      `${v.name}=${v.example}`,
    ])
  return [
    '# subcontract configuration. Copy to .env for remote runs; .env is git-ignored.',
    '# Every run defaults to the embedded sandbox and needs none of these.',
    '# Generated from src/config/target-variables.ts: run `subcontract drift --write-env-example`.',
    '',
    ...section('run'),
    '',
    ...section('target'),
    '',
  ].join('\n')
}
