/**
 * Runs a Postman collection through newman and checks every response it receives with our
 * contract engine (the same compiled Ajv and failure format as the vitest suites). A contract
 * failure fails its request, whatever the collection's own pm.tests said. No schema ever runs
 * inside the Postman sandbox. Never exits the process.
 */
import newman from 'newman'
import type { ApiDefinition } from '../api/api-definition.ts'
import { matchRequest } from '../collection/collection-items.ts'
import { formatFailures } from '../contract/failure.ts'
import { fieldsSeen } from '../contract/fields-seen.ts'
import type { Contract } from '../contract/load-schemas.ts'
import { validateExchange } from '../contract/validate-exchange.ts'
import { type Exchange, parseBody } from '../exchange.ts'
import type { RateLimiter } from '../http/rate-limiter.ts'
import { redactText } from '../redact/redact.ts'
import type { Operation } from '../registry/types.ts'
import {
  type ContractFinding,
  contractFindings,
  type ExchangeEvidence,
  exchangeEvidence,
  type FailureEvidence,
} from '../report/evidence.ts'
import { type RunError, toRunError } from '../report/run-error.ts'
import type { TestRecord } from '../report/run-result.ts'
import { createPacedAgents } from './paced-agents.ts'
import type { HeaderList, NewmanEmitter, RequestEventArgs } from './types.ts'

/** A Postman v2.1 environment as newman takes it. */
export interface PostmanEnvironment {
  name: string
  values: Array<{ key: string; value: string; type?: string; enabled?: boolean }>
}

/**
 * What a collection run needs of its API: its operations and base path (to match each request),
 * its auth and target variables (curl commands in evidence) and its own contract checks.
 */
export type CollectionRunApi = Pick<
  ApiDefinition,
  'name' | 'operations' | 'basePath' | 'auth' | 'target' | 'contract'
>

/** How to run one collection. */
export interface RunCollectionOptions {
  api: CollectionRunApi
  collection: object
  environment: PostmanEnvironment
  contract: Contract
  /** Finite per-request timeout (default 30 s). */
  timeoutRequestMs?: number
  bail?: boolean
  /**
   * Paces every request Newman sends, the scripts' pm.sendRequest calls included, to at most this
   * many per second (SUBCONTRACT_RATE_LIMIT for a remote target). Undefined: unpaced (the embedded
   * sandbox).
   */
  requestsPerSecond?: number
  /** The limiter to pace with instead (shared with other clients of the run, or a test's). */
  limiter?: RateLimiter
  /** Called as each collection request finishes, for progress output. */
  onItemDone?: (item: { name: string; failed: boolean }) => void
  /** Aborting it fails every request not yet sent (Ctrl-C): the run ends at once. */
  signal?: AbortSignal
}

/** What a collection run produced. */
export interface CollectionRunResult {
  records: TestRecord[]
  exchanges: Exchange[]
  runErrors: RunError[]
  durationMs: number
}

/** The field coverage of a checked response, as an optional property of its summary. */
function fieldsOf(op: Operation, exchange: Exchange): { fields?: number[] } {
  const fields = fieldsSeen(op, exchange.response)
  return fields === undefined ? {} : { fields }
}

function headersOf(list: HeaderList | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  list?.each((h) => {
    if (h.disabled !== true) out[h.key.toLowerCase()] = h.value
  })
  return out
}

interface ItemState {
  /** The collection item's id. */
  id: string
  record: TestRecord
  failures: string[]
  /** The latest exchange of the item, and the contract findings of the first that broke it. */
  exchange?: ExchangeEvidence
  findings?: { status: number; list: ContractFinding[]; exchange: ExchangeEvidence }
  assertions: string[]
}

function evidenceOf(state: ItemState): FailureEvidence {
  if (state.findings !== undefined) {
    const first = state.findings.list[0]
    return {
      expected: first?.expected ?? 'a response that matches the contract',
      actual: first?.value ?? first?.message ?? `status ${state.findings.status}`,
      contract: state.findings.list,
      exchange: state.findings.exchange,
    }
  }
  const [assertion] = state.assertions
  return {
    ...(assertion === undefined ? {} : { expected: 'every pm.test passes', actual: assertion }),
    ...(state.exchange === undefined ? {} : { exchange: state.exchange }),
  }
}

