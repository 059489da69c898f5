/**
 * The HTTP client of the suites: one keep-alive undici Agent with finite connect, headers and
 * body timeouts; calls built from the operation registry; retries by the retry policy, paced by
 * the rate limiter. Every answer is returned as an Exchange; a call with no usable answer throws
 * an HttpError (transport), never a contract failure.
 */
import { Agent, errors, request } from 'undici'
import type { ApiDefinition } from '../api/api-definition.ts'
import { type Exchange, parseBody } from '../exchange.ts'
import { redactText } from '../redact/redact.ts'
import { buildPath, indexOf } from '../registry/operations.ts'
import { type AttemptRecord, HttpError } from './http-error.ts'
import { type RateLimiter, UNLIMITED } from './rate-limiter.ts'
import {
  backoffMs,
  backoffMsFromBody,
  DEFAULT_RETRY,
  isIdempotent,
  type RetryOptions,
  retryAfterMs,
  retryReason,
} from './retry-policy.ts'

/** One call: path parameters, query, extra headers and a body (JSON value or raw text). */
export interface CallInput {
  path?: Readonly<Record<string, string>>
  query?: Readonly<Record<string, string | number | undefined>>
  headers?: Readonly<Record<string, string | undefined>>
  /** A JSON value, serialised for you. */
  body?: unknown
  /** A raw body sent as is (for malformed-input tests). */
  rawBody?: string
  /** Overrides the Authorization header; `null` sends none. */
  authorization?: string | null
  /** Send once and return whatever comes back, 429 included (tests that provoke 429). */
  noRetry?: boolean
}

/** Finite timeouts of the dispatcher, in milliseconds. */
export interface Timeouts {
  connectMs: number
  headersMs: number
  bodyMs: number
}

/** Defaults: 10 s to connect, 30 s for headers, 30 s between body chunks. */
export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000 }

/** How to build a client. */
export interface ClientOptions {
  /** The API: its operations give method and path; its base path is part of baseUrl. */
  api: Pick<ApiDefinition, 'name' | 'operations'>
  /** The API's base URL, base path included (`https://api.revenuecat.com/v2`). */
  baseUrl: string
  /** The Authorization header value sent by default. */
  authorization: string
  timeouts?: Partial<Timeouts>
  retry?: Partial<RetryOptions>
  limiter?: RateLimiter
  /** How the client waits between attempts (injectable, so tests never sleep). */
  sleep?: (ms: number) => Promise<void>
}

/** A client for one API. */
export interface Client {
  call(operationId: string, input?: CallInput): Promise<Exchange>
  close(): Promise<void>
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
])

function isTimeout(error: unknown): boolean {
  return (
    error instanceof errors.UndiciError &&
    TIMEOUT_CODES.has((error as { code?: string }).code ?? '')
  )
}

