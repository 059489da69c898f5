/**
 * A vitest reporter that turns finished test cases into runner-neutral TestRecords (with the
 * exchanges each test recorded in its meta) and prints one plain progress line per file.
 */
import { relative } from 'node:path'
import type { Reporter, TestCase, TestModule, TestSpecification, TestSuite } from 'vitest/node'
import { HarnessError } from '../errors.ts'
import { redactText, truncate } from '../redact/redact.ts'
import { suiteStem } from '../registry/operations.ts'
import type { ApiName, Operation } from '../registry/types.ts'
import type { ContractFinding, ExchangeEvidence, FailureEvidence } from './evidence.ts'
import type { Progress } from './progress.ts'
import { isTransportText, type RunError, toRunError } from './run-error.ts'
import type { ExchangeSummary, RunTimings, TestRecord } from './run-result.ts'
import type { ReportedApi } from './summary.ts'
import type { Colors } from './terminal.ts'

type TestError = Extract<ReturnType<TestCase['result']>, { state: 'failed' }>['errors'][number]
type HttpAttempt = { attempt: number; outcome: string; waitMs: number }

/**
 * Which API and operation a test file is for, from the APIs' definitions: suite files live at
 * `tests/<api>/<suite-stem>.test.ts` (one operation), cross-cutting ones at
 * `tests/<api>/cross-cutting/*.test.ts` (none). A file under no API's folder (a fixture) counts
 * for the first API given.
 */
export interface SuiteFiles {
  apiOf(moduleId: string): ApiName
  operationOf(moduleId: string): Operation | undefined
}

/** The path segments of a test file after its last `tests/` folder; undefined outside one. */
function underTests(moduleId: string): string[] | undefined {
  const path = `/${moduleId.replace(/\\/g, '/')}`
  const at = path.lastIndexOf('/tests/')
  return at < 0 ? undefined : path.slice(at + '/tests/'.length).split('/')
}

/** The suite-file map of `apis` (see SuiteFiles). */
export function suiteFilesOf(apis: readonly ReportedApi[]): SuiteFiles {
  const first = apis[0]
  if (first === undefined) {
    throw new HarnessError(
      'CLI_USAGE',
      'Failed to collect test results: no API was given to the vitest collector.',
      {
        hint: "pass the run's API definitions: createVitestCollector(progress, colors, { apis }).",
      },
    )
  }
  const byStem = new Map(
    apis.flatMap((api) => api.operations.map((op) => [`${api.name}/${suiteStem(op)}.test.ts`, op])),
  )
  return {
    apiOf(moduleId) {
      const folder = underTests(moduleId)?.[0]
      return apis.find((api) => api.name === folder)?.name ?? first.name
    },
    operationOf(moduleId) {
      const segments = underTests(moduleId)
      // tests/<api>/<stem>.test.ts only: a cross-cutting file is one folder deeper.
      return segments?.length === 2 ? byStem.get(segments.join('/')) : undefined
    },
  }
}

/** What the worker-side recorder leaves in a test's meta (see tests/support/recorder.ts). */
interface TestMeta {
  exchanges?: ExchangeSummary[]
  lastExchange?: ExchangeEvidence
  contractFailure?: {
    expectedStatus: number
    findings: ContractFinding[]
    exchange: ExchangeEvidence
  }
}

function clip(text: string | undefined): string | undefined {
  return text === undefined ? undefined : truncate(redactText(text), 600)
}

function evidenceOf(
  errors: readonly TestError[],
  meta: TestMeta,
  kind: 'contract' | 'assertion' | 'transport',
): FailureEvidence {
  const contract = meta.contractFailure
  if (kind === 'contract' && contract !== undefined) {
    const first = contract.findings[0]
    const expected =
      first?.expected ?? `status ${contract.expectedStatus} and a body that matches the contract`
    return {
      expected,
      actual: first?.value ?? first?.message ?? 'a response that breaks the contract',
      contract: contract.findings,
      exchange: contract.exchange,
    }
  }
  const error = errors[0] as (TestError & { attempts?: HttpAttempt[] }) | undefined
  const expected = clip(typeof error?.expected === 'string' ? error.expected : undefined)
  const actual = clip(typeof error?.actual === 'string' ? error.actual : undefined)
  return {
    ...(expected === undefined ? {} : { expected }),
    ...(actual === undefined ? {} : { actual }),
    ...(kind === 'transport' && Array.isArray(error?.attempts) ? { attempts: error.attempts } : {}),
    ...(meta.lastExchange === undefined ? {} : { exchange: meta.lastExchange }),
  }
}

