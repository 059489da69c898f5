/**
 * `subcontract run` (what `npm run regression` calls): runs the contract suites and the Newman
 * collection against the configured target (the embedded sandbox by default), shows progress,
 * prints a per-operation table and writes the reports. Exit codes: 0 all passed, 1 a test or
 * contract failure, 2 usage or config error, 3 transport failures only (the target did not answer).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { ApiDefinition } from '../api/api-definition.ts'
import { apisNamed } from '../apis/all.ts'
import { collectionUnits, narrowCollection } from '../collection/collection-items.ts'
import { apisWithKeys, type Config, loadConfig } from '../config/load-config.ts'
import { recordCreated } from '../config/run-ledger.ts'
import { registerSecretValues, variableOf } from '../config/target-variables.ts'
import { loadContract } from '../contract/load-schemas.ts'
import { HarnessError } from '../errors.ts'
import { cleanupTarget } from '../http/cleanup-target.ts'
import { formatRemoval } from '../http/remove-test-data.ts'
import { paceFor } from '../http/target-client.ts'
import { redactText } from '../redact/redact.ts'
import { suiteStem } from '../registry/operations.ts'
import type { ApiName } from '../registry/types.ts'
import { belowFieldCoverage } from '../report/field-coverage.ts'
import { createProgress } from '../report/progress.ts'
import { renderOutcome, renderTable } from '../report/reporters/console.ts'
import { renderHtml } from '../report/reporters/html.ts'
import { renderJunit } from '../report/reporters/junit.ts'
import { type RunError, toRunError } from '../report/run-error.ts'
import { orderTests } from '../report/run-order.ts'
import type { RunResult, RunTimings, TestRecord } from '../report/run-result.ts'
import { buildSummary, exitCodeOf, type Summary } from '../report/summary.ts'
import { createVitestCollector } from '../report/vitest-collector.ts'
import type { Sandbox } from '../sandbox/create-sandbox.ts'
import { ENV_FILE_FLAGS, envFileOf, parseFlags, suggest } from './args.ts'
import { signalExitCode, watchInterrupts } from './interrupt.ts'
import type { CommandIo } from './io.ts'
import { runList } from './list.ts'
import type { NewmanStage, StageRequest } from './newman-stage.ts'
import { claimReportDir } from './report-dir.ts'
import {
  isOptIn,
  KNOWN_APIS,
  KNOWN_TAGS,
  optedOut,
  selectByFlags,
  unfilteredSuites,
} from './select.ts'
import { parseShard, SHARD_FILE, SHARD_FORMAT, type ShardReport, unitsOfShard } from './shard.ts'
import { versions } from './versions.ts'
import { writeReport } from './write-report.ts'

/** Usage text of the regression command. */
export const REGRESSION_USAGE = `Usage: subcontract run [options]      (npm run regression -- [options])

Runs every contract suite and the Postman collection against the target, then writes
reports/summary.json, reports/junit.xml, reports/newman.json and reports/report.html.

Options:
  --api <name>            only this API (repeatable): ${KNOWN_APIS.join(', ')}
  --operation <id|glob>   only these operations (repeatable), e.g. getProfile or 'list*'
  --tag <label>           only operations with this label (repeatable): ${KNOWN_TAGS.join(', ')}
  --target <local|remote> where to send requests (default: local, the embedded sandbox)
  --env <file>            dotenv file for remote targets (default: .env); --env-file is
                          its older name (npx on Node 20 takes --env-file for itself)
  --seed <n>              seed for generated payloads (default: 1)
  --runner <name>         vitest, newman or all (default: all)
  --bail                  stop each runner at its first failure
  --strict                fail on response properties the contract does not list
  --allow-writes          let a remote run create, change and delete data (test profiles
                          are removed at teardown; see npm run cleanup)
  --reporter <name>       which reports to write (repeatable or comma-separated):
                          console, json, junit, html (default: all of them)
  --report-dir <dir>      where reports go (default: reports)
  --shard <i>/<n>         run part i of n (vitest's files by hash, Newman's folders by size)
                          and write shard.json beside the reports; combine the parts with
                          subcontract merge <dirs…>
  --min-field-coverage <share>
                          fail (exit 1) when an operation's checked responses showed less than
                          this share (0 to 1) of its documented response fields, allow-listed
                          ones aside (fixtures/schemas/<api>/field-coverage-allow.json)
  --list                  print the selected operations and exit
  -h, --help              show this help

Exit codes: 0 all passed; 1 a test or contract failure, an error outside any test, or field
coverage below --min-field-coverage; 2 a usage or config error (a refused API key too);
3 the target did not answer; 130/143 stopped by Ctrl-C/SIGTERM, after the teardown.

Examples:
  subcontract run
  subcontract run --operation getProfile --operation 'list*' --runner vitest
  subcontract run --tag smoke --reporter console,junit
  subcontract run --target remote --env .env.staging --seed 42
  subcontract run --shard 2/3 --report-dir reports/shard-2`

