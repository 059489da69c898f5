/** Writes JUnit XML: one testsuite per runner and API, one testcase per test. */
import junitModule, { type Builder } from 'junit-report-builder'
import { getOperation } from '../../registry/operations.ts'
import type { RunResult, TestRecord } from '../run-result.ts'

// junit-report-builder is CommonJS; under NodeNext the default import is its exports object.
const junit: Builder =
  (junitModule as unknown as { default?: Builder }).default ?? (junitModule as unknown as Builder)

function className(test: TestRecord): string {
  if (test.operationId === undefined)
    return `${test.api}.cross-cutting.${test.file.replace(/\.test\.ts$/, '')}`
  const op = getOperation(test.api, test.operationId)
  return `${op.api}.${op.tag.replace(/\s+/g, '')}.${op.operationId}`
}

/** Renders the run as a JUnit XML document. */
export function renderJunit(run: RunResult): string {
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
        .className(className(test))
        .name(test.fullName)
        .time(test.durationMs / 1000)
        .file(test.file)
        .property('runner', test.runner)
      if (test.state === 'failed') {
        testCase.failure(test.reason ?? 'failed', 'AssertionError')
        if (test.detail !== undefined) testCase.stacktrace(test.detail)
      } else if (test.state === 'skipped') {
        testCase.skipped()
        if (test.reason !== undefined) testCase.property('skip-reason', test.reason)
      }
    }
  }
  return builder.build()
}
