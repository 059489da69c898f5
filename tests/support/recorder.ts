// Records which operations and statuses each test exercised into the test's meta, where the
// regression reporter reads it (vitest passes task meta from workers to reporters).
import { beforeEach, type TestContext } from 'vitest'

/** What a report needs to know about one exchange of a test. */
export interface ExchangeRecord {
  api: string
  operationId: string
  status: number
  durationMs: number
  /** Set once toMatchContract has run on the exchange. */
  contract?: 'passed' | 'failed'
}

let current: TestContext['task'] | undefined

/** Installs the hook that tracks the running test; call once from the setup file. */
export function installRecorder(): void {
  beforeEach((context) => {
    current = context.task
  })
}

/** Adds an exchange to the running test's meta and returns its record. */
export function record(entry: ExchangeRecord): ExchangeRecord {
  if (current !== undefined) {
    current.meta.exchanges ??= []
    current.meta.exchanges.push(entry)
  }
  return entry
}
