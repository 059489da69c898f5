/**
 * The only reader of process.env: builds the frozen run configuration. Defaults < .env file <
 * process env < explicit overrides (CLI flags). The local target needs no variables at all.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { parse as parseDotenv } from 'dotenv'
import { HarnessError } from '../errors.ts'
import { registerSecret } from '../redact/redact.ts'
import {
  type ApiTargetSpec,
  type ApiVariable,
  RUN_VARIABLES,
  type TargetDataValues,
  variableOf,
} from './target-variables.ts'

/** Where a run sends its requests. */
export type TargetName = 'local' | 'remote'

/** Values that point a run at one API (one Adapty app, one RevenueCat project). */
export interface ApiTargetConfig {
  baseUrl: string
  apiKey: string
  /** Optional seeded data some tests need, by data key; a test without it is skipped with a reason. */
  data: TargetDataValues
  /** Every configured value by variable name (base URL, key, data), for tools that take variables (Newman). */
  values: Readonly<Record<string, string>>
}

/** The run configuration. */
export interface Config {
  target: TargetName
  /** Faker seed: the same seed gives the same payloads. */
  seed: number
  strictExtraFields: boolean
  /** The APIs this run is for (their keys are the only ones a remote run asks for). */
  apis: readonly string[]
  /** Remote values per API; empty for the local target, which takes them from the embedded sandbox. */
  targets: Readonly<Record<string, ApiTargetConfig>>
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
    /**
     * The pace server of the run this process belongs to (SUBCONTRACT_PACE_URL, set by the run
     * for its workers), so that every process of a run shares one pace.
     */
    paceUrl?: string
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

/** Every run variable with what it is for (from the one list in target-variables.ts). */
export const ENV_VARIABLES: Readonly<Record<string, string>> = Object.fromEntries(
  RUN_VARIABLES.map((v) => [v.name, v.description]),
)

function readEnvFile(path: string): Record<string, string> {
  if (!existsSync(path)) {
    throw new HarnessError(
      'CONFIG_BAD_ENVIRONMENT_FILE',
      `Failed to load config: ${path} does not exist.`,
      {
        hint: 'create it from .env.example (or pass another file with --env), or drop --env.',
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

function parseUrl(name: string, raw: string, file: string, example: string): string {
  try {
    const url = new URL(raw)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)')
    return raw.replace(/\/+$/, '')
  } catch (cause) {
    throw new HarnessError(
      'CONFIG_BAD_VARIABLE',
      `Failed to load config: ${name} "${raw}" is not an http(s) URL.`,
      {
        hint: `set ${name} in ${file} to a URL such as ${example}.`,
        cause,
      },
    )
  }
}

/** An optional data variable's value: undefined when unset or empty; a list is normalised. */
function dataValue(
  variable: ApiVariable,
  raw: string | undefined,
  file: string,
): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined
  if (variable.listItem === undefined) return raw
  const items = raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
  const bad = items.find((item) => !variable.listItem?.test(item))
  if (bad !== undefined || items.length === 0) {
    throw new HarnessError(
      'CONFIG_BAD_VARIABLE',
      `Failed to load config: ${variable.name} "${raw}" is not a comma-separated list of codes${bad === undefined ? '' : ` ("${bad}" is not a code)`}.`,
      { hint: `set ${variable.name} in ${file} to codes such as COINS,GEMS,SILVER, or remove it.` },
    )
  }
  return items.join(',')
}

/** The variables of a run: the process env over the env file (`--env`, or `.env` when present). */
function readVariables(
  overrides: ConfigOverrides,
  env: Readonly<Record<string, string | undefined>>,
): { envFile: string; get: (name: string) => string | undefined } {
  const envFile = overrides.envFile ?? env.SUBCONTRACT_ENV_FILE ?? '.env'
  const explicitFile = overrides.envFile !== undefined || env.SUBCONTRACT_ENV_FILE !== undefined
  const fromFile = explicitFile || existsSync(envFile) ? readEnvFile(envFile) : {}
  return { envFile, get: (name) => env[name] ?? fromFile[name] }
}

/**
 * The APIs whose key the run's variables set (process env or env file): what a remote run without
 * `--api` runs, so a user with only an Adapty key is not asked for a RevenueCat one.
 */
export function apisWithKeys<T extends ApiTargetSpec>(
  apis: readonly T[],
  overrides: ConfigOverrides = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): T[] {
  const { get } = readVariables(overrides, env)
  return apis.filter((api) => (get(variableOf(api, 'apiKey').name) ?? '').trim() !== '')
}

/**
 * A new run id: the time, and a random part. Two runs started in the same millisecond (CI jobs,
 * shards, two developers) must not share one, or each one's teardown would take the other's data.
 */
export function newRunId(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`
}

/**
 * Builds the configuration for the given APIs (a remote run asks only for their keys). Throws
 * HarnessError (exit code 2) on a missing or malformed variable.
 */
export function loadConfig(
  apis: readonly ApiTargetSpec[],
  overrides: ConfigOverrides = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): Readonly<Config> {
  const { envFile, get } = readVariables(overrides, env)
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
      // A hand-off between the processes of one run, never a user setting: process env only.
      ...(env.SUBCONTRACT_PACE_URL === undefined ? {} : { paceUrl: env.SUBCONTRACT_PACE_URL }),
    },
    apis: apis.map((a) => a.name),
    targets: {},
    runId: (
      get('SUBCONTRACT_RUN_ID') ?? `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`
    )
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 16),
  }
  if (target === 'remote') {
    const targets: Record<string, ApiTargetConfig> = {}
    for (const spec of apis) targets[spec.name] = remoteTarget(spec, get, envFile)
    config.targets = targets
  }
  return Object.freeze(config)
}

/** One API's remote values: its key is required, its base URL defaults to the vendor's. */
function remoteTarget(
  spec: ApiTargetSpec,
  get: (name: string) => string | undefined,
  envFile: string,
): ApiTargetConfig {
  const keyVariable = variableOf(spec, 'apiKey')
  const urlVariable = variableOf(spec, 'baseUrl')
  const apiKey = get(keyVariable.name) ?? ''
  if (apiKey.trim() === '') {
    throw new HarnessError(
      'CONFIG_MISSING_VARIABLE',
      `Failed to load config: ${keyVariable.name} is not set.`,
      {
        hint: `add it to ${envFile} (see .env.example), run with --target local, or leave ${spec.name} out with --api.`,
      },
    )
  }
  registerSecret(apiKey)
  const baseUrl = parseUrl(
    urlVariable.name,
    get(urlVariable.name) ?? spec.target.defaultBaseUrl,
    envFile,
    spec.target.defaultBaseUrl,
  )
  const data: Record<string, string> = {}
  const values: Record<string, string> = {
    [urlVariable.name]: baseUrl,
    [keyVariable.name]: apiKey,
  }
  for (const variable of spec.target.variables) {
    if (variable.role !== 'data') continue
    const value = dataValue(variable, get(variable.name), envFile)
    if (value === undefined) continue
    if (variable.dataKey !== undefined) data[variable.dataKey] = value
    values[variable.name] = value
    if (variable.secret === true) registerSecret(value)
  }
  return { baseUrl, apiKey, data, values }
}
