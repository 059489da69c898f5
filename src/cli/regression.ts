/**
 * `npm run regression`: runs the contract suites against the configured target (the embedded
 * sandbox by default), prints a per-operation table and writes reports/junit.xml and
 * reports/summary.json. Exit codes: 0 all passed, 1 a test failed, 2 usage or config error.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { startVitest } from 'vitest/node'
import { type Config, loadConfig } from '../config/load-config.ts'
import { recordCreated } from '../config/run-ledger.ts'
import { loadContract } from '../contract/load-schemas.ts'
import { HarnessError } from '../errors.ts'
import { formatRemoval } from '../http/remove-profiles.ts'
import type { TargetValues } from '../newman/environment.ts'
import { runAdaptyCollection } from '../newman/run-adapty.ts'
import { redactText, registerSecret } from '../redact/redact.ts'
import { OPERATIONS, suiteStem } from '../registry/operations.ts'
import type { ApiName, Operation } from '../registry/types.ts'
import { renderOutcome, renderTable } from '../report/reporters/console.ts'
import { renderJunit } from '../report/reporters/junit.ts'
import type { RunResult, TestRecord } from '../report/run-result.ts'
import { buildSummary } from '../report/summary.ts'
import { createVitestCollector } from '../report/vitest-collector.ts'
import { createSandbox, type Sandbox } from '../sandbox/create-sandbox.ts'
import { parseFlags, suggest } from './args.ts'
import { cleanupTarget } from './cleanup.ts'

const KNOWN_APIS: readonly ApiName[] = ['adapty']

/** Usage text of the regression command. */
export const REGRESSION_USAGE = `Usage: npm run regression -- [options]

Runs every contract suite against the target and writes reports/junit.xml and reports/summary.json.

Options:
  --api <name>            only this API (repeatable): ${KNOWN_APIS.join(', ')}
  --operation <id|glob>   only these operations (repeatable), e.g. getProfile or 'list*'
  --tag <label>           only operations with this label (repeatable): smoke
  --target <local|remote> where to send requests (default: local, the embedded sandbox)
  --env-file <file>       dotenv file for remote targets (default: .env)
  --seed <n>              seed for generated payloads (default: 1)
  --runner <name>         vitest, newman or all (default: all)
  --bail                  stop the Newman run at its first failure
  --strict                fail on response properties the contract does not list
  --allow-writes          let a remote run create, change and delete data (test profiles
                          are removed at teardown; see npm run cleanup)
  --report-dir <dir>      where reports go (default: reports)
  --list                  print the operations and exit
  -h, --help              show this help

Examples:
  npm run regression
  npm run regression -- --operation getProfile --operation createProfile
  npm run regression -- --api adapty --seed 42`

const FLAGS = {
  api: { type: 'string', multiple: true },
  operation: { type: 'string', multiple: true },
  tag: { type: 'string', multiple: true },
  target: { type: 'string' },
  'env-file': { type: 'string' },
  seed: { type: 'string' },
  strict: { type: 'boolean' },
  'allow-writes': { type: 'boolean' },
  runner: { type: 'string' },
  bail: { type: 'boolean' },
  'report-dir': { type: 'string' },
  list: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  return new RegExp(`^${escaped}$`)
}

/** Resolves --api and --operation to registry operations; unknown names are usage errors. */
export function selectOperations(
  apis: readonly string[],
  patterns: readonly string[],
): Operation[] {
  for (const api of apis) {
    if (!KNOWN_APIS.includes(api as ApiName)) {
      const near = suggest(api, KNOWN_APIS)
      throw new HarnessError('CLI_USAGE', `Failed to select operations: unknown API "${api}".`, {
        hint: `${near === undefined ? '' : `did you mean "${near}"? `}Known APIs: ${KNOWN_APIS.join(', ')}.`,
      })
    }
  }
  const pool = OPERATIONS.filter((op) => apis.length === 0 || apis.includes(op.api))
  if (patterns.length === 0) return pool
  const selected = new Set<Operation>()
  for (const pattern of patterns) {
    const regex = globToRegExp(pattern)
    const matches = pool.filter((op) => regex.test(op.operationId))
    if (matches.length === 0) {
      const near = suggest(
        pattern,
        pool.map((op) => op.operationId),
      )
      throw new HarnessError(
        'CONTRACT_UNKNOWN_OPERATION',
        `Failed to select operations: no operation matches "${pattern}".`,
        {
          hint: `${near === undefined ? '' : `did you mean "${near}"? `}Run npm run regression -- --list to see them all.`,
        },
      )
    }
    for (const op of matches) selected.add(op)
  }
  return [...selected]
}

