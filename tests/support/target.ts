// useTarget(api): everything a suite needs to call an API on the configured target (the
// embedded sandbox by default), with seeded payloads and run-scoped ids. Tests never hard-code
// a URL or a key: they come from here.
import type { Faker } from '@faker-js/faker'
// The English locale alone: the package's main entry loads every locale (about 0.5 s per worker).
import { faker as english } from '@faker-js/faker/locale/en'
import { afterAll, expect, inject } from 'vitest'
import type { ApiName } from '../../src/api/api-definition.ts'
import { apiNamed } from '../../src/apis/all.ts'
import { loadConfig } from '../../src/config/load-config.ts'
import { forgetEntries, type LedgerEntry, recordCreated } from '../../src/config/run-ledger.ts'
import { dataOf, dataVariables, type TargetDataValues } from '../../src/config/target-variables.ts'
import type { Exchange } from '../../src/exchange.ts'
import type { CallInput } from '../../src/http/create-client.ts'
import { HttpError } from '../../src/http/http-error.ts'
import { formatRemoval, removeTestData, runScoped } from '../../src/http/remove-test-data.ts'
import { createTargetClient } from '../../src/http/target-client.ts'
import { registerSecret } from '../../src/redact/redact.ts'
import { indexOf } from '../../src/registry/operations.ts'
import { exchangeEvidence } from '../../src/report/evidence.ts'
import { type ExchangeRecord, record, rememberExchange, skipCurrent } from './recorder.ts'

// The run's own settings (seed, strictness, writes, run id): no API's key is needed for them.
const config = loadConfig([])

/** Flags the matcher needs (strictness and the seed to print). */
export const contractFlags = { strictExtraFields: config.strictExtraFields, seed: config.seed }

const records = new WeakMap<Exchange, ExchangeRecord>()

/** The coverage record of an exchange made through useTarget. */
export function recordOf(exchange: Exchange): ExchangeRecord | undefined {
  return records.get(exchange)
}

/**
 * Seeded values on the target, by data key; undefined where the target has none configured.
 * Which variable fills each key is declared in the API's target variables.
 */
export type TargetData = TargetDataValues

function fileSeed(base: number): number {
  const file = expect.getState().testPath ?? ''
  let hash = base
  for (const ch of file.split('/').pop() ?? '')
    hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) >>> 0
  return hash
}

let counter = 0
const RUN_ID = config.runId

/** The customer user id that stands for "no test profile could be made" on a read-only remote. */
export const NO_PROFILE = 'subcontract-no-profile'

