/**
 * The HTTP client of the suites: one keep-alive undici Agent with finite timeouts, calls built
 * from the operation registry, every answer returned as an Exchange for the contract checks.
 */
import { Agent, request } from 'undici'
import { type Exchange, parseBody } from '../exchange.ts'
import { buildPath, getOperation } from '../registry/operations.ts'
import type { ApiName } from '../registry/types.ts'

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
}

/** How to build a client. */
export interface ClientOptions {
  api: ApiName
  baseUrl: string
  /** The Authorization header value sent by default. */
  authorization: string
  connectTimeoutMs?: number
  headersTimeoutMs?: number
  bodyTimeoutMs?: number
}

/** A client for one API. */
export interface Client {
  call(operationId: string, input?: CallInput): Promise<Exchange>
  close(): Promise<void>
}

/** Creates a client with its own keep-alive dispatcher. */
export function createClient(options: ClientOptions): Client {
  const dispatcher = new Agent({
    connectTimeout: options.connectTimeoutMs ?? 10_000,
    headersTimeout: options.headersTimeoutMs ?? 30_000,
    bodyTimeout: options.bodyTimeoutMs ?? 30_000,
    keepAliveTimeout: 10_000,
  })
  return {
    async call(operationId, input = {}) {
      const op = getOperation(options.api, operationId)
      const url = new URL(options.baseUrl + buildPath(op, input.path))
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
      const started = performance.now()
      const res = await request(url, { method: op.method, headers, body: body ?? null, dispatcher })
      const bodyText = await res.body.text()
      const responseHeaders: Record<string, string> = {}
      for (const [name, value] of Object.entries(res.headers)) {
        if (value !== undefined)
          responseHeaders[name] = Array.isArray(value) ? value.join(', ') : value
      }
      return {
        api: options.api,
        operationId,
        request: {
          method: op.method,
          url: url.toString(),
          headers,
          ...(body === undefined ? {} : { body }),
        },
        response: {
          status: res.statusCode,
          headers: responseHeaders,
          bodyText,
          ...parseBody(bodyText),
        },
        durationMs: performance.now() - started,
        attempts: 1,
      }
    },
    close: () => dispatcher.close(),
  }
}
