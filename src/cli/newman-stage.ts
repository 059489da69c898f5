/**
 * Starts the Newman stage of a run on the embedded sandbox in a worker thread, beside the vitest
 * stage (decision 0020). The worker has a sandbox of its own, seeded the same way, so the two
 * runners never see each other's writes; progress comes back as messages. A remote run keeps
 * Newman after vitest in the main process: one pace and one teardown for the remote account.
 *
 * One worker serves every stage of a process, one stage at a time: a process that runs many
 * regressions (tests/support/run-each-alone.mjs) loads Newman once. An idle worker does not keep
 * the process alive.
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

/** What the worker tells the main thread, about the stage `id`. */
export type StageMessage = { id: number } & (
  | { type: 'start'; api: string; count: number }
  | { type: 'item'; api: string; failed: boolean }
  | { type: 'api-done'; result: StageResult }
  | { type: 'done'; results: StageResult[]; selfCheckProblems: string[]; error?: RunError }
)

/** What the main thread tells the worker. */
export type StageCommand =
  | { type: 'run'; id: number; request: StageRequest }
  | { type: 'abort'; id: number }

/** The stage's outcome: every API's results, its sandbox's self-check problems, any crash. */
export interface StageOutcome {
  results: StageResult[]
  selfCheckProblems: string[]
  error?: RunError
}

/** A started stage. */
export interface NewmanStage {
  /** Resolves once the stage has finished (or its worker died); never rejects. */
  done: Promise<StageOutcome>
  /** Stops sending requests; what finished is still reported. */
  abort(): void
}

interface Listener {
  on: StageHooks
  resolve(outcome: StageOutcome): void
}

/** Progress hooks of one stage. */
export interface StageHooks {
  start?: (api: string, count: number) => void
  item?: (api: string, failed: boolean) => void
  apiDone?: (result: StageResult) => void
}

let worker: Worker | undefined
const listeners = new Map<number, Listener>()
let nextId = 1

function failAll(error: RunError): void {
  for (const [id, listener] of listeners) {
    listeners.delete(id)
    listener.resolve({ results: [], selfCheckProblems: [], error })
  }
}

function theWorker(): Worker {
  if (worker !== undefined) return worker
  const started = new Worker(new URL('./newman-stage-entry.mjs', import.meta.url), {
    // The worker reads the same SUBCONTRACT_* settings as this process.
    env: process.env,
  })
  started.on('message', (message: StageMessage) => {
    const listener = listeners.get(message.id)
    if (listener === undefined) return
    if (message.type === 'start') listener.on.start?.(message.api, message.count)
    else if (message.type === 'item') listener.on.item?.(message.api, message.failed)
    else if (message.type === 'api-done') listener.on.apiDone?.(message.result)
    else {
      listeners.delete(message.id)
      if (listeners.size === 0) started.unref()
      listener.resolve({
        results: message.results,
        selfCheckProblems: message.selfCheckProblems,
        ...(message.error === undefined ? {} : { error: message.error }),
      })
    }
  })
  started.on('error', (error) => {
    worker = undefined
    failAll(toRunError('newman', error, { where: 'newman stage (worker thread)' }))
  })
  started.on('exit', (code) => {
    worker = undefined
    failAll(
      toRunError(
        'newman',
        `the Newman stage's worker exited with code ${code} before it reported`,
        {
          where: 'newman stage (worker thread)',
          kind: 'error',
        },
      ),
    )
  })
  worker = started
  return started
}

/** Starts a stage on the process's Newman worker; `on` hears its progress. */
export function startNewmanStage(request: StageRequest, on: StageHooks = {}): NewmanStage {
  const id = nextId++
  const target = theWorker()
  const done = new Promise<StageOutcome>((resolve) => listeners.set(id, { on, resolve }))
  target.ref()
  target.postMessage({ type: 'run', id, request } satisfies StageCommand)
  return {
    done,
    abort: () => {
      if (listeners.has(id)) target.postMessage({ type: 'abort', id } satisfies StageCommand)
    },
  }
}
