/**
 * Starts the Newman stage of a run on the embedded sandbox in a worker thread, beside the vitest
 * stage (decision 0020). The worker has a sandbox of its own, seeded the same way, so the two
 * runners never see each other's writes; progress comes back as messages. A remote run keeps
 * Newman after vitest in the main process: one pace and one teardown for the remote account.
 */
import { Worker } from 'node:worker_threads'
import type { RunError } from '../report/run-error.ts'
import { toRunError } from '../report/run-error.ts'
import type { TestRecord } from '../report/run-result.ts'

/** What the worker is asked to run. Plain data: it crosses to the worker by structured clone. */
export interface StageRequest {
  apis: Array<{
    name: string
    /** The API's collection as the main thread read and checked it. */
    collection: unknown
    operationIds: string[]
    /** A shard's folders (run --shard); undefined: all of them. */
    units?: string[]
  }>
  runId: string
  strictExtraFields: boolean
  bail?: boolean
}

/** One API's collection run. */
export interface StageResult {
  api: string
  records: TestRecord[]
  runErrors: RunError[]
  ms: number
}

/** What the worker tells the main thread. */
export type StageMessage =
  | { type: 'start'; api: string; count: number }
  | { type: 'item'; api: string; failed: boolean }
  | { type: 'api-done'; result: StageResult }
  | { type: 'done'; results: StageResult[]; selfCheckProblems: string[]; error?: RunError }

/** The stage's outcome: every API's results, its sandbox's self-check problems, any crash. */
export interface StageOutcome {
  results: StageResult[]
  selfCheckProblems: string[]
  error?: RunError
}

/** A started stage. */
export interface NewmanStage {
  /** Resolves once the worker has finished (or died); never rejects. */
  done: Promise<StageOutcome>
  /** Stops sending requests; what finished is still reported. */
  abort(): void
}

/** Starts the worker; `on` hears its progress. */
export function startNewmanStage(
  request: StageRequest,
  on: {
    start?: (api: string, count: number) => void
    item?: (api: string, failed: boolean) => void
    apiDone?: (result: StageResult) => void
  } = {},
): NewmanStage {
  const worker = new Worker(new URL('./newman-stage-entry.mjs', import.meta.url), {
    workerData: request,
    // The worker reads the same SUBCONTRACT_* settings as this process.
    env: process.env,
  })
  let outcome: StageOutcome | undefined
  const done = new Promise<StageOutcome>((resolve) => {
    worker.on('message', (message: StageMessage) => {
      if (message.type === 'start') on.start?.(message.api, message.count)
      else if (message.type === 'item') on.item?.(message.api, message.failed)
      else if (message.type === 'api-done') on.apiDone?.(message.result)
      else if (message.type === 'done') {
        outcome = {
          results: message.results,
          selfCheckProblems: message.selfCheckProblems,
          ...(message.error === undefined ? {} : { error: message.error }),
        }
        resolve(outcome)
        // Whatever Newman left open (timers, sockets) must not keep the worker, or the run, alive.
        void worker.terminate()
      }
    })
    worker.on('error', (error) => {
      outcome ??= {
        results: [],
        selfCheckProblems: [],
        error: toRunError('newman', error, { where: 'newman stage (worker thread)' }),
      }
    })
    worker.on('exit', (code) => {
      // After 'done' this changes nothing: a promise settles once.
      resolve(
        outcome ?? {
          results: [],
          selfCheckProblems: [],
          error: toRunError(
            'newman',
            `the Newman stage's worker exited with code ${code} before it reported`,
            { where: 'newman stage (worker thread)', kind: 'error' },
          ),
        },
      )
    })
  })
  return {
    done,
    abort: () => worker.postMessage({ type: 'abort' }),
  }
}
