// Records which operations and statuses each test exercised into the test's meta, where the
// regression reporter reads it (vitest passes task meta from workers to reporters).
import { afterEach, beforeEach, type TestContext } from 'vitest'
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
}

let current: TestContext['task'] | undefined
let currentContext: TestContext | undefined
/** Builds the evidence of the running test's latest exchange; called only if the test fails. */
let latestEvidence: (() => ExchangeEvidence) | undefined

/** Installs the hook that tracks the running test; call once from the setup file. */
export function installRecorder(): void {
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

/** Skips the running test with a reason the reports show; outside a test, fails with it. */
export function skipCurrent(reason: string): never {
  if (currentContext === undefined) throw new Error(reason)
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
