/**
 * Builds summary.json from a run: totals per API and runner, and per operation the coverage of
 * documented statuses, latency and retries, plus every failure with its evidence. The HTML report
 * is rendered from this document alone, so `subcontract report` can rebuild it later.
 */
import type { ApiDefinition } from '../api/api-definition.ts'
import type { ApiName, Operation } from '../registry/types.ts'
import type { FailureEvidence } from './evidence.ts'
import { fieldCoverageOf, type OperationFieldCoverage } from './field-coverage.ts'
import type { RunError } from './run-error.ts'
import type {
  ExchangeSummary,
  Invocation,
  RunResult,
  RunTimings,
  TestRecord,
} from './run-result.ts'

/**
 * What the reports need of an API: its name and its operations (an ApiDefinition has both; a
 * test can pass a plain object). Engines take it as a parameter and never import an API folder.
 */
export type ReportedApi = Pick<ApiDefinition, 'name' | 'operations'>

/** Failures past this many keep their reason but not their evidence, to bound report size. */
export const EVIDENCE_LIMIT = 100

/** One status of one operation: documented or not, and what each runner saw of it. */
export interface CoverageCell {
  status: string
  documented: boolean
  /**
   * Per runner: exchanges with this status (for a documented status, those a contract check ran
   * on; for an undocumented one, all of them) and how many failed (every undocumented one).
   */
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
  /** The status the failing exchange received; null when no answer came or nothing was sent. */
  status: number | null
  evidence?: FailureEvidence
}

/**
 * Failures that share one cause (see docs/decisions/0011-grouped-failures.md): same runner, kind,
 * API, operation and received status, and the same first contract finding (check, keyword,
 * pointer) or, for assertion and transport failures, the same normalised one-line reason.
 */
export interface FailureGroup {
  key: string
  runner: string
  api: string
  kind: FailureSummary['kind']
  operationId: string | null
  status: number | null
  /** The first failure's one-line reason: what the group has in common. */
  cause: string
  count: number
  /** Indexes into `failures`, in run order. */
  failures: number[]
}

/** Tests that count for no operation (a cross-cutting test that called none), per API. */
export interface UnattributedSummary extends Counts {
  runners: Record<string, Counts>
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
  /** Documented statuses exercised with a passing contract check, sorted. */
  statuses: string[]
  documentedStatuses: string[]
  /** Documented statuses no exchange passed a contract check with. */
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
  /** Which documented response fields the checked responses showed (absent: no JSON body). */
  fieldCoverage?: OperationFieldCoverage
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
  /** The failures grouped by cause, largest group first; `failures` stays complete. */
  groups: FailureGroup[]
  /** Per API, the tests that count for no operation, so the table adds up to the totals. */
  unattributed: Record<string, UnattributedSummary>
  /** Requests the client retried: how many, the attempts they took and the time spent waiting. */
  retries: { requests: number; attempts: number; waitMs: number }
  /** Errors outside any test, with file, place and the useful part of the stack (redacted). */
  runErrors: RunError[]
  /** The flags a rerun needs (env file, --allow-writes, --strict). */
  invocation?: Invocation
  /** Where the run's time went, per phase. */
  timings?: RunTimings
}

const zero = (): Counts => ({ passed: 0, failed: 0, skipped: 0 })

function bump(counts: Counts, test: TestRecord): void {
  counts[test.state] += 1
}

const KNOWN = new WeakMap<readonly ReportedApi[], ReadonlySet<string>>()

/** `api.operationId` of every operation of `apis` (cached per list). */
function knownOperations(apis: readonly ReportedApi[]): ReadonlySet<string> {
  let known = KNOWN.get(apis)
  if (known === undefined) {
    known = new Set(apis.flatMap((a) => a.operations.map((op) => `${op.api}.${op.operationId}`)))
    KNOWN.set(apis, known)
  }
  return known
}

/**
 * The one operation a test counts for in the pass/fail/skip columns, so that they add up to the
 * totals: the operation of its suite file; for a cross-cutting test, the operation of `apis` its
 * name tags (`[getProfile]`, `[getProfile: no auth]`, `[get-customer]`), else the operation of
 * its last request (where a failing test stopped); undefined when it called none. Every exchange
 * still counts for the status coverage of its own operation.
 */
export function operationOfTest(
  test: TestRecord,
  apis: readonly ReportedApi[],
): string | undefined {
  if (test.operationId !== undefined) return test.operationId
  const known = knownOperations(apis)
  for (const match of test.fullName.matchAll(/\[([A-Za-z][A-Za-z0-9-]*)[\]:]/g)) {
    const id = match[1] as string
    if (known.has(`${test.api}.${id}`)) return id
  }
  const last = test.exchanges.filter((e) => e.api === test.api).at(-1)
  return last !== undefined && known.has(`${test.api}.${last.operationId}`)
    ? last.operationId
    : undefined
}

