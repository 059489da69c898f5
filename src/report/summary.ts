/**
 * Builds summary.json from a run: totals per API and runner, and per operation the coverage of
 * documented statuses, latency and retries, plus every failure with its evidence. The HTML report
 * is rendered from this document alone, so `subcontract report` can rebuild it later.
 */
import { OPERATIONS } from '../registry/operations.ts'
import type { ApiName } from '../registry/types.ts'
import type { FailureEvidence } from './evidence.ts'
import type { ExchangeSummary, RunResult, TestRecord } from './run-result.ts'

/** Failures past this many keep their reason but not their evidence, to bound report size. */
export const EVIDENCE_LIMIT = 100

/** One status of one operation: documented or not, and what each runner saw of it. */
export interface CoverageCell {
  status: string
  documented: boolean
  /** Per runner: checked exchanges with this status, and how many of them failed. */
  runners: Record<string, { exchanges: number; failed: number }>
}

/** Latency of an operation's requests, in milliseconds (first attempt to final answer). */
export interface Latency {
  count: number
  p50: number
  p95: number
  max: number
}

/** One failed test, as reports show it. */
export interface FailureSummary {
  runner: string
  api: string
  file: string
  test: string
  operationId: string | null
  tag: string | null
  kind: 'contract' | 'assertion' | 'transport'
  reason: string
  evidence?: FailureEvidence
}

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
  /** Time the client spent waiting between attempts of this operation's requests. */
  waitMs: number
  /** One cell per documented or observed status, documented ones first. */
  coverage: CoverageCell[]
  latency: Latency | null
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
  versions: Record<string, string>
  totals: Counts
  runners: Record<string, Counts>
  /** Totals per API, overall and per runner. */
  apis: Record<string, { totals: Counts; runners: Record<string, Counts> }>
  operations: OperationSummary[]
  failures: FailureSummary[]
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

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return Math.round((sorted[index] ?? 0) * 10) / 10
}

/** p50, p95 and max of a set of durations; null when there are none. */
export function latencyOf(durations: readonly number[]): Latency | null {
  if (durations.length === 0) return null
  const sorted = [...durations].sort((a, b) => a - b)
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: percentile(sorted, 100),
  }
}

function coverageOf(
  documented: readonly string[],
  tests: readonly TestRecord[],
  api: ApiName,
  operationId: string,
): CoverageCell[] {
  const cells = new Map<string, CoverageCell>()
  for (const status of documented) cells.set(status, { status, documented: true, runners: {} })
  for (const test of tests) {
    const checked = test.exchanges.filter((e) => e.contract !== undefined)
    const last = checked.at(-1)
    for (const exchange of checked) {
      if (exchange.api !== api || exchange.operationId !== operationId) continue
      const status = String(exchange.status)
      let cell = cells.get(status)
      if (cell === undefined) {
        cell = { status, documented: false, runners: {} }
        cells.set(status, cell)
      }
      cell.runners[test.runner] ??= { exchanges: 0, failed: 0 }
      const counts = cell.runners[test.runner] as { exchanges: number; failed: number }
      counts.exchanges += 1
      // The contract failed on this exchange, or the test failed right after it.
      if (exchange.contract === 'failed' || (test.state === 'failed' && exchange === last))
        counts.failed += 1
    }
  }
  return [...cells.values()]
}

function failureOf(test: TestRecord, index: number): FailureSummary {
  const op =
    test.operationId === undefined
      ? undefined
      : OPERATIONS.find((o) => o.api === test.api && o.operationId === test.operationId)
  return {
    runner: test.runner,
    api: test.api,
    file: test.file,
    test: test.fullName,
    operationId: test.operationId ?? null,
    tag: op?.tag ?? null,
    kind: test.failureKind ?? 'assertion',
    reason: test.reason ?? 'failed',
    ...(test.evidence === undefined || index >= EVIDENCE_LIMIT ? {} : { evidence: test.evidence }),
  }
}

/** Builds the summary of a run, with one entry per registry operation of the APIs in `apis`. */
export function buildSummary(run: RunResult, apis: readonly ApiName[]): Summary {
  const totals = zero()
  const runners: Record<string, Counts> = {}
  const perApi: Summary['apis'] = {}
  for (const api of apis) perApi[api] = { totals: zero(), runners: {} }
  for (const test of run.tests) {
    bump(totals, test)
    runners[test.runner] ??= zero()
    bump(runners[test.runner] as Counts, test)
    perApi[test.api] ??= { totals: zero(), runners: {} }
    const entry = perApi[test.api] as Summary['apis'][string]
    bump(entry.totals, test)
    entry.runners[test.runner] ??= zero()
    bump(entry.runners[test.runner] as Counts, test)
  }
  const operations = OPERATIONS.filter((op) => apis.includes(op.api)).map(
    (op): OperationSummary => {
      const tests = run.tests.filter(
        (t) => t.api === op.api && operationsOfTest(t).includes(op.operationId),
      )
      const exchanges: ExchangeSummary[] = run.tests.flatMap((t) =>
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
        waitMs: Math.round(exchanges.reduce((sum, e) => sum + (e.waitMs ?? 0), 0)),
        coverage: coverageOf(documented, run.tests, op.api, op.operationId),
        latency: latencyOf(exchanges.map((e) => e.durationMs)),
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
    versions: run.versions,
    totals,
    runners,
    apis: perApi,
    operations,
    failures: run.tests.filter((t) => t.state === 'failed').map(failureOf),
    retries: retryTotals(run),
    runErrors: run.runErrors,
  }
}

/**
 * The exit code a run earns: 0 all passed, 1 a test or contract failure (or an error outside any
 * test), 3 when every failure is a transport failure (the target did not answer).
 */
export function exitCodeOf(summary: Summary): 0 | 1 | 3 {
  if (summary.totals.passed + summary.totals.failed === 0) return 1
  if (summary.runErrors.length > 0) return 1
  // failures lists every failed test, so an empty list means nothing failed.
  if (summary.failures.length === 0) return 0
  return summary.failures.every((f) => f.kind === 'transport') ? 3 : 1
}