/** Binds a suite to one API on the configured target. */
export function useTarget(name: ApiName) {
  const api = apiNamed(name)
  const local = config.target === 'local'
  const provided = local ? inject('sandbox')[name] : undefined
  // A remote run of this suite needs this API's key only.
  const remote = local ? undefined : loadConfig([api]).targets[name]
  const baseUrl = provided?.url ?? remote?.baseUrl ?? ''
  const apiKey = provided?.apiKey ?? remote?.apiKey ?? ''
  const data: TargetData = provided ? dataOf(api, provided.values) : { ...remote?.data }
  const variables = dataVariables(api)
  registerSecret(apiKey)
  // Pace (remote only), timeouts and retries from the config: the one client factory.
  const client = createTargetClient(config, api, { baseUrl, apiKey })
  const origin = baseUrl === '' ? '' : new URL(baseUrl).origin
  const created: LedgerEntry[] = []
  afterAll(async () => {
    // Teardown: whatever the tests of this file created goes, even when they failed. What is
    // gone is forgotten, so the run's global teardown does not ask for it again.
    if (!local && created.length > 0) {
      const report = await removeTestData(api, client, created)
      forgetEntries([...report.removed, ...report.alreadyGone])
      if (report.failed.length > 0)
        process.stderr.write(`${formatRemoval(report, 'teardown', api.testData.noun)}\n`)
    }
    await client.close()
  })
  // A faker of this file's own, seeded for it: files share a worker (isolate: false), and one
  // file's draws must not shift another's. Same class and definitions as the English instance.
  const FakerClass = english.constructor as new (options: {
    locale: Faker['rawDefinitions']
  }) => Faker
  const faker = new FakerClass({ locale: english.rawDefinitions })
  faker.seed(fileSeed(config.seed))

  return {
    /** True against the embedded sandbox, where control endpoints exist. */
    isLocal: local,
    /** The target's base URL, for raw requests outside the registry (hostile-input tests). */
    baseUrl,
    /** The target's API key, for raw requests; never print it. */
    apiKey,
    data,
    faker,
    /** The Authorization value for another key of the same target. */
    authorizationFor: (key: string) => `${api.auth.scheme} ${key}`,
    /** The configured value, or a skip naming the variable that would enable the test. */
    need(key: string): string {
      const value = data[key]
      if (value === undefined)
        skipCurrent(
          `needs ${variables[key] ?? key}: set it in .env to run this test on a remote target`,
        )
      return value as string
    },
    /**
     * The target's virtual currency codes (at least `count` distinct ones), or a skip naming the
     * variable. Tests use them instead of literals, so they run on a real app too.
     */
    currencies(count = 3): string[] {
      const codes = data.vcCurrencyCodes?.split(',') ?? []
      if (new Set(codes).size < count)
        skipCurrent(
          `needs ${variables.vcCurrencyCodes} with ${count} or more codes (${codes.length} set): set it in .env to run this test on a remote target`,
        )
      return codes
    },
    /**
     * A currency code for a request the target rejects before it reads the body (no key, a
     * disabled app, an unknown profile): the target's first code, or a placeholder.
     */
    anyCurrency(): string {
      return data.vcCurrencyCodes?.split(',')[0] ?? 'COINS'
    },
    /** Skips unless the target is the embedded sandbox (the test uses its control endpoints). */
    needSandbox(): void {
      if (!local)
        skipCurrent(
          'sandbox only: this test drives the embedded sandbox through its /__sandbox control endpoints',
        )
    },
    /** True when the target lets this run create, change and delete data. */
    writesAllowed: config.allowWrites,
    /** Calls an operation by operationId and records the exchange for coverage. */
    async call(operationId: string, input?: CallInput): Promise<Exchange> {
      const op = indexOf(api.operations).get(name, operationId)
      if (op.safety === 'write' && !config.allowWrites) {
        skipCurrent(
          `${operationId} changes data: writes on a remote target need --allow-writes (SUBCONTRACT_ALLOW_WRITES=true)`,
        )
      }
      const customer = input?.headers?.['adapty-customer-user-id']
      if (customer === NO_PROFILE) {
        skipCurrent(
          'no test profile: pass --allow-writes, or set ADAPTY_CUSTOMER_USER_ID to an existing customer for read-only runs',
        )
      }
      // Write-ahead: the ledger knows the profile before the request that may create it leaves, so
      // a process killed while it is in flight (Ctrl-C) still leaves a trace for the teardown.
      const id = local ? undefined : createdId(api, operationId, input)
      const entry: LedgerEntry | undefined =
        id !== undefined && !created.some((e) => e.id === id)
          ? { runId: RUN_ID, api: name, origin, id, createdAt: new Date().toISOString() }
          : undefined
      if (entry !== undefined) recordCreated(entry)
      let exchange: Exchange
      try {
        exchange = await client.call(operationId, input)
      } catch (error) {
        // No answer: the profile may exist all the same, so the entry stays for the teardown.
        const sent = error instanceof HttpError ? error.request : undefined
        if (sent !== undefined) rememberExchange(() => exchangeEvidence(api, operationId, sent))
        throw error
      }
      rememberExchange(() =>
        exchangeEvidence(api, operationId, exchange.request, exchange.response),
      )
      if (entry !== undefined) {
        if (exchange.response.status < 300) created.push(entry)
        else forgetEntries([entry])
      }
      records.set(
        exchange,
        record({
          api: name,
          operationId,
          status: exchange.response.status,
          durationMs: exchange.durationMs,
          attempts: exchange.attempts,
          waitMs: (exchange.retries ?? []).reduce((sum, r) => sum + r.waitMs, 0),
        }),
      )
      return exchange
    },
    /** This run's id (`subcontract-<runId>-…` names its test data). */
    runId: RUN_ID,
    /** A customer user id unique to this run and test file, safe to create on a real app. */
    uniqueCustomerUserId(): string {
      counter += 1
      return `subcontract-${RUN_ID}-${faker.string.alphanumeric(8).toLowerCase()}-${counter}`
    },
    /** Identification headers for a customer user id. */
    byCustomer: (customerUserId: string) => ({ 'adapty-customer-user-id': customerUserId }),
    /** Identification headers for an Adapty profile id. */
    byProfileId: (profileId: string) => ({ 'adapty-profile-id': profileId }),
    /** Calls a sandbox control endpoint (local target only), with the main key or `key`. */
    async control(path: string, body?: unknown, key: string = apiKey): Promise<unknown> {
      if (!local) throw new Error('sandbox control endpoints exist only on the local target')
      // Control routes live at the listener's root, outside the API's base path.
      const res = await fetch(`${new URL(baseUrl).origin}/__sandbox/${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          authorization: `${api.auth.scheme} ${key}`,
          'content-type': 'application/json',
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      return res.json()
    },
  }
}

/**
 * What a call will create on a remote target (the API's testData.createdBy), when it is this
 * run's test data (its own id is `subcontract-<run id>-…`): recorded before the request leaves.
 */
function createdId(
  api: ReturnType<typeof apiNamed>,
  operationId: string,
  input: CallInput | undefined,
): string | undefined {
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(input?.headers ?? {})) if (v !== undefined) headers[k] = v
  const id = api.testData.createdBy(operationId, {
    headers,
    path: input?.path ?? {},
    body: input?.body,
  })
  // A reference may name its containers first (RevenueCat's `<project_id>/<customer_id>`,
  // `<project_id>/@entitlement/<lookup_key>`): the created thing's own id or name is last. Only
  // this run's count: a test that sends a seeded id to see it refused must never put that id in
  // the ledger, whose teardown would delete it.
  return id !== undefined && runScoped({ id, runId: RUN_ID }) ? id : undefined
}

/** The object useTarget returns. */
export type Target = ReturnType<typeof useTarget>