/**
 * Operations in report order: API by API (in the order they first appear), within an API tag by
 * tag (in the order each tag first appears), and in the given order within a tag.
 */
export function inReportOrder<T extends Pick<Operation, 'api' | 'tag'>>(
  operations: readonly T[],
): T[] {
  const rank = new Map<string, number>()
  const rankOf = (key: string) => {
    if (!rank.has(key)) rank.set(key, rank.size)
    return rank.get(key) as number
  }
  const keyed = operations.map((op) => ({
    op,
    api: rankOf(`api ${op.api}`),
    tag: rankOf(`tag ${op.api} ${op.tag}`),
  }))
  // Array.prototype.sort is stable: operations of one tag keep their order.
  return keyed.sort((x, y) => x.api - y.api || x.tag - y.tag).map((k) => k.op)
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi

/**
 * A one-line reason without what differs between two failures of one cause: ids, test profile
 * names, long numbers (ports, timestamps, durations) and array indexes in pointers.
 */
export function normaliseReason(reason: string): string {
  return (reason.split('\n')[0] ?? '')
    .replace(UUID, '<uuid>')
    .replace(/subcontract-[A-Za-z0-9_-]+/g, '<test-profile>')
    .replace(/\b\d+(\.\d+)?\s?ms\b/g, '<n> ms')
    .replace(/\b\d{4,}\b/g, '<n>')
    .replace(/\/\d+(?=\/|\s|$)/g, '/*')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The status the failing exchange of a test received, or null when none came. */
function receivedStatus(test: TestRecord): number | null {
  if (test.failureKind === 'transport') return null
  const failed = test.exchanges.filter((e) => e.contract === 'failed').at(-1)
  return (failed ?? test.exchanges.at(-1))?.status ?? null
}

/** The cause key of a failed test (see FailureGroup). */
function causeKey(test: TestRecord, failure: FailureSummary): string {
  const kind = failure.kind
  const finding = kind === 'contract' ? test.evidence?.contract?.[0] : undefined
  const operation =
    (kind === 'contract' ? test.evidence?.exchange?.operationId : undefined) ??
    failure.operationId ??
    '-'
  const detail =
    finding === undefined
      ? normaliseReason(failure.reason)
      : [finding.check, finding.keyword ?? '', normaliseReason(finding.pointer ?? '')].join(' ')
  return [failure.runner, kind, failure.api, operation, failure.status ?? '-', detail].join('|')
}

/** Groups failures by cause: largest group first, then in the order they first happened. */
export function groupFailures(
  tests: readonly TestRecord[],
  failures: readonly FailureSummary[],
): FailureGroup[] {
  const groups = new Map<string, FailureGroup>()
  for (const [index, failure] of failures.entries()) {
    const test = tests[index] as TestRecord
    const key = causeKey(test, failure)
    let group = groups.get(key)
    if (group === undefined) {
      group = {
        key,
        runner: failure.runner,
        api: failure.api,
        kind: failure.kind,
        operationId:
          (failure.kind === 'contract' ? test.evidence?.exchange?.operationId : undefined) ??
          failure.operationId,
        status: failure.status,
        cause: failure.reason,
        count: 0,
        failures: [],
      }
      groups.set(key, group)
    }
    group.count += 1
    group.failures.push(index)
  }
  return [...groups.values()].sort(
    (a, b) => b.count - a.count || (a.failures[0] ?? 0) - (b.failures[0] ?? 0),
  )
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

/**
 * The coverage cells of one operation: one per documented status, then one per status observed
 * that the contract does not document. A documented status counts the exchanges a contract check
 * ran on; an undocumented one counts every exchange that received it, checked or not, since the
 * status alone breaks the contract (a sandbox's 501 for an operation it does not emulate), and
 * every one of them counts as failed.
 */
function coverageOf(op: Operation, tests: readonly TestRecord[]): CoverageCell[] {
  const cells = new Map<string, CoverageCell>()
  for (const status of Object.keys(op.responses))
    cells.set(status, { status, documented: true, runners: {} })
  for (const test of tests) {
    const checked = test.exchanges.filter((e) => e.contract !== undefined)
    const last = checked.at(-1)
    for (const exchange of test.exchanges) {
      if (exchange.api !== op.api || exchange.operationId !== op.operationId) continue
      const status = String(exchange.status)
      let cell = cells.get(status)
      if (cell === undefined) {
        cell = { status, documented: false, runners: {} }
        cells.set(status, cell)
      }
      if (cell.documented && exchange.contract === undefined) continue
      cell.runners[test.runner] ??= { exchanges: 0, failed: 0 }
      const counts = cell.runners[test.runner] as { exchanges: number; failed: number }
      counts.exchanges += 1
      // The status is undocumented, the contract failed on this exchange, or the test failed
      // right after it.
      if (
        !cell.documented ||
        exchange.contract === 'failed' ||
        (test.state === 'failed' && exchange === last)
      )
        counts.failed += 1
    }
  }
  return [...cells.values()]
}

function failureOf(
  test: TestRecord,
  index: number,
  byKey: ReadonlyMap<string, Operation>,
): FailureSummary {
  const op =
    test.operationId === undefined ? undefined : byKey.get(`${test.api}.${test.operationId}`)
  return {
    runner: test.runner,
    api: test.api,
    file: test.file,
    test: test.fullName,
    operationId: test.operationId ?? null,
    tag: op?.tag ?? null,
    kind: test.failureKind ?? 'assertion',
    reason: test.reason ?? 'failed',
    status: receivedStatus(test),
    ...(test.evidence === undefined || index >= EVIDENCE_LIMIT ? {} : { evidence: test.evidence }),
  }
}

/** The summary entry of one operation. */
function operationSummary(
  op: Operation,
  run: RunResult,
  apis: readonly ReportedApi[],
): OperationSummary {
  const tests = run.tests.filter(
    (t) => t.api === op.api && operationOfTest(t, apis) === op.operationId,
  )
  const exchanges: ExchangeSummary[] = run.tests.flatMap((t) =>
    t.exchanges.filter((e) => e.api === op.api && e.operationId === op.operationId),
  )
  const documented = Object.keys(op.responses)
  const seen = new Set(exchanges.map((e) => String(e.status)))
  // Only a documented status can pass: an undocumented one (a 501) fails the contract by itself.
  const verified = new Set(
    exchanges
      .filter((e) => e.contract === 'passed')
      .map((e) => String(e.status))
      .filter((s) => documented.includes(s)),
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
    coverage: coverageOf(op, run.tests),
    latency: latencyOf(exchanges.map((e) => e.durationMs)),
    ...fieldCoverageField(op, exchanges),
    ...counts,
    runners: byRunner,
  }
}

function fieldCoverageField(
  op: Operation,
  exchanges: readonly ExchangeSummary[],
): { fieldCoverage?: OperationFieldCoverage } {
  const coverage = fieldCoverageOf(op, exchanges)
  return coverage === undefined ? {} : { fieldCoverage: coverage }
}

/**
 * Builds the summary of a run: one entry per operation of every API in `apis` (all of each API's
 * operations, not only those a test called), grouped by API in the order given, then by tag.
 * With `only` (`api:operationId` keys: a run narrowed by --operation or --tag), only those.
 */
export function buildSummary(
  run: RunResult,
  apis: readonly ReportedApi[],
  only?: ReadonlySet<string>,
): Summary {
  const totals = zero()
  const runners: Record<string, Counts> = {}
  const perApi: Summary['apis'] = {}
  for (const api of apis) perApi[api.name] = { totals: zero(), runners: {} }
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
  const all = apis.flatMap((api) => api.operations)
  const operations = inReportOrder(all)
    .filter((op) => only === undefined || only.has(`${op.api}:${op.operationId}`))
    .map((op) => operationSummary(op, run, apis))
  const byKey = new Map(all.map((op) => [`${op.api}.${op.operationId}`, op]))
  const failed = run.tests.filter((t) => t.state === 'failed')
  const failures = failed.map((test, index) => failureOf(test, index, byKey))
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
    failures,
    groups: groupFailures(failed, failures),
    unattributed: unattributedOf(run.tests, apis),
    retries: retryTotals(run),
    runErrors: run.runErrors,
    ...(run.invocation === undefined ? {} : { invocation: run.invocation }),
    ...(run.timings === undefined ? {} : { timings: run.timings }),
  }
}

function unattributedOf(
  tests: readonly TestRecord[],
  apis: readonly ReportedApi[],
): Summary['unattributed'] {
  const out: Summary['unattributed'] = {}
  const known = knownOperations(apis)
  for (const test of tests) {
    const id = operationOfTest(test, apis)
    if (id !== undefined && known.has(`${test.api}.${id}`)) continue
    out[test.api] ??= { ...zero(), runners: {} }
    const entry = out[test.api] as UnattributedSummary
    bump(entry, test)
    entry.runners[test.runner] ??= zero()
    bump(entry.runners[test.runner] as Counts, test)
  }
  return out
}

/**
 * The exit code a run earns: 0 all passed, 1 a test or contract failure (or an error outside any
 * test), 3 when every failure and every error outside tests is a transport failure (the target
 * did not answer).
 */
export function exitCodeOf(summary: Pick<Summary, 'totals' | 'failures' | 'runErrors'>): 0 | 1 | 3 {
  if (summary.totals.passed + summary.totals.failed === 0) return 1
  // failures lists every failed test, so both lists empty means nothing failed.
  const transport = [
    ...summary.failures.map((f) => f.kind === 'transport'),
    ...summary.runErrors.map((e) => e.kind === 'transport'),
  ]
  if (transport.length === 0) return 0
  return transport.every(Boolean) ? 3 : 1
}