/** Runs the collection and resolves with one test record per request made. */
export function runCollection(options: RunCollectionOptions): Promise<CollectionRunResult> {
  const started = performance.now()
  const items = new Map<string, ItemState>()
  const order: ItemState[] = []
  const exchanges: Exchange[] = []
  const runErrors: RunError[] = []
  const file = 'collections'

  const stateOf = (args: { item: { id: string; name: string } }): ItemState => {
    let state = items.get(args.item.id)
    if (state === undefined) {
      state = {
        id: args.item.id,
        record: {
          runner: 'newman',
          api: options.api.name,
          operationId: undefined,
          file,
          name: args.item.name,
          fullName: args.item.name,
          state: 'passed',
          durationMs: 0,
          exchanges: [],
        },
        failures: [],
        assertions: [],
      }
      items.set(args.item.id, state)
      order.push(state)
    }
    return state
  }

  const scriptState: ItemState = {
    id: '(collection scripts)',
    record: {
      runner: 'newman',
      api: options.api.name,
      operationId: undefined,
      file,
      name: '(script requests)',
      fullName: '(script requests)',
      state: 'passed',
      durationMs: 0,
      exchanges: [],
    },
    failures: [],
    assertions: [],
  }

  const onRequest = (error: Error | null, args: RequestEventArgs) => {
    // pm.sendRequest calls from scripts arrive without an item name: check them, but they are
    // not collection requests of their own.
    const scripted = args.item.name === undefined
    const path = args.request.url.getPath()
    // A script's call to the sandbox's control routes (RevenueCat's collection makes its store
    // objects there on the sandbox) is test set-up, not the API: nothing to check or record.
    if (scripted && path.startsWith('/__sandbox/')) return
    const state = scripted ? scriptState : stateOf(args)
    const { op } = matchRequest(options.api, args.request.method, path)
    const requestBody = args.request.body?.toString()
    const request = {
      method: args.request.method,
      url: args.request.url.toString(),
      headers: headersOf(args.request.headers),
      ...(requestBody === undefined || requestBody === '' ? {} : { body: requestBody }),
    }
    const operationId = op?.operationId ?? '(unknown)'
    if (error !== null || args.response === undefined) {
      if (op !== undefined && !scripted) state.record.operationId ??= op.operationId
      state.failures.push(`transport: ${error?.message ?? 'no response'}`)
      state.exchange = exchangeEvidence(options.api, operationId, request)
      return
    }
    const bodyText = args.response.stream?.toString('utf8') ?? ''
    const exchange: Exchange = {
      api: options.api.name,
      operationId,
      request,
      response: {
        status: args.response.code,
        headers: headersOf(args.response.headers),
        bodyText,
        ...parseBody(bodyText),
      },
      durationMs: args.response.responseTime,
      attempts: 1,
    }
    state.record.durationMs += exchange.durationMs
    state.exchange = exchangeEvidence(options.api, operationId, request, exchange.response)
    if (op === undefined) {
      state.failures.push(`contract: ${args.request.method} ${path} is not a registry operation`)
      return
    }
    state.record.operationId ??= op.operationId
    exchanges.push(exchange)
    const failures = validateExchange(
      options.contract,
      op,
      exchange,
      undefined,
      options.api.contract.checks,
    )
    state.record.exchanges.push({
      api: options.api.name,
      operationId: op.operationId,
      status: exchange.response.status,
      durationMs: exchange.durationMs,
      contract: failures.length === 0 ? 'passed' : 'failed',
      ...fieldsOf(op, exchange),
    })
    if (failures.length > 0) {
      // One line first (the reason reports show), the rest of the findings below it.
      state.failures.push(`contract: ${formatFailures(failures).replace(/^1\. /, '')}`)
      state.findings ??= {
        status: exchange.response.status,
        list: contractFindings(failures),
        exchange: state.exchange,
      }
    }
  }

  const paced =
    options.limiter !== undefined
      ? createPacedAgents({ limiter: options.limiter })
      : options.requestsPerSecond !== undefined
        ? createPacedAgents({ requestsPerSecond: options.requestsPerSecond })
        : options.signal !== undefined
          ? // Unpaced, but with agents that refuse what comes after an interrupt.
            createPacedAgents({ limiter: { take: () => Promise.resolve() } })
          : undefined
  return new Promise((resolve) => {
    // Newman has no abort: on one, requests not yet sent fail at once, and the run resolves now
    // with the requests that finished, whatever Newman does with the rest.
    const finished = new Set<string>()
    let settled = false
    const emitter = newman.run({
      collection: options.collection,
      environment: options.environment,
      reporters: [],
      timeoutRequest: options.timeoutRequestMs ?? 30_000,
      bail: options.bail ?? false,
      ...(paced === undefined ? {} : { requestAgents: paced.agents }),
    }) as unknown as NewmanEmitter
    emitter
      .on('request', onRequest)
      .on('assertion', (error, args) => {
        if (error !== null && args.skipped !== true) {
          const line = `pm.test "${args.assertion}": ${error.message ?? 'failed'}`
          stateOf(args).failures.push(line)
          stateOf(args).assertions.push(redactText(line))
        }
      })
      .on('item', (_error, args) => {
        finished.add(args.item.id)
        const state = items.get(args.item.id)
        if (state !== undefined)
          options.onItemDone?.({ name: args.item.name, failed: state.failures.length > 0 })
      })
      .on('exception', (_error, args) => {
        runErrors.push(toRunError('newman', args.error ?? 'unknown', { where: 'script exception' }))
      })
      .on('done', (error) => finish(error))
    const interrupt = () => {
      paced?.abort('not sent: the run was interrupted')
      finish(null, true)
    }
    // A signal that came before the run started stops it before its first request.
    if (options.signal?.aborted === true) interrupt()
    else options.signal?.addEventListener('abort', interrupt)
    function finish(error: Error | null, interrupted = false) {
      if (settled) return
      settled = true
      paced?.destroy()
      if (error !== null) runErrors.push(toRunError('newman', error, { where: 'newman run' }))
      if (!interrupted) {
        for (const failure of scriptState.failures)
          runErrors.push(toRunError('newman', failure, { where: 'pm.sendRequest from a script' }))
      }
      const done = interrupted ? order.filter((state) => finished.has(state.id)) : order
      {
        const records = done.map((state) => {
          const { record, failures } = state
          if (failures.length === 0) return record
          const detail = redactText(failures.join('\n\n'))
          const kind = (prefix: string) => failures.some((f) => f.startsWith(prefix))
          return {
            ...record,
            state: 'failed' as const,
            reason: detail.split('\n')[0] ?? 'failed',
            detail,
            evidence: evidenceOf(state),
            failureKind: kind('transport')
              ? ('transport' as const)
              : kind('contract')
                ? ('contract' as const)
                : ('assertion' as const),
          }
        })
        resolve({ records, exchanges, runErrors, durationMs: performance.now() - started })
      }
    }
  })
}
