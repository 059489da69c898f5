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
import { type Exchange, parseBody } from '../exchange.ts'
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
  /** How the responses were read: from the handler's answer, or by copying the response. */
  readonly stats: SelfCheckStats
}

/** How many self-check problems a log keeps by default; the rest are only counted. */
export const SELF_CHECK_LIMIT = 100

/** Creates an empty self-check log that keeps the first `limit` problems and counts the rest. */
export function createSelfCheckLog(limit = SELF_CHECK_LIMIT): SelfCheckLog {
  const kept: string[] = []
  let dropped = 0
  const stats: SelfCheckStats = { captured: 0, copied: 0 }
  return {
    stats,
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

/**
 * What a handler answered with, caught on its way out: the object it gave `c.json`, or the text it
 * gave `c.body`/`c.text`, and the Response that call made. The self-check validates that, not a
 * copy of the response: cloning and re-reading a Response costs about 110 µs, more than the rest
 * of a request (decision 0018).
 */
interface Sent {
  res: Response
  object?: unknown
  text?: string
}

type Responder = (data: unknown, arg?: unknown, headers?: unknown) => Response
interface Responders {
  json: Responder
  body: Responder
  text: Responder
}
const RESPONDERS = Symbol("the context's own responders")
const SENT = Symbol('what the handler answered with')
/** A Hono context while the self-check watches it. */
interface Watched {
  [RESPONDERS]: Responders
  [SENT]?: Sent | undefined
}

// Shared functions called as `c.json(...)` (so `this` is the context), not closures made per
// request: a closure per request costs more than it seems under tsx, which names each one.
function caughtJson(this: Watched, object: unknown, arg?: unknown, headers?: unknown): Response {
  const res = this[RESPONDERS].json(object, arg, headers)
  this[SENT] = { res, object }
  return res
}
function caughtBody(this: Watched, data: unknown, arg?: unknown, headers?: unknown): Response {
  const res = this[RESPONDERS].body(data, arg, headers)
  this[SENT] = typeof data === 'string' || data === null ? { res, text: data ?? '' } : undefined
  return res
}
function caughtText(this: Watched, data: unknown, arg?: unknown, headers?: unknown): Response {
  const res = this[RESPONDERS].text(data, arg, headers)
  this[SENT] = { res, text: String(data) }
  return res
}

/** How the self-check read the responses it checked (shown by GET /__sandbox/self-check). */
export interface SelfCheckStats {
  /** Responses checked from what the handler answered with, before serialisation. */
  captured: number
  /** Responses that had to be cloned and re-read (built some other way, or replaced later). */
  copied: number
}

/** Middleware validating each response of a matched operation against the contract. */
export function createSelfCheck(
  api: ApiDefinition,
  contract: Contract,
  log: SelfCheckLog,
): MiddlewareHandler {
  const { stats } = log
  return async (c, next) => {
    const watched = c as unknown as Watched
    watched[RESPONDERS] = { json: c.json, body: c.body, text: c.text } as unknown as Responders
    c.json = caughtJson as unknown as typeof c.json
    c.body = caughtBody as unknown as typeof c.body
    c.text = caughtText as unknown as typeof c.text
    await next()
    const { json, body, text } = watched[RESPONDERS] as unknown as Pick<
      typeof c,
      'json' | 'body' | 'text'
    >
    c.json = json
    c.body = body
    c.text = text
    const sent = watched[SENT]
    const op = c.get('op') as Operation | undefined
    if (op === undefined || CROSS_CUTTING_STATUSES.has(c.res.status)) return
    // A faulted answer breaks the contract on purpose; nobody reads the answer to a client that left.
    if (c.get('fault') !== undefined || c.get('disconnected') === true) return
    const headers = headerView(c.res.headers)
    const caught = sent?.res === c.res ? sent : undefined
    if (caught === undefined) stats.copied += 1
    else stats.captured += 1
    const bodyText = caught === undefined ? await c.res.clone().text() : caught.text
    const response: Exchange['response'] =
      caught !== undefined && bodyText === undefined
        ? new CaughtResponse(c.res.status, headers, caught.object)
        : { status: c.res.status, headers, bodyText: bodyText ?? '', ...parseBody(bodyText ?? '') }
    const exchange: Exchange = {
      api: api.name,
      operationId: op.operationId,
      request: { method: c.req.method, url: c.req.url, headers: {} },
      response,
      durationMs: 0,
      attempts: 1,
    }
    let failures = validateExchange(contract, op, exchange, undefined, api.contract.checks)
    if (failures.length === 0) return
    if (bodyText === undefined) {
      // The object may hold what JSON has no word for (a Date, an undefined property): judge what
      // the client receives, so a failure names the wire body, never an artefact of the object.
      const wire = response.bodyText
      exchange.response = { status: c.res.status, headers, bodyText: wire, ...parseBody(wire) }
      failures = validateExchange(contract, op, exchange, undefined, api.contract.checks)
      if (failures.length === 0) return
    }
    const problem = formatFailures(failures)
    log.record(`${op.operationId}: ${problem}`)
    // The API's own 500 (so the answer still keeps the envelope), marked as the self-check's.
    const answer = api.errors.respond(
      c,
      { kind: 'server-error', message: problem, selfCheck: true },
      op,
    )
    answer.headers.set('x-sandbox-self-check', 'failed')
    c.res = answer
  }
}

/**
 * A response whose `json` is the handler's object itself and whose `bodyText` is serialised only
 * when a check reads it (body-presence reads it only for an empty or unparsed body; a failure
 * quotes it). A class, so the getter lives on the prototype and every instance keeps one shape.
 */
class CaughtResponse {
  readonly status: number
  readonly headers: Record<string, string>
  readonly json: unknown
  #text: string | undefined
  constructor(status: number, headers: Record<string, string>, json: unknown) {
    this.status = status
    this.headers = headers
    this.json = json
  }
  get bodyText(): string {
    this.#text ??= JSON.stringify(this.json) ?? ''
    return this.#text
  }
}

/** Proxy traps shared by every header view (the target holds the Headers). */
const HEADER_VIEW: ProxyHandler<{ headers: Headers }> = {
  get: (target, name) =>
    typeof name === 'string' ? (target.headers.get(name) ?? undefined) : undefined,
  has: (target, name) => typeof name === 'string' && target.headers.has(name),
  ownKeys: (target) => [...target.headers.keys()],
  getOwnPropertyDescriptor: (target, name) => {
    const value = typeof name === 'string' ? target.headers.get(name) : null
    return value === null ? undefined : { value, enumerable: true, configurable: true }
  },
}

/**
 * The response's headers as the record checks read, looked up on demand: copying every header
 * into an object cost more than the checks that read two of them.
 */
function headerView(headers: Headers): Record<string, string> {
  return new Proxy({ headers }, HEADER_VIEW) as unknown as Record<string, string>
}