/** Creates a client with its own keep-alive dispatcher. */
export function createClient(options: ClientOptions): Client {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts }
  const retry = { ...DEFAULT_RETRY, ...options.retry }
  const limiter = options.limiter ?? UNLIMITED
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const dispatcher = new Agent({
    connectTimeout: timeouts.connectMs,
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
    keepAliveTimeout: 10_000,
  })

  async function attempt(
    url: URL,
    method: string,
    headers: Record<string, string>,
    body: string | undefined,
  ) {
    const res = await request(url, { method, headers, body: body ?? null, dispatcher })
    const text = await res.body.text()
    const responseHeaders: Record<string, string> = {}
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined)
        responseHeaders[name] = Array.isArray(value) ? value.join(', ') : value
    }
    return { status: res.statusCode, headers: responseHeaders, bodyText: text, ...parseBody(text) }
  }

  return {
    async call(operationId, input = {}) {
      const op = indexOf(options.api.operations).get(options.api.name, operationId)
      const url = new URL(options.baseUrl.replace(/\/+$/, '') + buildPath(op, input.path))
      for (const [name, value] of Object.entries(input.query ?? {})) {
        if (value !== undefined) url.searchParams.set(name, String(value))
      }
      const headers: Record<string, string> = {}
      const authorization =
        input.authorization === undefined ? options.authorization : input.authorization
      if (authorization !== null) headers.authorization = authorization
      let body: string | undefined
      if (input.rawBody !== undefined) body = input.rawBody
      else if (input.body !== undefined) body = JSON.stringify(input.body)
      if (body !== undefined)
        headers['content-type'] = op.request?.contentType ?? 'application/json'
      for (const [name, value] of Object.entries(input.headers ?? {})) {
        if (value !== undefined) headers[name.toLowerCase()] = value
      }
      const idempotent = isIdempotent(op.method, headers)
      const sent = {
        method: op.method,
        url: url.toString(),
        headers,
        ...(body === undefined ? {} : { body }),
      }
      const retries: AttemptRecord[] = []
      const started = performance.now()
      let waited = 0
      for (let n = 1; ; n++) {
        await limiter.take()
        let outcome: Awaited<ReturnType<typeof attempt>> | { error: NodeJS.ErrnoException }
        try {
          outcome = await attempt(url, op.method, headers, body)
        } catch (error) {
          outcome = { error: error as NodeJS.ErrnoException }
        }
        const reason = retryReason(
          'error' in outcome ? outcome : { status: outcome.status },
          idempotent,
        )
        const wait =
          'error' in outcome
            ? backoffMs(n, retry)
            : (retryAfterMs(outcome.headers['retry-after'], Date.now()) ??
              backoffMsFromBody(outcome.json) ??
              backoffMs(n, retry))
        const canRetry =
          input.noRetry !== true &&
          reason !== undefined &&
          n < retry.maxAttempts &&
          waited + wait <= retry.budgetMs
        if (!canRetry) {
          // A 429 that ends the retries (too many, or a Retry-After beyond the budget) is the
          // target throttling us: a transport failure, never a contract failure. Only a test that
          // provokes 429 on purpose (noRetry) gets it back as an answer.
          if (!('error' in outcome) && outcome.status === 429 && input.noRetry !== true) {
            const safeUrl = redactText(url.toString())
            const why =
              n < retry.maxAttempts
                ? `; waiting ${wait} ms more would pass the retry budget of ${retry.budgetMs} ms`
                : ''
            throw new HttpError(
              'HTTP_RETRIES_EXHAUSTED',
              `Failed to call ${operationId} (${op.method} ${safeUrl}): still 429 after ${n} attempt(s)${why}.`,
              {
                method: op.method,
                url: safeUrl,
                attempts: [...retries, { attempt: n, outcome: 'status 429', waitMs: 0 }],
                request: sent,
              },
            )
          }
          if ('error' in outcome) {
            const safeUrl = redactText(url.toString())
            const attempts = [
              ...retries,
              {
                attempt: n,
                outcome: `${outcome.error.code ?? outcome.error.name}: ${outcome.error.message}`,
                waitMs: 0,
              },
            ]
            const timedOut = isTimeout(outcome.error)
            const why =
              reason === undefined
                ? idempotent
                  ? 'not retryable'
                  : 'not retried: the request is not idempotent'
                : 'retries exhausted'
            throw new HttpError(
              timedOut
                ? 'HTTP_TIMEOUT'
                : reason === undefined
                  ? 'HTTP_CONNECTION'
                  : 'HTTP_RETRIES_EXHAUSTED',
              `Failed to call ${operationId} (${op.method} ${safeUrl}): ${redactText(outcome.error.message)} after ${n} attempt(s); ${why}.`,
              { method: op.method, url: safeUrl, attempts, request: sent, cause: outcome.error },
            )
          }
          return {
            api: options.api.name,
            operationId,
            request: sent,
            response: outcome,
            durationMs: performance.now() - started,
            attempts: n,
            ...(retries.length === 0 ? {} : { retries }),
          }
        }
        retries.push({ attempt: n, outcome: reason, waitMs: wait })
        waited += wait
        await sleep(wait)
      }
    },
    close: () => dispatcher.close(),
  }
}
