/** The runner-neutral result of a run: what every reporter reads. Built from runner events only. */
import type { ApiName } from '../registry/types.ts'
import type { FailureEvidence } from './evidence.ts'
import type { RunError } from './run-error.ts'

export type { RunError } from './run-error.ts'

/** One exchange a test made, as far as coverage needs it. */
export interface ExchangeSummary {
  api: string
  operationId: string
  status: number
  durationMs: number
  contract?: 'passed' | 'failed'
  attempts?: number
  waitMs?: number
  /** The schema items its checked body showed (indexes, see src/contract/field-coverage.ts). */
  fields?: number[]
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
  /** Newman's: the request's position in the API's whole collection (see orderTests). */
  order?: number
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
  /** Errors outside any test (a failing hook, a crashed file, a collection script), redacted. */
  runErrors: RunError[]
  /** How the run was invoked, so a report can print a command that reproduces it. */
  invocation?: Invocation
  /** Where the run's time went (wall ms per phase), for `npm run bench` and the console. */
  timings?: RunTimings
}

/**
 * Where a run's time went. Wall times are the run's own clock; vitest's per-file figures are
 * summed over its files (they overlap across workers, so their sum may exceed the wall time).
 */
export interface RunTimings {
  /** From the process's start to the run's first step (Node, tsx, module loading). */
  startupMs: number
  /** Starting the embedded sandbox (0 on a remote target). */
  sandboxMs: number
  /** The vitest stage, wall. */
  vitestMs: number
  /** vitest's per-file phases, summed over `files` files. */
  vitestFiles?: {
    files: number
    environmentMs: number
    prepareMs: number
    /** Importing each test module (its imports included) and running its suite callbacks. */
    importMs: number
    /** Importing the setup files (the contract matcher). */
    setupMs: number
    /** Tests and hooks. */
    testsMs: number
  }
  /** Each API's Newman stage, wall. */
  newmanMs: Record<string, number>
  /** Building the summary and writing the report files. */
  reportsMs: number
  /** A merged run's parts (subcontract merge): each part's wall time; phases are the slowest part's. */
  shards?: Array<{ index: number; count: number; wallMs: number }>
}

/** The flags of a run that a rerun needs to reproduce it (never a value from the env file). */
export interface Invocation {
  /** The env file the run read (`--env`), as the user gave it; absent for the default. */
  envFile?: string
  allowWrites: boolean
  strict: boolean
}