function toRecord(test: TestCase, moduleId: string, suites: SuiteFiles): TestRecord {
  const result = test.result()
  const api = suites.apiOf(moduleId)
  const op = suites.operationOf(moduleId)
  const state =
    result.state === 'passed' ? 'passed' : result.state === 'failed' ? 'failed' : 'skipped'
  const errors = result.state === 'failed' ? result.errors : []
  const firstLine = errors[0]?.message.split('\n')[0]
  const note = result.state === 'skipped' ? (result.note ?? notRunBecause(test.parent)) : undefined
  const errorText = errors.map((e) => `${e.name ?? ''} ${e.message}`).join('\n')
  const failureKind = isTransportText(errorText)
    ? 'transport'
    : /broke the contract/.test(errorText)
      ? 'contract'
      : 'assertion'
  const meta = test.meta() as TestMeta
  const evidence = errors.length === 0 ? undefined : evidenceOf(errors, meta, failureKind)
  const finding = failureKind === 'contract' ? meta.contractFailure : undefined
  const firstFinding = finding?.findings[0]
  // A contract failure's one-line reason names the first finding, not just the operation.
  const contractReason =
    finding === undefined || firstFinding === undefined
      ? undefined
      : `${finding.exchange.operationId} broke the contract for ${finding.expectedStatus}: [${firstFinding.check}] ${firstFinding.message}${firstFinding.pointer ? ` at ${firstFinding.pointer}` : ''}`
  const exchanges = ((test.meta() as { exchanges?: ExchangeSummary[] }).exchanges ?? []).map(
    (e) => ({ ...e }),
  )
  return {
    runner: 'vitest',
    api,
    operationId: op?.operationId,
    file: moduleId.slice(moduleId.indexOf('/tests/') + 1),
    name: test.name,
    fullName: test.fullName,
    state,
    durationMs: test.diagnostic()?.duration ?? 0,
    ...(firstLine === undefined ? {} : { reason: redactText(contractReason ?? firstLine) }),
    ...(note === undefined ? {} : { reason: redactText(note) }),
    ...(errors.length === 0
      ? {}
      : { detail: redactText(errors.map((e) => e.message).join('\n\n')), failureKind }),
    ...(evidence === undefined ? {} : { evidence }),
    exchanges,
  }
}

/** Where a test path starts inside the checkout: `tests/adapty/get-profile.test.ts`. */
function relativeFile(moduleId: string): string {
  const at = moduleId.indexOf('/tests/')
  return at < 0 ? relative(process.cwd(), moduleId) : moduleId.slice(at + 1)
}

/** True when a test of this suite or module ran (so its setup went through). */
function anyTestRan(entity: TestSuite | TestModule): boolean {
  return [...entity.children.allTests()].some((t) => {
    const state = t.result().state
    return state === 'passed' || state === 'failed'
  })
}

/** Where a suite's or module's own error happened, as far as the reporter API tells. */
function whereOf(entity: TestSuite | TestModule): string {
  const tests = [...entity.children.allTests()].length
  if (entity.type === 'module') {
    if (tests === 0) return 'while loading the file'
    return anyTestRan(entity)
      ? 'afterAll of the file'
      : `beforeAll of the file; its ${tests} test(s) did not run`
  }
  return anyTestRan(entity)
    ? `afterAll of "${entity.fullName}"`
    : `beforeAll or describe of "${entity.fullName}"; its ${tests} test(s) did not run`
}

/** The reason a test was skipped when a hook above it failed, or undefined. */
function notRunBecause(parent: TestSuite | TestModule): string | undefined {
  let entity: TestSuite | TestModule | undefined = parent
  while (entity !== undefined) {
    const error = entity.errors()[0]
    if (error !== undefined) {
      const where = entity.type === 'module' ? 'the file' : `"${entity.fullName}"`
      return `not run: a hook of ${where} failed: ${error.message.split('\n')[0] ?? ''}`
    }
    entity = entity.type === 'suite' ? entity.parent : undefined
  }
  return undefined
}

