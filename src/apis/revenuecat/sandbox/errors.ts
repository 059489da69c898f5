/**
 * The only place that builds RevenueCat error bodies: `{object: 'error', type, param, message,
 * retryable, doc_url, backoff_ms}` (the spec's Error schema: object, type, message and retryable
 * required; param and backoff_ms nullable; no other fields).
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { PipelineFailure } from '../../../api/api-definition.ts'
import type { Operation } from '../../../registry/types.ts'

/** The error types the spec's Error schema allows. */
export type RevenueCatErrorType =
  | 'parameter_error'
  | 'resource_already_exists'
  | 'resource_missing'
  | 'idempotency_error'
  | 'rate_limit_error'
  | 'authentication_error'
  | 'authorization_error'
  | 'store_error'
  | 'server_error'
  | 'resource_locked_error'
  | 'unprocessable_entity_error'
  | 'invalid_request'

/** An error a route, the pipeline or a middleware decided, before it has a wire shape. */
export interface RevenueCatFailure {
  status: number
  type: RevenueCatErrorType
  message: string
  /** The parameter it is about (`customer_id`, `limit`), when there is one. */
  param?: string
  retryable: boolean
  /** Seconds for `Retry-After`; `backoff_ms` carries the same wait in ms (S-3). */
  retryAfterSeconds?: number
  /** The wait in ms for a retryable error without `Retry-After` (server errors). */
  backoffMs?: number
}

// Types the vendor tells clients to retry after backoff_ms (its Error Types section).
const RETRYABLE: ReadonlySet<RevenueCatErrorType> = new Set([
  'rate_limit_error',
  'server_error',
  'resource_locked_error',
  'store_error',
])

/**
 * Whether a state function answered a failure rather than its result. Every state function of
 * the sandbox returns `T | RevenueCatFailure`; a record's own `status` (a purchase's, a
 * subscription's) must not be taken for one.
 */
export function isFailure(value: unknown): value is RevenueCatFailure {
  return typeof value === 'object' && value !== null && 'retryable' in value && 'type' in value
}

/** The backoff a retryable server error suggests when nothing else says how long (S-3). */
export const DEFAULT_BACKOFF_MS = 1000

/**
 * A failure for a route handler to return through revenuecatError. Retryable types (rate limit,
 * server, locked, store) get retryable true and a default backoff.
 *
 * @example
 * revenuecatFailure(404, 'resource_missing', 'Customer "c1" does not exist.', 'customer_id')
 */
export function revenuecatFailure(
  status: number,
  type: RevenueCatErrorType,
  message: string,
  param?: string,
): RevenueCatFailure {
  const failure: RevenueCatFailure = { status, type, message, retryable: RETRYABLE.has(type) }
  if (param !== undefined) failure.param = param
  if (failure.retryable) failure.backoffMs = DEFAULT_BACKOFF_MS
  return failure
}

/** RevenueCat's documentation link for an error type (`rate_limit_error` → `…/rate-limit-error`). */
export function docUrl(type: RevenueCatErrorType): string {
  return `https://errors.rev.cat/${type.replaceAll('_', '-')}`
}

/** The wire body of a failure (S-2: `param` only when known, `backoff_ms` only when retryable). */
export function errorBody(failure: RevenueCatFailure): Record<string, unknown> {
  const body: Record<string, unknown> = { object: 'error', type: failure.type }
  if (failure.param !== undefined) body.param = failure.param
  body.message = failure.message
  body.retryable = failure.retryable
  body.doc_url = docUrl(failure.type)
  if (failure.retryable) {
    body.backoff_ms =
      failure.retryAfterSeconds !== undefined
        ? failure.retryAfterSeconds * 1000
        : (failure.backoffMs ?? DEFAULT_BACKOFF_MS)
  }
  return body
}

/** Answers with the RevenueCat error envelope (and `Retry-After` when the failure carries one). */
export function revenuecatError(c: Context, failure: RevenueCatFailure): Response {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (failure.retryAfterSeconds !== undefined)
    headers['retry-after'] = String(failure.retryAfterSeconds)
  return c.body(JSON.stringify(errorBody(failure)), failure.status as ContentfulStatusCode, headers)
}

/** How RevenueCat answers each failure the shared pipeline decides (S-1, S-4). */
export function fromPipelineFailure(failure: PipelineFailure): RevenueCatFailure {
  const { message } = failure
  switch (failure.kind) {
    case 'unauthenticated':
    case 'unauthorized':
      return revenuecatFailure(401, 'authentication_error', message)
    case 'forbidden':
      return revenuecatFailure(403, 'authorization_error', message)
    case 'not-found':
      return revenuecatFailure(404, 'resource_missing', message)
    case 'method-not-allowed':
      return revenuecatFailure(405, 'invalid_request', message)
    case 'too-large':
      return revenuecatFailure(413, 'invalid_request', message)
    case 'bad-body': {
      const { problem } = failure
      if (problem.errorCode === 'validation_error') {
        const param = problem.source === '' ? undefined : problem.source
        return revenuecatFailure(problem.status, 'parameter_error', message, param)
      }
      // Not JSON, or not application/json: the spec's 400 invalid_request (S-4).
      return revenuecatFailure(400, 'invalid_request', message)
    }
    case 'rate-limited':
      return { ...revenuecatFailure(429, 'rate_limit_error', message), ...retryAfter(failure) }
    case 'unavailable':
      return { ...revenuecatFailure(503, 'server_error', message), ...retryAfter(failure) }
    case 'server-error':
      // A response the self-check refused is a sandbox bug: retrying cannot help (S-14).
      return failure.selfCheck === true
        ? { status: 500, type: 'server_error', message, retryable: false }
        : revenuecatFailure(500, 'server_error', message)
    case 'not-implemented':
      // Not a server fault: retrying cannot help until the sandbox emulates the operation.
      return { status: 501, type: 'server_error', message, retryable: false }
  }
}

function retryAfter(failure: { retryAfterSeconds?: number }): { retryAfterSeconds?: number } {
  return failure.retryAfterSeconds === undefined
    ? {}
    : { retryAfterSeconds: failure.retryAfterSeconds }
}

/** ApiDefinition['errors']['respond'] for RevenueCat: a pipeline failure in RevenueCat's envelope. */
export function respond(
  c: Context,
  failure: PipelineFailure,
  _op: Operation | undefined,
): Response {
  if (failure.kind === 'method-not-allowed') c.header('allow', failure.allowed.join(', '))
  return revenuecatError(c, fromPipelineFailure(failure))
}
