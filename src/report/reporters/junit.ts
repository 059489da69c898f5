/** Writes JUnit XML: one testsuite per runner and API, one testcase per test. */
import junitModule, { type Builder } from 'junit-report-builder'
import type { Operation } from '../../registry/types.ts'
import { formatEvidence } from '../evidence.ts'
import type { RunError, RunResult, TestRecord } from '../run-result.ts'
import type { ReportedApi } from '../summary.ts'

// junit-report-builder is CommonJS; under NodeNext the default import is its exports object.
const junit: Builder =
  (junitModule as unknown as { default?: Builder }).default ?? (junitModule as unknown as Builder)

const FAILURE_TYPE = {
  contract: 'ContractViolation',
  assertion: 'AssertionError',
  transport: 'TransportError',
} as const

function className(test: TestRecord, byKey: ReadonlyMap<string, Operation>): string {
  // The file's stem only: a path in a classname reads as nested packages in CI UIs.
  if (test.operationId === undefined)
    return `${test.api}.cross-cutting.${(test.file.split('/').at(-1) ?? test.file).replace(/\.test\.ts$/, '')}`
  const op = byKey.get(`${test.api}.${test.operationId}`)
  return op === undefined
    ? `${test.api}.${test.operationId}`
    : `${op.api}.${op.tag.replace(/\s+/g, '')}.${op.operationId}`
}

/**
 * Renders the run as a JUnit XML document; `apis` (the run's APIs) give each test's class name
 * its operation's tag.
 */
export function renderJunit(run: RunResult, apis: readonly ReportedApi[]): string {
  const byKey = new Map(
    apis.flatMap((api) => api.operations.map((op) => [`${op.api}.${op.operationId}`, op])),
  )
  const builder = junit.newBuilder()
  const groups = new Map<string, TestRecord[]>()
  for (const test of run.tests) {
    const key = `${test.runner}.${test.api}`
    groups.set(key, [...(groups.get(key) ?? []), test])
  }
  for (const [key, tests] of groups) {
    const suite = builder.testSuite().name(`subcontract.${key}`).timestamp(run.startedAt)
    suite.property('target', run.target).property('seed', String(run.seed))
    for (const test of tests) {
      const testCase = suite
        .testCase()
        .className(className(test, byKey))
        .name(test.fullName)
        .time(test.durationMs / 1000)
        .file(test.file)
        .property('runner', test.runner)
      if (test.state === 'failed') {
        const kind = test.failureKind ?? 'assertion'
        const reason = (test.reason ?? 'failed').replace(/\s*\n\s*/g, ' ')
        testCase.failure(`[${kind}] ${reason}`, FAILURE_TYPE[kind])
        // The body holds what the HTML report shows: expected/actual, findings, request, curl.
        // A contract failure's detail repeats its evidence; other kinds add the runner's message.
        const body = [
          test.evidence === undefined ? undefined : formatEvidence(test.evidence),
          kind === 'contract' && test.evidence !== undefined ? undefined : test.detail,
        ].filter((part) => part !== undefined && part.length > 0)
        if (body.length > 0) testCase.stacktrace(body.join('\n\n---\n'))
      } else if (test.state === 'skipped') {
        testCase.skipped()
        if (test.reason !== undefined) testCase.property('skip-reason', test.reason)
      }
    }
  }
  renderRunErrors(builder, run, apis)
  return builder.build()
}

/** The API a run error belongs to: from its file (`tests/<api>/…`), else the run's first API. */
function apiOfError(error: RunError, run: RunResult, apis: readonly ReportedApi[]): string {
  const fromFile = apis.find((api) => error.file?.match(new RegExp(`(?:^|/)tests/${api.name}/`)))
  return fromFile?.name ?? apis[0]?.name ?? Object.keys(run.baseUrls)[0] ?? 'subcontract'
}

/**
 * One testcase per error outside any test, with an <error> element, so CI UIs list a failing
 * hook or a file that did not load instead of a run that is red for no visible reason.
 */
function renderRunErrors(
  builder: ReturnType<Builder['newBuilder']>,
  run: RunResult,
  apis: readonly ReportedApi[],
): void {
  if (run.runErrors.length === 0) return
  const suite = builder
    .testSuite()
    .name('subcontract.errors-outside-tests')
    .timestamp(run.startedAt)
  for (const error of run.runErrors) {
    const name = [error.file ?? error.source, error.where].filter(Boolean).join(' > ')
    const testCase = suite
      .testCase()
      .className(`${apiOfError(error, run, apis)}.setup`)
      .name(name)
      .time(0)
      .property('source', error.source)
    if (error.file !== undefined) testCase.file(error.file)
    const message = (error.message.split('\n')[0] ?? '').trim()
    const body = [error.message, error.stack].filter((p) => p !== undefined && p.length > 0)
    testCase.error(
      message,
      error.kind === 'transport' ? 'TransportError' : 'RunError',
      body.join('\n\n'),
    )
  }
}
