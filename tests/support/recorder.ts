// Records which operations and statuses each test exercised into the test's meta, where the
// regression reporter reads it (vitest passes task meta from workers to reporters).
import {
  afterEach,
  beforeAll,
  beforeEach,
  type RunnerTestFile,
  type RunnerTestSuite,
  type TestContext,
  TestRunner,
} from 'vitest'
import type { ContractFinding, ExchangeEvidence } from '../../src/report/evidence.ts'

/** What a report needs to know about one exchange of a test. */
export interface ExchangeRecord {
  api: string
  operationId: string
  status: number
  durationMs: number
  /** Attempts the client made (above 1 when it retried), and the time it waited between them. */
  attempts?: number
  waitMs?: number
  /** Set once toMatchContract has run on the exchange. */
  contract?: 'passed' | 'failed'
  /** The schema items its checked body showed, for the field coverage (fieldsSeen). */
  fields?: number[]
}

let current: TestContext['task'] | undefined
let currentContext: TestContext | undefined
/** Builds the evidence of the running test's latest exchange; called only if the test fails. */
let latestEvidence: (() => ExchangeEvidence) | undefined

/** Thrown when a skip is needed outside a test: the hook guard turns it into skipped tests. */
class SkipInHook extends Error {
  override name = 'SkipInHook'
}

type AnySuite = RunnerTestSuite | RunnerTestFile
type Hook = ReturnType<typeof TestRunner.getSuiteHooks>['beforeAll'][number]
const guarded = new WeakSet<Hook>()
const skippedSuites = new WeakSet<AnySuite>()

/** Marks every test under `suite` as skipped with `reason`; vitest then reports them so. */
function skipSuite(suite: AnySuite, reason: string): void {
  skippedSuites.add(suite)
  for (const task of suite.tasks) {
    if (task.type === 'suite') skipSuite(task, reason)
    else if (task.mode === 'run' || task.mode === 'queued') {
      task.mode = 'skip'
      // `note` is what vitest's own ctx.skip(note) sets; the reporter API shows it as the reason.
      task.result = { state: 'skip', note: reason } as NonNullable<typeof task.result>
    }
  }
}

/**
 * Wraps every beforeAll hook of `suite` and the suites inside it: a skip raised inside one (a
 * write on a read-only run, data the target does not have) skips the tests of that suite with the
 * reason, instead of failing the suite. Later hooks of a skipped suite do not run.
 */
function guardHooks(suite: AnySuite): void {
  const hooks = TestRunner.getSuiteHooks(suite).beforeAll
  hooks.forEach((hook, i) => {
    if (guarded.has(hook)) return
    const wrapped: Hook = async (...args) => {
      if (skippedSuites.has(suite)) return undefined
      try {
        return await hook(...args)
      } catch (error) {
        if (!(error instanceof SkipInHook)) throw error
        skipSuite(suite, error.message)
        return undefined
      }
    }
    guarded.add(wrapped)
    hooks[i] = wrapped
  })
  for (const task of suite.tasks) if (task.type === 'suite') guardHooks(task)
}

/** Installs the hook that tracks the running test; call once from the setup file. */
export function installRecorder(): void {
  // Registered first, so it runs before the file's own hooks and can guard them all (vitest reads
  // the file's beforeAll list as it goes, so later entries replaced here are the ones it calls).
  // vitest reads a hook's first parameter as its fixtures, which must be a destructuring pattern.
  // biome-ignore lint/correctness/noEmptyPattern: no fixtures are needed, only the file (2nd).
  beforeAll(({}, file) => guardHooks(file as AnySuite))
  beforeEach((context) => {
    current = context.task
    currentContext = context
    latestEvidence = undefined
    // Excerpts and curl are built for failed tests only, not on every call.
    context.onTestFailed(() => {
      if (latestEvidence !== undefined) context.task.meta.lastExchange = latestEvidence()
    })
  })
  afterEach(() => {
    currentContext = undefined
  })
}

/**
 * Skips the running test with a reason the reports show. Outside a test (in a beforeAll hook) it
 * skips every test of the hook's suite with the same reason.
 */
export function skipCurrent(reason: string): never {
  if (currentContext === undefined) throw new SkipInHook(reason)
  currentContext.skip(reason)
  throw new Error(reason)
}

/** Adds an exchange to the running test's meta and returns its record. */
export function record(entry: ExchangeRecord): ExchangeRecord {
  if (current !== undefined) {
    current.meta.exchanges ??= []
    current.meta.exchanges.push(entry)
  }
  return entry
}

/** Keeps the latest exchange of the running test, for the failure report if the test fails. */
export function rememberExchange(evidence: () => ExchangeEvidence): void {
  latestEvidence = evidence
}

/** Keeps a contract failure of the running test, with the exchange that broke the contract. */
export function rememberContractFailure(failure: {
  expectedStatus: number
  findings: ContractFinding[]
  exchange: ExchangeEvidence
}): void {
  if (current !== undefined) current.meta.contractFailure = failure
}