function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`
  writeFileSync(tmp, text)
  renameSync(tmp, path)
}

/** Runs the regression and returns the exit code. */
export async function runRegression(
  argv: string[],
  print: (line: string) => void,
): Promise<number> {
  const { values } = parseFlags(argv, FLAGS, 'Run npm run regression -- --help for usage.')
  if (values.help === true) {
    print(REGRESSION_USAGE)
    return 0
  }
  const tags = values.tag ?? []
  const known = [...new Set(OPERATIONS.flatMap((op) => op.labels))]
  for (const tag of tags) {
    if (!known.includes(tag)) {
      throw new HarnessError('CLI_USAGE', `Failed to select operations: unknown tag "${tag}".`, {
        hint: `known tags: ${known.join(', ')}.`,
      })
    }
  }
  const byTag = (op: Operation) => tags.length === 0 || tags.some((t) => op.labels.includes(t))
  const operations = selectOperations(values.api ?? [], values.operation ?? []).filter(byTag)
  if (values.list === true) {
    for (const op of operations)
      print(
        `${op.api}  ${op.tag.padEnd(16)} ${op.operationId.padEnd(34)} ${op.method.padEnd(6)} ${op.path}`,
      )
    return 0
  }
  const config = loadConfig({
    ...(values.target === undefined ? {} : { target: values.target }),
    ...(values.seed === undefined ? {} : { seed: values.seed }),
    ...(values['env-file'] === undefined ? {} : { envFile: values['env-file'] }),
    ...(values.strict === undefined ? {} : { strictExtraFields: values.strict }),
    ...(values['allow-writes'] === undefined ? {} : { allowWrites: values['allow-writes'] }),
  })
  const apis = [...new Set(operations.map((op) => op.api))]
  const filtered = (values.operation ?? []).length > 0 || tags.length > 0
  const files = filtered
    ? operations
        .map((op) => `tests/${op.api}/${suiteStem(op)}.test.ts`)
        .filter((f) => existsSync(f))
    : apis.map((api) => `tests/${api}/`)
  if (files.length === 0) {
    throw new HarnessError(
      'CLI_USAGE',
      'Failed to select tests: the selected operations have no suite files.',
      {
        hint: 'check tests/<api>/<operation-id>.test.ts exists for them.',
      },
    )
  }
  process.env.SUBCONTRACT_TARGET = config.target
  process.env.SUBCONTRACT_RUN_ID = config.runId
  process.env.SUBCONTRACT_ALLOW_WRITES = String(config.allowWrites)
  process.env.SUBCONTRACT_SEED = String(config.seed)
  process.env.SUBCONTRACT_STRICT_EXTRA_FIELDS = String(config.strictExtraFields)
  if (values['env-file'] !== undefined) process.env.SUBCONTRACT_ENV_FILE = values['env-file']

  const runner = values.runner ?? 'all'
  if (!['vitest', 'newman', 'all'].includes(runner)) {
    throw new HarnessError(
      'CLI_USAGE',
      `Failed to read the command line: unknown runner "${runner}".`,
      {
        hint: 'use --runner vitest, --runner newman or --runner all.',
      },
    )
  }

  const startedAt = new Date()
  const started = performance.now()
  print(
    `subcontract regression: target ${config.target}, seed ${config.seed}, ${operations.length} operations, runner ${runner}`,
  )
  const sandbox = config.target === 'local' ? await createSandbox() : undefined
  // The sandbox keys are fake, but they are treated like any key: they never reach a report.
  for (const key of Object.values(sandbox?.adapty.keys ?? {})) registerSecret(key)
  if (sandbox !== undefined)
    process.env.SUBCONTRACT_SANDBOX_INFO = JSON.stringify({ adapty: sandbox.adapty })
  const records: TestRecord[] = []
  const runErrors: string[] = []
  // An interrupted remote run still removes what it created before it exits.
  const onSignal = (signal: NodeJS.Signals) => {
    print(`${signal}: removing this run's test profiles before exiting`)
    void cleanupTarget(config, config.runId)
      .then((report) => print(formatRemoval(report)))
      .finally(() => process.exit(130))
  }
  if (config.target === 'remote') {
    process.once('SIGINT', onSignal)
    process.once('SIGTERM', onSignal)
  }
  try {
    if (runner !== 'newman') {
      const collector = createVitestCollector((line) => print(redactText(line)))
      const vitest = await startVitest('test', files, {
        run: true,
        watch: false,
        project: ['contract'],
        reporters: [collector],
      })
      await vitest.close()
      records.push(...collector.records)
      runErrors.push(...collector.runErrors)
      if (
        vitest.state.getCountOfFailedTests() > 0 &&
        !collector.records.some((r) => r.state === 'failed')
      ) {
        runErrors.push('vitest reported failures outside any test')
      }
    }
    const readOnlyRemote = config.target === 'remote' && !config.allowWrites
    if (runner !== 'vitest' && readOnlyRemote) {
      print(
        'skip newman: the collection creates and deletes a test profile; pass --allow-writes to run it on a remote target',
      )
    }
    if (runner !== 'vitest' && !readOnlyRemote) {
      const newmanStarted = performance.now()
      // The collection makes one test profile (see its collection-level script). On a remote it is
      // in the ledger before the run, and removed after it even when Newman stops halfway.
      const newmanProfile = `subcontract-${config.runId}-pm`
      const adapty = config.adapty
      if (adapty !== undefined) {
        recordCreated({
          runId: config.runId,
          origin: new URL(adapty.baseUrl).origin,
          customerUserId: newmanProfile,
          createdAt: new Date().toISOString(),
        })
      }
      const result = await runAdaptyCollection({
        values: targetValues(config, sandbox),
        runId: config.runId,
        operationIds: new Set(operations.map((op) => op.operationId)),
        contract: loadContract({ strictExtraFields: config.strictExtraFields }),
        ...(values.bail === undefined ? {} : { bail: values.bail }),
      })
      records.push(...result.records)
      runErrors.push(...result.runErrors)
      if (adapty !== undefined) print(formatRemoval(await cleanupTarget(config, config.runId)))
      const failed = result.records.filter((r) => r.state === 'failed').length
      const ms = Math.round(performance.now() - newmanStarted)
      print(
        `${failed > 0 ? 'FAIL' : 'ok  '} newman collections/adapty-server-side-api.postman_collection.json  ${result.records.length - failed} passed, ${failed} failed  ${ms}ms`,
      )
    }
  } finally {
    if (sandbox !== undefined) {
      runErrors.push(
        ...sandbox.selfCheck.problems.map((p) => `sandbox self-check: ${redactText(p)}`),
      )
      await sandbox.close()
      delete process.env.SUBCONTRACT_SANDBOX_INFO
    }
  }
  const run: RunResult = {
    target: config.target,
    baseUrls:
      config.adapty === undefined
        ? { adapty: sandbox?.adapty.url ?? 'embedded sandbox' }
        : { adapty: config.adapty.baseUrl },
    startedAt: startedAt.toISOString(),
    durationMs: performance.now() - started,
    seed: config.seed,
    strictExtraFields: config.strictExtraFields,
    tests: records,
    runErrors,
  }
  const summary = buildSummary(run, apis)
  if (filtered) {
    const ids = new Set(operations.map((op) => op.operationId))
    summary.operations = summary.operations.filter((op) => ids.has(op.operationId))
  }
  const dir = resolve(values['report-dir'] ?? 'reports')
  mkdirSync(dir, { recursive: true })
  writeAtomically(join(dir, 'summary.json'), redactText(`${JSON.stringify(summary, null, 2)}\n`))
  writeAtomically(join(dir, 'junit.xml'), redactText(renderJunit(run)))
  const newmanRecords = records.filter((r) => r.runner === 'newman')
  if (newmanRecords.length > 0) {
    const report = { startedAt: run.startedAt, requests: newmanRecords }
    writeAtomically(join(dir, 'newman.json'), redactText(`${JSON.stringify(report, null, 2)}\n`))
  }
  print('')
  print(renderTable(summary))
  print('')
  print(renderOutcome(summary))
  print(`reports: ${join(dir, 'summary.json')}, ${join(dir, 'junit.xml')}`)
  if (summary.totals.passed + summary.totals.failed === 0) {
    print('No test ran: nothing was checked.')
    return 1
  }
  return summary.totals.failed > 0 || summary.runErrors.length > 0 ? 1 : 0
}

/** The values the Newman environment needs, from the embedded sandbox or the remote config. */
function targetValues(config: Config, sandbox: Sandbox | undefined): TargetValues {
  if (sandbox !== undefined) {
    return {
      ADAPTY_BASE_URL: sandbox.adapty.url,
      ADAPTY_SECRET_API_KEY: sandbox.adapty.apiKey,
      ADAPTY_PAYWALL_ID: sandbox.adapty.paywallId,
      ADAPTY_STRIPE_TOKEN: sandbox.adapty.stripeToken,
      ADAPTY_PADDLE_TOKEN: sandbox.adapty.paddleToken,
    }
  }
  const adapty = config.adapty
  const out: TargetValues = {}
  if (adapty === undefined) return out
  out.ADAPTY_BASE_URL = adapty.baseUrl
  out.ADAPTY_SECRET_API_KEY = adapty.apiKey
  if (adapty.data.paywallId !== undefined) out.ADAPTY_PAYWALL_ID = adapty.data.paywallId
  if (adapty.data.stripeToken !== undefined) out.ADAPTY_STRIPE_TOKEN = adapty.data.stripeToken
  if (adapty.data.paddleToken !== undefined) out.ADAPTY_PADDLE_TOKEN = adapty.data.paddleToken
  return out
}
