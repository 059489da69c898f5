/**
 * The declared lists of configuration variables: the run's own (SUBCONTRACT_*) here, and each
 * API's in its ApiDefinition (`target.variables`). From them: loadConfig reads them, `.env.example`
 * is generated (the drift gate fails when the committed one differs), `subcontract sandbox
 * --write-env` writes every value the sandbox has, the suites' skip reasons name the variable, and
 * the embedded sandbox's values reach the suites through the same mapping.
 */
import { registerSecret } from '../redact/redact.ts'

/** One run variable (SUBCONTRACT_*). */
export interface TargetVariable {
  name: string
  /** One line for `.env.example` and help. */
  description: string
  /** The value shown in `.env.example`. */
  example: string
  /** The value `sandbox --write-env` writes for it, if any. */
  forSandbox?: string
}

/**
 * One target value of an API: loadConfig reads it, `.env.example` lists it, the Postman
 * environment carries it, `sandbox --write-env` writes it and the sandbox seeds it.
 */
export interface ApiVariable {
  /** The .env name (`ADAPTY_SECRET_API_KEY`). */
  name: string
  /** One line for `.env.example` and help. */
  description: string
  /** The value shown in `.env.example` (empty for values only the user has). */
  example: string
  /**
   * `baseUrl` and `apiKey` point a run at the API (a remote run of the API needs the key);
   * `data` values are seeded facts some tests need: a test without its value is skipped, naming
   * the variable.
   */
  role: 'baseUrl' | 'apiKey' | 'data'
  /** The name the suites use for a data value (`paywallId`). */
  dataKey?: string
  /** Redacted by value from every output (keys and tokens). */
  secret?: boolean
  /** The Postman variable it feeds; absent when the collection does not use it. */
  postman?: string
  /** A comma-separated list: spaces around commas are dropped, every item must match this. */
  listItem?: RegExp
}

/** What config needs to know of one API (its ApiDefinition's name, title and target). */
export interface ApiTargetSpec {
  name: string
  title: string
  target: {
    defaultBaseUrl: string
    variables: readonly ApiVariable[]
  }
}

/** Values of one API's target data, by data key (a list is comma-separated, as in .env). */
export type TargetDataValues = Readonly<Record<string, string>>

/** The run's own variables, in `.env.example` order. */
export const RUN_VARIABLES: readonly TargetVariable[] = [
  {
    name: 'SUBCONTRACT_TARGET',
    description: 'local (default, the embedded sandbox) or remote',
    example: 'local',
    forSandbox: 'remote',
  },
  {
    name: 'SUBCONTRACT_SEED',
    description: 'integer seed for generated payloads (default 1)',
    example: '1',
  },
  {
    name: 'SUBCONTRACT_STRICT_EXTRA_FIELDS',
    description: 'true to fail on response properties the contract does not list',
    example: 'false',
  },
  {
    name: 'SUBCONTRACT_RATE_LIMIT',
    description:
      'requests per second to a remote target, for everything the harness sends (default 5)',
    example: '5',
    // The sandbox takes a hundred times the vendors' limits (RevenueCat's S-15): at the 5 a
    // second a real API needs, a writing run of both APIs against it would take six minutes.
    forSandbox: '200',
  },
  {
    name: 'SUBCONTRACT_CONNECT_TIMEOUT_MS',
    description: 'connect timeout in ms (default 10000)',
    example: '10000',
  },
  {
    name: 'SUBCONTRACT_HEADERS_TIMEOUT_MS',
    description: 'time to response headers in ms (default 30000)',
    example: '30000',
  },
  {
    name: 'SUBCONTRACT_BODY_TIMEOUT_MS',
    description: 'longest pause inside a response body in ms (default 30000)',
    example: '30000',
  },
  {
    name: 'SUBCONTRACT_ALLOW_WRITES',
    description: 'true to let a remote run create, change and delete data (like --allow-writes)',
    example: 'false',
  },
]

/** The variable of an API with a role (its base URL or its key). */
export function variableOf(spec: ApiTargetSpec, role: 'baseUrl' | 'apiKey'): ApiVariable {
  const found = spec.target.variables.find((v) => v.role === role)
  if (found === undefined) throw new Error(`${spec.name} declares no ${role} variable`)
  return found
}

/** The variable that fills each data key of an API (for skip reasons). */
export function dataVariables(spec: ApiTargetSpec): Readonly<Record<string, string>> {
  return Object.fromEntries(
    spec.target.variables.flatMap((v) => (v.dataKey === undefined ? [] : [[v.dataKey, v.name]])),
  )
}

/** One API's values, by variable name (what a sandbox seeds, or what .env gives). */
export type ApiValues = Readonly<Record<string, string>>

/** An API's data values (by data key) from its values by variable name. */
export function dataOf(spec: ApiTargetSpec, values: ApiValues): TargetDataValues {
  const data: Record<string, string> = {}
  for (const v of spec.target.variables) {
    const value = values[v.name]
    if (v.dataKey !== undefined && value !== undefined && value !== '') data[v.dataKey] = value
  }
  return data
}

/** The dotenv lines that point a remote run at a running sandbox's APIs. */
export function renderSandboxEnv(
  apis: ReadonlyArray<{ spec: ApiTargetSpec; values: ApiValues }>,
): string {
  const run = RUN_VARIABLES.flatMap((v) =>
    v.forSandbox === undefined ? [] : [`${v.name}=${v.forSandbox}`],
  )
  const lines = apis.flatMap(({ spec, values }) =>
    spec.target.variables.flatMap((v) => {
      const value = values[v.name]
      return value === undefined || value === '' ? [] : [`${v.name}=${value}`]
    }),
  )
  return [
    '# Written by subcontract sandbox --write-env: points a remote run at the local sandbox.',
    ...run,
    ...lines,
    '',
  ].join('\n')
}

/** The text `.env.example` must have (the drift gate compares it). */
export function renderEnvExample(specs: readonly ApiTargetSpec[]): string {
  const lines = (vars: ReadonlyArray<{ name: string; description: string; example: string }>) =>
    vars.flatMap((v) => [`# ${v.description}`, `${v.name}=${v.example}`])
  return [
    '# subcontract configuration. Copy to .env for remote runs; .env is git-ignored.',
    '# Every run defaults to the embedded sandbox and needs none of these.',
    "# Generated from src/config/target-variables.ts and each API's target variables: run `subcontract drift --write-env-example`.",
    '',
    ...lines(RUN_VARIABLES),
    ...specs.flatMap((spec) => ['', `# ${spec.title}`, ...lines(spec.target.variables)]),
    '',
  ].join('\n')
}

/**
 * Registers for redaction every value of `values` that a secret variable of `spec` names (a
 * sandbox's seeded keys are fake, but they are treated like any key: they never reach a report).
 */
export function registerSecretValues(
  spec: ApiTargetSpec,
  values: Readonly<Record<string, string>>,
): void {
  for (const variable of spec.target.variables)
    if (variable.secret === true && values[variable.name] !== undefined)
      registerSecret(values[variable.name])
}
