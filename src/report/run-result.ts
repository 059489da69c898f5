/** The runner-neutral result of a run: what every reporter reads. Built from runner events only. */
import type { ApiName } from '../registry/types.ts'
import type { FailureEvidence } from './evidence.ts'

/** One exchange a test made, as far as coverage needs it. */
export interface ExchangeSummary {
  api: string
  operationId: string
  status: number
  durationMs: number
  contract?: 'passed' | 'failed'
  attempts?: number
  waitMs?: number
}

/** One test case of one runner. */
export interface TestRecord {
  runner: 'vitest' | 'newman'
  api: ApiName
  /** The operation the test belongs to (its suite file), or undefined for cross-cutting tests. */
  operationId: string | undefined
  file: string
  name: string
  fullName: string
  state: 'passed' | 'failed' | 'skipped'
  durationMs: number
  /** The one-line reason, for failures and skips. */
  reason?: string
  /** Full failure detail (already redacted). */
  detail?: string
  /** What kind of failure: the API broke the contract, a test assertion failed, or no usable answer came. */
  failureKind?: 'contract' | 'assertion' | 'transport'
  /** Expected against actual, contract findings and the request behind a failure (redacted). */
  evidence?: FailureEvidence
  exchanges: ExchangeSummary[]
}

/** A whole run. */
export interface RunResult {
  target: string
  baseUrls: Record<string, string>
  startedAt: string
  durationMs: number
  seed: number
  strictExtraFields: boolean
  /** Versions of subcontract, Node.js and the runners, for the report header. */
  versions: Record<string, string>
  tests: TestRecord[]
  /** Errors outside any test (a crashed file, a failing global teardown), already redacted. */
  runErrors: string[]
}