const FLAGS = {
  api: { type: 'string', multiple: true },
  operation: { type: 'string', multiple: true },
  tag: { type: 'string', multiple: true },
  target: { type: 'string' },
  ...ENV_FILE_FLAGS,
  seed: { type: 'string' },
  strict: { type: 'boolean' },
  'allow-writes': { type: 'boolean' },
  runner: { type: 'string' },
  bail: { type: 'boolean' },
  reporter: { type: 'string', multiple: true },
  'report-dir': { type: 'string' },
  list: { type: 'boolean' },
  shard: { type: 'string' },
  'min-field-coverage': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

const REPORTERS = ['console', 'json', 'junit', 'html'] as const
type ReporterName = (typeof REPORTERS)[number]

/** Resolves --reporter values (repeatable, comma-separated); unknown names are usage errors. */
export function selectReporters(values: readonly string[] | undefined): Set<ReporterName> {
  const names = (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim())
  if (names.length === 0) return new Set(REPORTERS)
  for (const name of names) {
    if (!REPORTERS.includes(name as ReporterName)) {
      const near = suggest(name, REPORTERS)
      throw new HarnessError(
        'CLI_USAGE',
        `Failed to read the command line: unknown reporter "${name}".`,
        {
          hint: `${near === undefined ? '' : `did you mean "${near}"? `}use ${REPORTERS.join(', ')}.`,
        },
      )
    }
  }
  return new Set(names as ReporterName[])
}

/** One line: where the run's time went. */
export function formatTimings(t: RunTimings): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)}s`
  const files = t.vitestFiles
  const perFile =
    files === undefined
      ? ''
      : ` (over ${files.files} files: import ${s(files.importMs)}, setup ${s(files.setupMs)}, tests ${s(files.testsMs)}, prepare ${s(files.prepareMs)})`
  const newman = Object.entries(t.newmanMs).map(([api, ms]) => `newman ${api} ${s(ms)}`)
  return [
    `time: start-up ${s(t.startupMs)}`,
    `sandbox ${s(t.sandboxMs)}`,
    `vitest ${s(t.vitestMs)}${perFile}`,
    ...newman,
    `summary ${s(t.reportsMs)}`,
  ].join(', ')
}

/** Runs the regression and returns the exit code. */
export async function runRegression(argv: string[], io: CommandIo): Promise<number> {
  const entered = performance.now()
  const { print } = io
  const { values } = parseFlags(argv, FLAGS, 'Run subcontract run --help for usage.')
  if (values.help === true) {
    print(REGRESSION_USAGE)
    return 0
  }
  let operations = selectByFlags(values)
  const shard = values.shard === undefined ? undefined : parseShard(values.shard)
  const minFieldCoverage = parseMinFieldCoverage(values['min-field-coverage'])
  if (values.list === true) {
    // The same listing as `subcontract list`, for the same selection.
    const flag = (name: string, list: string[] | undefined) =>
      (list ?? []).flatMap((v) => [`--${name}`, v])
    // An unfiltered run leaves opt-in (beta) operations out: its listing names what it runs.
    const selection =
      optedOut(values).length > 0
        ? flag(
            'operation',
            operations.map((op) => op.operationId),
          )
        : [
            ...flag('api', values.api),
            ...flag('operation', values.operation),
            ...flag('tag', values.tag),
          ]
    return runList(
      [
        ...selection,
        ...(values['report-dir'] === undefined ? [] : ['--report-dir', values['report-dir']]),
      ],
      io,
    )
  }
  const reporters = selectReporters(values.reporter)
  const runner = values.runner ?? 'all'
  if (!['vitest', 'newman', 'all'].includes(runner)) {
    const near = suggest(runner, ['vitest', 'newman', 'all'])
    throw new HarnessError(
      'CLI_USAGE',
      `Failed to read the command line: unknown runner "${runner}".`,
      {
        hint: `${near === undefined ? '' : `did you mean "${near}"? `}use --runner vitest, --runner newman or --runner all.`,
      },
    )
  }
  const envFile = envFileOf(values)
  const overrides = {
    ...(values.target === undefined ? {} : { target: values.target }),
    ...(values.seed === undefined ? {} : { seed: values.seed }),
    ...(envFile === undefined ? {} : { envFile }),
    ...(values.strict === undefined ? {} : { strictExtraFields: values.strict }),
    ...(values['allow-writes'] === undefined ? {} : { allowWrites: values['allow-writes'] }),
  }
  // Only the selected APIs' keys are asked for: --api revenuecat needs no Adapty key. A remote
  // run without --api runs the APIs whose key is set (all of them asked for when none is).
  let selectedApis = apisNamed([...new Set(operations.map((op) => op.api))])
  let unkeyed: ApiDefinition[] = []
  if (loadConfig([], overrides).target === 'remote' && (values.api ?? []).length === 0) {
    const keyed = apisWithKeys(selectedApis, overrides)
    if (keyed.length > 0) {
      unkeyed = selectedApis.filter((api) => !keyed.includes(api))
      selectedApis = keyed
      operations = operations.filter((op) => keyed.some((api) => api.name === op.api))
    }
  }
  const config = loadConfig(selectedApis, overrides)
  const apis = selectedApis.map((api) => api.name)
  const filtered = (values.operation ?? []).length > 0 || (values.tag ?? []).length > 0
  // An unfiltered run leaves the opt-in (beta) operations out: their suites and, through
  // SUBCONTRACT_OPERATIONS, the cross-cutting suites' rows of them (decision 0023).
  const left = optedOut(values)
  // A filtered run takes each operation's own suite file, and its API's cross-cutting suites
  // when they test per operation (they read the selection from SUBCONTRACT_OPERATIONS and test
  // only the selected operations: RevenueCat's 401, 403 and 429 live there) or when an operation
  // has no suite file of its own.
  const suiteFile = (op: (typeof operations)[number]) => `tests/${op.api}/${suiteStem(op)}.test.ts`
  // A filtered run that selects every operation of an API (the beta ones aside) runs that API's
  // whole folder, as an unfiltered run does: its flows too, which belong to no one operation.
  const selectedIds = new Set(operations.map((op) => `${op.api}:${op.operationId}`))
  const unselectedOf = (api: string) =>
    (selectedApis.find((a) => a.name === api)?.operations ?? []).filter(
      (op) => !selectedIds.has(`${op.api}:${op.operationId}`),
    )
  const files = filtered
    ? apis.flatMap((api) => {
        const unselected = unselectedOf(api)
        if (unselected.every(isOptIn)) return unfilteredSuites(api, unselected)
        const ofApi = operations.filter((op) => op.api === api)
        return [
          ...ofApi.map(suiteFile).filter((f) => existsSync(f)),
          ...(crossCuttingPerOperation(api) || ofApi.some((op) => !existsSync(suiteFile(op)))
            ? [`tests/${api}/cross-cutting/`]
            : []),
        ]
      })
    : apis.flatMap((api) => unfilteredSuites(api, left))
  if (files.length === 0) {
    throw new HarnessError(
      'CLI_USAGE',
      'Failed to select tests: the selected operations have no suite files.',
      {
        hint: 'check tests/<api>/<operation-id>.test.ts exists for them.',
      },
    )
  }
  const dir = resolve(values['report-dir'] ?? 'reports')
  // The collection is checked before any request: a broken one must not cost the vitest stage.
  const readOnlyRemote = config.target === 'remote' && !config.allowWrites
  const newmanRuns = runner !== 'vitest' && !readOnlyRemote
  const { loadApiCollection } = await import('../newman/api-collection-file.ts')
  const collections = new Map(
    newmanRuns ? selectedApis.map((api) => [api.name, loadApiCollection(api)] as const) : [],
  )
  const operationIdsOf = (api: ApiDefinition) =>
    new Set(operations.filter((op) => op.api === api.name).map((op) => op.operationId))
  // A shard's part of Newman's work: whole top-level folders of the narrowed collections.
  const newmanUnits =
    shard === undefined
      ? undefined
      : unitsOfShard(
          selectedApis.flatMap((api) => {
            const collection = collections.get(api.name)
            if (collection === undefined) return []
            const narrowed = narrowCollection(collection, operationIdsOf(api))
            return collectionUnits(narrowed).map((unit) => ({ api: api.name, ...unit }))
          }),
          shard,
        )
  // This run owns the report directory until it ends; the previous run's reports go now.
  const claim =
    [...reporters].some((r) => r !== 'console') || shard !== undefined
      ? claimReportDir(dir, config.runId)
      : undefined
  try {
    return await execute()
  } finally {
    claim?.release()
  }

  async function execute(): Promise<number> {
    process.env.SUBCONTRACT_TARGET = config.target
    process.env.SUBCONTRACT_RUN_ID = config.runId
    process.env.SUBCONTRACT_ALLOW_WRITES = String(config.allowWrites)
    process.env.SUBCONTRACT_SEED = String(config.seed)
    process.env.SUBCONTRACT_STRICT_EXTRA_FIELDS = String(config.strictExtraFields)
    if (envFile !== undefined) process.env.SUBCONTRACT_ENV_FILE = envFile
    if (filtered || left.length > 0)
      process.env.SUBCONTRACT_OPERATIONS = operations
        .map((op) => `${op.api}:${op.operationId}`)
        .join(',')

    const c = io.terminal.colors
    const startedAt = new Date()
    const started = performance.now()
    // Where the run's time goes, phase by phase (summary.json `timings`, npm run bench).
    const timings: RunTimings = {
      startupMs: Math.round(process.uptime() * 1000 - (performance.now() - entered)),
      sandboxMs: 0,
      vitestMs: 0,
      newmanMs: {},
      reportsMs: 0,
    }
    print(
      `subcontract run: target ${config.target}, seed ${config.seed}, ${operations.length} operations, runner ${runner}`,
    )
    if (shard !== undefined) {
      const folders = [...(newmanUnits ?? new Map<string, Set<string>>())].map(
        ([api, units]) => `${api} ${[...units].join(', ')}`,
      )
      print(
        `shard ${shard.index}/${shard.count}: vitest runs its part of the suite files; newman ${newmanRuns ? (folders.length === 0 ? 'runs no folder' : `runs ${folders.join('; ')}`) : 'does not run'}`,
      )
    }
    for (const api of unkeyed)
      print(
        `skip ${api.name}: ${variableOf(api, 'apiKey').name} is not set in ${envFile ?? '.env'} (pass --api ${api.name} to require it)`,
      )
    if (config.target === 'remote') {
      // One authenticated read per API first: a refused key or a dead host is one message, not
      // 200 failures.
      const { preflight } = await import('./preflight.ts')
      for (const api of selectedApis) {
        const check = await preflight(config, api, envFile ?? '.env')
        if (!check.ok) {
          print(
            c.red(
              `The target did not answer the first request (${api.name} ${check.operationId}): ${check.message}`,
            ),
          )
          print(
            `Fix: check ${variableOf(api, 'baseUrl').name} in ${envFile ?? '.env'}, the network, or the timeouts (SUBCONTRACT_CONNECT_TIMEOUT_MS, SUBCONTRACT_HEADERS_TIMEOUT_MS). No test ran.`,
          )
          return 3
        }
        print(`target check: ${api.name} ${check.operationId} answered ${check.status}`)
      }
    }
    const progress = createProgress({ terminal: io.terminal })
    const records: TestRecord[] = []
    const runErrors: RunError[] = []
    // Ctrl-C or SIGTERM stops the runners; the teardown below still runs and says what it removed.
    const interrupts = watchInterrupts({
      say: (line) => {
        progress.stop()
        print(line)
      },
      cleanupHint:
        config.target === 'remote' && config.allowWrites
          ? `npx subcontract cleanup --run ${config.runId}${process.env.SUBCONTRACT_ENV_FILE === undefined ? '' : ` --env ${process.env.SUBCONTRACT_ENV_FILE}`}`
          : undefined,
    })
    const newmanDone = (api: ApiDefinition, records: readonly TestRecord[], ms: number) => {
      const failed = records.filter((r) => r.state === 'failed').length
      timings.newmanMs[api.name] = ms
      progress.log(
        `${failed > 0 ? c.red('FAIL') : c.green('ok  ')} newman ${api.collection.file}  ${records.length - failed} passed, ${failed} failed  ${ms}ms`,
        api.name,
      )
    }
    // On the embedded sandbox, Newman runs beside vitest in a worker thread with a sandbox of its
    // own (decision 0020); on a remote target it follows vitest here, under the run's one pace.
    const besideVitest = newmanRuns && config.target === 'local'
    let stage: NewmanStage | undefined
    let stageAwaited = false
    if (besideVitest && interrupts.signal === undefined) {
      const parts: StageRequest['apis'] = []
      for (const api of selectedApis) {
        const units = newmanUnits?.get(api.name)
        if (newmanUnits !== undefined && units === undefined) continue
        parts.push({
          name: api.name,
          collection: collections.get(api.name),
          operationIds: [...operationIdsOf(api)],
          ...(units === undefined ? {} : { units: [...units] }),
        })
      }
      if (parts.length > 0) {
        const { startNewmanStage } = await import('./newman-stage.ts')
        const started = startNewmanStage(
          {
            apis: parts,
            runId: config.runId,
            strictExtraFields: config.strictExtraFields,
            ...(values.bail === undefined ? {} : { bail: values.bail }),
          },
          {
            start: (api, count) => progress.plan(api as ApiName, 'newman', count),
            item: (api, failed) => progress.done(api as ApiName, 'newman', failed),
            apiDone: (result) => {
              const api = selectedApis.find((a) => a.name === result.api)
              if (api !== undefined) newmanDone(api, result.records, result.ms)
            },
          },
        )
        stage = started
        interrupts.onInterrupt(() => started.abort())
      }
    }
    // The runners and the sandbox load only now (usage errors and --help stay fast), and after
    // Newman's worker started: its start-up overlaps vitest's import.
    const startVitest = runner === 'newman' ? undefined : (await import('vitest/node')).startVitest
    const { createSandbox } = await import('../sandbox/create-sandbox.ts')
    const sandboxStarted = performance.now()
    // vitest's suites use this sandbox; Newman's worker has its own.
    const sandbox =
      config.target === 'local' && runner !== 'newman'
        ? await createSandbox({ apis: selectedApis })
        : undefined
    timings.sandboxMs = Math.round(performance.now() - sandboxStarted)
    // The sandbox keys are fake, but they are treated like any key: they never reach a report.
    for (const api of selectedApis) registerSecretValues(api, sandbox?.apis[api.name]?.values ?? {})
    if (sandbox !== undefined) process.env.SUBCONTRACT_SANDBOX_INFO = JSON.stringify(sandbox.apis)
    try {
      if (startVitest !== undefined && interrupts.signal === undefined) {
        const collector = createVitestCollector(progress, c, { apis: selectedApis })
        const vitestStarted = performance.now()
        const vitest = await startVitest('test', files, {
          run: true,
          watch: false,
          project: ['contract'],
          reporters: [collector, interrupts.vitestReporter],
          ...(values.bail === true ? { bail: 1 } : {}),
          // A part may hold no suite file when n is larger than the files (its Newman part runs).
          ...(shard === undefined
            ? {}
            : { shard: `${shard.index}/${shard.count}`, passWithNoTests: true }),
        })
        await vitest.close()
        timings.vitestMs = Math.round(performance.now() - vitestStarted)
        timings.vitestFiles = { ...collector.phases }
        records.push(...collector.records)
        runErrors.push(...collector.runErrors)
        // Only when nothing else explains vitest's failure count (no failed test, no error).
        if (
          vitest.state.getCountOfFailedTests() > 0 &&
          !collector.records.some((r) => r.state === 'failed') &&
          collector.runErrors.length === 0
        ) {
          runErrors.push(
            toRunError('vitest', 'vitest reported failures outside any test, without an error', {
              kind: 'error',
            }),
          )
        }
      }
      if (runner !== 'vitest' && readOnlyRemote) {
        progress.log(
          `skip newman: the collections send requests that change data (${selectedApis.map((api) => api.name).join(', ')}); pass --allow-writes to run them on a remote target`,
        )
      }
      if (stage !== undefined) {
        const outcome = await stage.done
        stageAwaited = true
        for (const result of outcome.results) {
          records.push(...result.records)
          runErrors.push(...result.runErrors)
        }
        runErrors.push(
          ...outcome.selfCheckProblems.map((p) =>
            toRunError('sandbox', redactText(p), {
              where: "self-check (Newman's sandbox)",
              kind: 'error',
            }),
          ),
        )
        if (outcome.error !== undefined) runErrors.push(outcome.error)
      }
      for (const api of newmanRuns && !besideVitest ? selectedApis : []) {
        // Loaded before anything is recorded: an interrupt during the import stops here.
        const { runApiCollection } = await import('../newman/run-api-collection.ts')
        if (interrupts.signal !== undefined) break
        const units = newmanUnits?.get(api.name)
        if (newmanUnits !== undefined && units === undefined) continue
        const newmanStarted = performance.now()
        const newmanAbort = new AbortController()
        interrupts.onInterrupt(() => newmanAbort.abort())
        // What the collection creates is in the ledger before the run (on a remote), and removed
        // after it even when Newman stops halfway.
        const target = config.targets[api.name]
        const created =
          target === undefined
            ? []
            : (api.collection.createdByRun?.(config.runId, target.data) ?? [])
        for (const id of target === undefined ? [] : created)
          recordCreated({
            runId: config.runId,
            api: api.name,
            origin: new URL((target as { baseUrl: string }).baseUrl).origin,
            id,
            createdAt: new Date().toISOString(),
          })
        const ids = operationIdsOf(api)
        const collection = collections.get(api.name)
        const result = await runApiCollection({
          api,
          environmentValues: targetValues(api, config, sandbox),
          runId: config.runId,
          operationIds: ids,
          ...(units === undefined ? {} : { units }),
          contract: loadContract({ strictExtraFields: config.strictExtraFields }),
          ...(collection === undefined ? {} : { collection }),
          // One pace for everything this process sends (none against the embedded sandbox).
          limiter: paceFor(config),
          signal: newmanAbort.signal,
          ...(values.bail === undefined ? {} : { bail: values.bail }),
          onStart: (count) => progress.plan(api.name, 'newman', count),
          onItemDone: (item) => progress.done(api.name, 'newman', item.failed),
        })
        records.push(...result.records)
        runErrors.push(...result.runErrors)
        if (target !== undefined)
          progress.log(
            formatRemoval(
              await cleanupTarget(config, api, config.runId),
              'teardown',
              api.testData.noun,
            ),
          )
        newmanDone(api, result.records, Math.round(performance.now() - newmanStarted))
      }
      if (interrupts.signal !== undefined) {
        runErrors.push(
          toRunError('harness', `interrupted by ${interrupts.signal}: the run stopped early`, {
            kind: 'error',
          }),
        )
        // The files' own teardown may not have run: remove what the ledger holds for this run.
        for (const api of config.allowWrites ? selectedApis : []) {
          if (config.targets[api.name] === undefined) continue
          const report = await cleanupTarget(config, api, config.runId)
          progress.log(formatRemoval(report, 'teardown', api.testData.noun))
        }
      }
    } finally {
      if (stage !== undefined && !stageAwaited) {
        // vitest's stage threw: stop Newman's too, and wait for its worker to end.
        stage.abort()
        await stage.done
      }
      interrupts.dispose()
      progress.stop()
      if (sandbox !== undefined) {
        runErrors.push(
          ...sandbox.selfCheck.problems.map((p) =>
            toRunError('sandbox', redactText(p), { where: 'self-check', kind: 'error' }),
          ),
        )
        await sandbox.close()
        delete process.env.SUBCONTRACT_SANDBOX_INFO
      }
    }
    const run: RunResult = {
      target: config.target,
      baseUrls: Object.fromEntries(
        selectedApis.map((api) => {
          const remote = config.targets[api.name]
          return [
            api.name,
            remote === undefined
              ? (sandbox?.apis[api.name]?.url ?? 'embedded sandbox')
              : withoutCredentials(remote.baseUrl),
          ]
        }),
      ),
      startedAt: startedAt.toISOString(),
      durationMs: performance.now() - started,
      seed: config.seed,
      strictExtraFields: config.strictExtraFields,
      versions: versions(),
      tests: orderTests(records, selectedApis),
      runErrors,
      invocation: {
        ...(process.env.SUBCONTRACT_ENV_FILE === undefined
          ? {}
          : { envFile: process.env.SUBCONTRACT_ENV_FILE }),
        allowWrites: config.allowWrites,
        strict: config.strictExtraFields,
      },
      timings,
    }
    const reportsStarted = performance.now()
    const summary = buildSummary(
      run,
      selectedApis,
      // The table and reports list what ran: a filtered selection, or all but the opt-in (beta)
      // operations an unfiltered run leaves out.
      filtered || left.length > 0
        ? new Set(operations.map((op) => `${op.api}:${op.operationId}`))
        : undefined,
    )
    // The outcome is printed first: a report that cannot be written must not hide it.
    if (reporters.has('console')) {
      print('')
      print(renderTable(summary, c))
      print('')
      print(renderOutcome(summary, c))
    }
    timings.reportsMs = Math.round(performance.now() - reportsStarted)
    if (reporters.has('console')) print(c.dim(formatTimings(timings)))
    const { written, unwritten } = writeReports(dir, reporters, run, summary, selectedApis)
    if (shard !== undefined) {
      const report: ShardReport = {
        format: SHARD_FORMAT,
        shard,
        selection: {
          apis,
          operations: operations.map((op) => `${op.api}:${op.operationId}`),
          filtered,
        },
        run,
      }
      try {
        written.push(writeReport(join(dir, SHARD_FILE), `${JSON.stringify(report, null, 2)}\n`))
      } catch (error) {
        if (!(error instanceof HarnessError)) throw error
        unwritten.push(error)
      }
    }
    for (const file of written) print(`wrote ${file}`)
    for (const error of unwritten) print(c.red(redactText(error.describe())))
    const html = written.find((file) => file.endsWith('.html'))
    if (html !== undefined) print(`${c.bold('HTML report:')} ${html}`)
    if (interrupts.signal !== undefined) return signalExitCode(interrupts.signal)
    const ran = summary.totals.passed + summary.totals.failed > 0
    if (shard !== undefined && !ran && summary.runErrors.length === 0 && unwritten.length === 0) {
      // n larger than the work leaves a part empty; the merge still needs its shard.json.
      print(
        `shard ${shard.index}/${shard.count}: this part holds no test (there is less work than parts); nothing failed.`,
      )
      return 0
    }
    const code = exitCodeOf(summary)
    if (!ran) print('No test ran: nothing was checked.')
    if (code === 3)
      print(
        c.yellow(
          `Every failure is a transport failure: the target did not answer. Check ${selectedApis.map((api) => variableOf(api, 'baseUrl').name).join(', ')}, the network, or the timeouts.`,
        ),
      )
    if (unwritten.length > 0) return 2
    return Math.max(code, fieldCoverageGate(summary, minFieldCoverage, print, c))
  }
}

/**
 * `--min-field-coverage <0..1>`: 1 when an operation's share of documented response fields seen
 * is below it, after printing the worst operations; 0 otherwise (and without the flag).
 */
export function fieldCoverageGate(
  summary: Summary,
  min: number | undefined,
  print: (line: string) => void,
  c: Pick<CommandIo['terminal']['colors'], 'red'>,
): 0 | 1 {
  if (min === undefined) return 0
  const below = belowFieldCoverage(summary.operations, min)
  if (below.length === 0) return 0
  print(
    c.red(
      `Field coverage below ${min}: ${below.length} operation(s), worst first (see fieldCoverage in summary.json, or the Fields column of report.html):`,
    ),
  )
  for (const line of below.slice(0, 10)) print(`  ${line}`)
  if (below.length > 10) print(`  … and ${below.length - 10} more`)
  print(
    'Fix: make the sandbox data or the suites reach those fields, or list what no input can show, with the reason, in fixtures/schemas/<api>/field-coverage-allow.json.',
  )
  return 1
}

/** Reads `--min-field-coverage`: a number from 0 to 1. Throws CLI_USAGE otherwise. */
export function parseMinFieldCoverage(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const min = Number(value)
  if (value.trim() === '' || !Number.isFinite(min) || min < 0 || min > 1)
    throw new HarnessError(
      'CLI_USAGE',
      `Failed to read the command line: --min-field-coverage "${value}" is not a number from 0 to 1.`,
      { hint: 'write it as a share, e.g. --min-field-coverage 1 (every field) or 0.9.' },
    )
  return min
}

/** A base URL as reports show it: a user:password part, if someone put one there, is dropped. */
export function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url)
    parsed.username = ''
    parsed.password = ''
    return parsed.toString().replace(/\/$/, '')
  } catch {
    return url
  }
}

/**
 * Writes the chosen report files, each atomically and each on its own: one that cannot be written
 * does not keep the others from being written. Returns what was written and what was not.
 */
export function writeReports(
  dir: string,
  reporters: ReadonlySet<ReporterName>,
  run: RunResult,
  summary: Summary,
  apis: readonly ApiDefinition[],
): { written: string[]; unwritten: HarnessError[] } {
  const written: string[] = []
  const unwritten: HarnessError[] = []
  const wants = (...names: ReporterName[]) => names.some((n) => reporters.has(n))
  const write = (file: string, render: () => string) => {
    try {
      written.push(writeReport(join(dir, file), render()))
    } catch (error) {
      if (!(error instanceof HarnessError)) throw error
      unwritten.push(error)
    }
  }
  if (wants('json')) {
    write('summary.json', () => `${JSON.stringify(summary, null, 2)}\n`)
    const newmanRecords = run.tests.filter((r) => r.runner === 'newman')
    if (newmanRecords.length > 0) {
      const report = { startedAt: run.startedAt, requests: newmanRecords }
      write('newman.json', () => `${JSON.stringify(report, null, 2)}\n`)
    }
  }
  if (wants('junit')) write('junit.xml', () => renderJunit(run, apis))
  if (wants('html')) write('report.html', () => renderHtml(summary))
  return { written, unwritten }
}

/** The values an API's Newman environment needs (by variable name), from the sandbox or the config. */
function targetValues(
  api: ApiDefinition,
  config: Config,
  sandbox: Sandbox | undefined,
): Readonly<Record<string, string>> {
  // The same declared list of target variables feeds both (the API's target.variables).
  return sandbox?.apis[api.name]?.values ?? config.targets[api.name]?.values ?? {}
}

/** Whether every cross-cutting suite of an API tests the selected operations one by one. */
function crossCuttingPerOperation(api: string): boolean {
  const dir = `tests/${api}/cross-cutting`
  if (!existsSync(dir)) return false
  const files = readdirSync(dir).filter((f) => f.endsWith('.test.ts'))
  return (
    files.length > 0 &&
    files.every((f) => readFileSync(`${dir}/${f}`, 'utf8').includes(`selectedOperations('${api}')`))
  )
}
