/**
 * The unit every check and reporter sees: one request and its response, already read.
 * Produced by the HTTP client (vitest suites) and by the Newman runner alike.
 */
import type { ApiName } from './registry/types.ts'

/** A request as sent. Header names are lower-case. */
export interface ExchangeRequest {
  method: string
  url: string
  headers: Readonly<Record<string, string>>
  body?: string
}

/** A response as received. Header names are lower-case; `json` is set only when the body parsed. */
export interface ExchangeResponse {
  status: number
  headers: Readonly<Record<string, string>>
  bodyText: string
  json?: unknown
  jsonError?: string
}

/** One request/response pair tied to the operation it exercised. */
export interface Exchange {
  api: ApiName
  operationId: string
  request: ExchangeRequest
  response: ExchangeResponse
  durationMs: number
  attempts: number
  /** Earlier attempts that were retried, with what happened and how long the client waited. */
  retries?: ReadonlyArray<{ attempt: number; outcome: string; waitMs: number }>
}

/** Parses a body as JSON without throwing: an empty body has neither `json` nor `jsonError`. */
export function parseBody(bodyText: string): Pick<ExchangeResponse, 'json' | 'jsonError'> {
  if (bodyText.length === 0) return {}
  try {
    return { json: JSON.parse(bodyText) as unknown }
  } catch (error) {
    return { jsonError: (error as Error).message }
  }
}
