/** Builds summary.json from a run: totals, and per operation the statuses exercised and test counts. */
import { OPERATIONS } from '../registry/operations.ts'
import type { ApiName } from '../registry/types.ts'
import type { RunResult, TestRecord } from './run-result.ts'

/** Test counts of one runner. */
export interface Counts {
  passed: number
  failed: number
  skipped: number
}

/** The per-operation entry of summary.json. */
export interface OperationSummary {
  api: ApiName
  operationId: string
  method: string
  path: string
  tag: string
  /** Statuses exercised with a passing contract check, sorted. */
  statuses: string[]
  documentedStatuses: string[]
  /** Documented statuses no test exercised. */
  unexercisedStatuses: string[]
  /** Statuses seen that the contract does not document. */
  undocumentedStatuses: string[]
  /** Requests of this operation that needed more than one attempt. */
  retried: number
  passed: number
  failed: number
  skipped: number
  runners: Record<string, Counts>
}

/** The document written to reports/summary.json. */
export interface Summary {
  target: string
  baseUrls: Record<string, string>
  startedAt: string
  durationMs: number
  seed: number
  strictExtraFields: boolean
  totals: Counts
  runners: Record<string, Counts>
  operations: OperationSummary[]
  failures: Array<{
    runner: string
    file: string
    test: string
    operationId: string | null
    kind: string
    reason: string
  }>
  /** Requests the client retried: how many, the attempts they took and the time spent waiting. */
  retries: { requests: number; attempts: number; waitMs: number }
  runErrors: string[]
}

const zero = (): Counts => ({ passed: 0, failed: 0, skipped: 0 })

function bump(counts: Counts, test: TestRecord): void {
  counts[test.state] += 1
}

/** The operations a test counts toward: its own, or (cross-cutting tests) each one it exercised. */
export function operationsOfTest(test: TestRecord): string[] {
  if (test.operationId !== undefined) return [test.operationId]
  return [...new Set(test.exchanges.filter((e) => e.api === test.api).map((e) => e.operationId))]
}

function retryTotals(run: RunResult): Summary['retries'] {
  const retried = run.tests.flatMap((t) => t.exchanges).filter((e) => (e.attempts ?? 1) > 1)
  return {
    requests: retried.length,
    attempts: retried.reduce((sum, e) => sum + (e.attempts ?? 1), 0),
    waitMs: retried.reduce((sum, e) => sum + (e.waitMs ?? 0), 0),
  }
}

/** Builds the summary of a run, with one entry per registry operation of the APIs in `apis`. */
export function buildSummary(run: RunResult, apis: readonly ApiName[]): Summary {
  const totals = zero()
  const runners: Record<string, Counts> = {}
  for (const test of run.tests) {
    bump(totals, test)
    runners[test.runner] ??= zero()
    bump(runners[test.runner] as Counts, test)
  }
  const operations = OPERATIONS.filter((op) => apis.includes(op.api)).map(
    (op): OperationSummary => {
      const tests = run.tests.filter(
        (t) => t.api === op.api && operationsOfTest(t).includes(op.operationId),
      )
      const exchanges = run.tests.flatMap((t) =>
        t.exchanges.filter((e) => e.api === op.api && e.operationId === op.operationId),
      )
      const documented = Object.keys(op.responses)
      const seen = new Set(exchanges.map((e) => String(e.status)))
      const verified = new Set(
        exchanges.filter((e) => e.contract === 'passed').map((e) => String(e.status)),
      )
      const counts = zero()
      const byRunner: Record<string, Counts> = {}
      for (const test of tests) {
        bump(counts, test)
        byRunner[test.runner] ??= zero()
        bump(byRunner[test.runner] as Counts, test)
      }
      return {
        api: op.api,
        operationId: op.operationId,
        method: op.method,
        path: op.path,
        tag: op.tag,
        statuses: [...verified].sort(),
        documentedStatuses: documented,
        unexercisedStatuses: documented.filter((s) => !verified.has(s)),
        undocumentedStatuses: [...seen].filter((s) => !documented.includes(s)).sort(),
        retried: exchanges.filter((e) => (e.attempts ?? 1) > 1).length,
        ...counts,
        runners: byRunner,
      }
    },
  )
  return {
    target: run.target,
    baseUrls: run.baseUrls,
    startedAt: run.startedAt,
    durationMs: Math.round(run.durationMs),
    seed: run.seed,
    strictExtraFields: run.strictExtraFields,
    totals,
    runners,
    operations,
    failures: run.tests
      .filter((t) => t.state === 'failed')
      .map((t) => ({
        runner: t.runner,
        file: t.file,
        test: t.fullName,
        operationId: t.operationId ?? null,
        kind: t.failureKind ?? 'assertion',
        reason: t.reason ?? 'failed',
      })),
    retries: retryTotals(run),
    runErrors: run.runErrors,
  }
}
