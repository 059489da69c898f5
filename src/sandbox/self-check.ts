/**
 * Sandbox self-check: every response the emulator sends is validated against our contract, so
 * the contract and the sandbox keep each other honest. A failing response is replaced by a 500
 * that says why, and the failure is recorded for the test run to assert on.
 */
import type { MiddlewareHandler } from 'hono'
import type { ApiDefinition } from '../api/api-definition.ts'
import { formatFailures } from '../contract/failure.ts'
import type { Contract } from '../contract/load-schemas.ts'
import { validateExchange } from '../contract/validate-exchange.ts'
import { parseBody } from '../exchange.ts'
import type { Operation } from '../registry/types.ts'

/** Collects self-check failures (and crashes) for the whole sandbox. */
export interface SelfCheckLog {
  record(problem: string): void
  /**
   * The first `limit` problems, then (when more came) one last line saying how many were
   * dropped, so whoever prints the list also says that it is incomplete.
   */
  readonly problems: readonly string[]
  /** How many problems came after the first `limit` and were not kept. */
  readonly dropped: number
}

/** How many self-check problems a log keeps by default; the rest are only counted. */
export const SELF_CHECK_LIMIT = 100

/** Creates an empty self-check log that keeps the first `limit` problems and counts the rest. */
export function createSelfCheckLog(limit = SELF_CHECK_LIMIT): SelfCheckLog {
  const kept: string[] = []
  let dropped = 0
  return {
    record(problem) {
      if (kept.length < limit) kept.push(problem)
      else dropped += 1
    },
    get problems() {
      if (dropped === 0) return [...kept]
      return [
        ...kept,
        `… and ${dropped} more problem(s), dropped: only the first ${limit} are kept.`,
      ]
    },
    get dropped() {
      return dropped
    },
  }
}

/**
 * Statuses the sandbox answers for any operation, before the operation runs, although no
 * operation documents them (Adapty's DECISIONS.md, A-24 and A-40): a wrong method (405), a body
 * over the limit (413) or a body that is not JSON (415); and 501, the answer of an operation the
 * sandbox does not emulate yet. The self-check does not flag them as undocumented: the suites and
 * reports do (a 501 is never a pass, and its documented success stays "not exercised").
 */
export const CROSS_CUTTING_STATUSES: ReadonlySet<number> = new Set([405, 413, 415, 501])

/** Middleware validating each response of a matched operation against the contract. */
export function createSelfCheck(
  api: ApiDefinition,
  contract: Contract,
  log: SelfCheckLog,
): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const op = c.get('op') as Operation | undefined
    if (op === undefined || CROSS_CUTTING_STATUSES.has(c.res.status)) return
    // A faulted answer breaks the contract on purpose; nobody reads the answer to a client that left.
    if (c.get('fault') !== undefined || c.get('disconnected') === true) return
    const bodyText = await c.res.clone().text()
    const headers: Record<string, string> = {}
    c.res.headers.forEach((value, name) => {
      headers[name] = value
    })
    const exchange = {
      api: api.name,
      operationId: op.operationId,
      request: { method: c.req.method, url: c.req.url, headers: {} },
      response: { status: c.res.status, headers, bodyText, ...parseBody(bodyText) },
      durationMs: 0,
      attempts: 1,
    }
    const failures = validateExchange(contract, op, exchange, undefined, api.contract.checks)
    if (failures.length === 0) return
    const text = formatFailures(failures)
    log.record(`${op.operationId}: ${text}`)
    // The API's own 500 (so the answer still keeps the envelope), marked as the self-check's.
    const answer = api.errors.respond(
      c,
      { kind: 'server-error', message: text, selfCheck: true },
      op,
    )
    answer.headers.set('x-sandbox-self-check', 'failed')
    c.res = answer
  }
}