/** Every error a file reported outside its tests: its own, then each suite's. */
function moduleErrors(module: TestModule): RunError[] {
  const file = relativeFile(module.moduleId)
  const entities: Array<TestSuite | TestModule> = [module, ...module.children.allSuites()]
  return entities.flatMap((entity) =>
    entity.errors().map((error) => toRunError('vitest', error, { file, where: whereOf(entity) })),
  )
}

/** Collects records while vitest runs. */
export interface VitestCollector extends Reporter {
  readonly records: TestRecord[]
  readonly runErrors: RunError[]
  /** vitest's per-file phases, summed over the files that ended. */
  readonly phases: NonNullable<RunTimings['vitestFiles']>
}

/** What the collector needs besides its output: the APIs of the run. */
export interface VitestCollectorOptions {
  /**
   * The run's API definitions (all of each API's operations): they say which API and operation
   * each test file is for. The first is the API of a file under no API's folder.
   */
  apis: readonly ReportedApi[]
}

/** Creates the collector; it tells `progress` about every test and logs one line per file. */
export function createVitestCollector(
  progress: Progress,
  colors: Colors,
  options: VitestCollectorOptions,
): VitestCollector {
  const suites = suiteFilesOf(options.apis)
  const apiOf = suites.apiOf
  const records: TestRecord[] = []
  const runErrors: RunError[] = []
  const phases = { files: 0, environmentMs: 0, prepareMs: 0, importMs: 0, setupMs: 0, testsMs: 0 }
  return {
    records,
    runErrors,
    phases,
    onTestRunStart(specifications: ReadonlyArray<TestSpecification>) {
      // The files are known now; their tests only as each file is collected.
      const files = new Map<ApiName, number>()
      for (const spec of specifications) {
        const api = apiOf(spec.moduleId)
        files.set(api, (files.get(api) ?? 0) + 1)
      }
      for (const [api, count] of files) progress.planFiles(api, 'vitest', count)
    },
    onTestModuleCollected(module: TestModule) {
      progress.plan(apiOf(module.moduleId), 'vitest', [...module.children.allTests()].length, {
        file: true,
      })
    },
    onTestCaseResult(test: TestCase) {
      const state = test.result().state
      if (state === 'pending') return
      progress.done(apiOf(test.module.moduleId), 'vitest', state === 'failed')
    },
    onTestModuleEnd(module: TestModule) {
      const api = apiOf(module.moduleId)
      const diagnostic = module.diagnostic()
      phases.files += 1
      phases.environmentMs += Math.round(diagnostic.environmentSetupDuration)
      phases.prepareMs += Math.round(diagnostic.prepareDuration)
      phases.importMs += Math.round(diagnostic.collectDuration)
      phases.setupMs += Math.round(diagnostic.setupDuration)
      phases.testsMs += Math.round(diagnostic.duration)
      const mine = [...module.children.allTests()].map((t) => toRecord(t, module.moduleId, suites))
      records.push(...mine)
      const errors = moduleErrors(module)
      runErrors.push(...errors)
      progress.fileDone(api, 'vitest')
      const failed = mine.filter((r) => r.state === 'failed').length
      const passed = mine.filter((r) => r.state === 'passed').length
      const skipped = mine.filter((r) => r.state === 'skipped').length
      // A file with errors outside its tests fails; one whose tests were all skipped is a skip.
      const mark =
        failed > 0 || errors.length > 0
          ? colors.red('FAIL')
          : passed === 0 && skipped > 0
            ? colors.yellow('skip')
            : colors.green('ok  ')
      const counts = `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}${errors.length > 0 ? `, ${errors.length} error(s) outside tests` : ''}`
      const ms = Math.round(diagnostic.duration)
      progress.log(redactText(`${mark} ${relativeFile(module.moduleId)}  ${counts}  ${ms}ms`), api)
    },
    onTestRunEnd(_modules, unhandledErrors) {
      for (const error of unhandledErrors) {
        const path = (error as { VITEST_TEST_PATH?: unknown }).VITEST_TEST_PATH
        const name = (error as { VITEST_TEST_NAME?: unknown }).VITEST_TEST_NAME
        runErrors.push(
          toRunError('vitest', error, {
            ...(typeof path === 'string' ? { file: relativeFile(path) } : {}),
            where:
              typeof name === 'string'
                ? `unhandled error during "${name}"`
                : 'unhandled error outside any test',
          }),
        )
      }
    },
  }
}
