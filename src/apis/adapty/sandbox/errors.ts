/**
 * The only place that builds Adapty error bodies: `{errors: [{source, errors}], error_code,
 * status_code}`, and the JSON:API variant of the Stripe endpoint.
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { PipelineFailure } from '../../../api/api-definition.ts'
import type { Operation } from '../../../registry/types.ts'
import type { AdaptyFailure } from './state/store.ts'

/** The JSON:API media type of the Stripe endpoint. */
export const JSON_API_TYPE = 'application/vnd.api+json'

/**
 * The newer endpoints whose documented errors that name no field are flat strings: their
 * examples show `errors: ["Profile not found"]`. Errors that name a field keep `{source, errors}`,
 * so the field stays named.
 */
const FLAT_WITHOUT_FIELD: ReadonlySet<string> = new Set([
  'getRefundSaverSettings',
  'setRefundSaverSettings',
  'validatePaddlePurchase',
  'getIntegrationIdentifiers',
  'setIntegrationIdentifiers',
])

/** Endpoints whose documented 401 alone is a flat list (their other errors are objects). */
const FLAT_401: ReadonlySet<string> = new Set(['listPaywalls', 'getPaywall', 'updatePaywall'])

/** Whether `failure`, answered by `operationId`, takes the flat shape of the vendor's examples. */
export function flatErrors(operationId: string | undefined, failure: AdaptyFailure): boolean {
  if (operationId === undefined) return false
  const noField = failure.errors.every((e) => e.source === null || e.source === 'non_field_errors')
  if (FLAT_WITHOUT_FIELD.has(operationId)) return noField
  return FLAT_401.has(operationId) && failure.status === 401 && noField
}

/** Answers with the Adapty error envelope for a failure decided by the state layer. */
export function adaptyError(
  c: Context,
  failure: AdaptyFailure,
  contentType = 'application/json',
): Response {
  const op = c.get('op') as Operation | undefined
  const body = {
    errors: flatErrors(op?.operationId, failure)
      ? failure.errors.flatMap((e) => e.messages)
      : failure.errors.map((e) => ({ source: e.source, errors: e.messages })),
    error_code: failure.errorCode,
    status_code: failure.status,
  }
  const headers: Record<string, string> = { 'content-type': contentType }
  if (failure.retryAfterSeconds !== undefined)
    headers['retry-after'] = String(failure.retryAfterSeconds)
  return c.body(JSON.stringify(body), failure.status as ContentfulStatusCode, headers)
}

/** Answers with a JSON:API error list (Stripe validation): `status` is a string there. */
export function jsonApiError(
  c: Context,
  status: 400 | 415,
  errors: Array<{ detail: string; pointer: string }>,
): Response {
  const body = {
    errors: errors.map((e) => ({
      detail: e.detail,
      source: { pointer: e.pointer },
      status: String(status),
    })),
  }
  return c.body(JSON.stringify(body), status, { 'content-type': JSON_API_TYPE })
}

/**
 * How each operation answers for a profile it cannot find: the vendor documents three different
 * answers (see DECISIONS.md, A-10).
 */
export function profileNotFound(operationId: string): AdaptyFailure {
  const errors = [{ source: null, messages: ['Profile not found'] }]
  if (operationId === 'getIntegrationIdentifiers' || operationId === 'setIntegrationIdentifiers') {
    return { status: 404, errorCode: 'profile_not_found', errors }
  }
  if (operationId === 'getRefundSaverSettings' || operationId === 'setRefundSaverSettings') {
    return { status: 400, errorCode: 'profile_does_not_exist', errors }
  }
  return { status: 404, errorCode: 'profile_does_not_exist', errors }
}

/**
 * The longest customer user id or profile id the sandbox takes. The vendor documents no limit;
 * 255 is the usual width of an id column (DECISIONS.md, A-41).
 */
export const MAX_ID_LENGTH = 255

const ID_HEADERS = new Set(['adapty-customer-user-id', 'adapty-profile-id'])

/**
 * The answer to an identification header longer than MAX_ID_LENGTH, or undefined. Operations
 * that document a 400 answer a validation error naming the header; the others (getProfile,
 * deleteProfile, getIntegrationIdentifiers) answer their not-found error, as no profile can
 * carry such an id (the same rule as A-28's malformed profile ids).
 */
export function overlongIdHeader(
  op: Operation,
  header: (name: string) => string | undefined,
): AdaptyFailure | undefined {
  for (const spec of op.headers) {
    if (!ID_HEADERS.has(spec.name)) continue
    const value = header(spec.name)?.trim()
    if (value === undefined || value.length <= MAX_ID_LENGTH) continue
    if (op.responses['400'] === undefined) return profileNotFound(op.operationId)
    const message = `Ensure this header has no more than ${MAX_ID_LENGTH} characters (it has ${value.length}).`
    return {
      status: 400,
      errorCode: 'validation_error',
      errors: [{ source: spec.name, messages: [message] }],
    }
  }
  return undefined
}

/** The error type of a whole-request failure (auth, crash): JSON:API for the Stripe endpoint. */
function errorType(op: Operation | undefined): string {
  return op?.request?.contentType === JSON_API_TYPE ? JSON_API_TYPE : 'application/json'
}

const nonField = (message: string) => [{ source: 'non_field_errors', messages: [message] }]
const general = (message: string) => [{ source: null, messages: [message] }]

/** What the shared pipeline decided, in Adapty's envelope (ApiDefinition.errors.respond). */
export function respond(c: Context, failure: PipelineFailure, op: Operation | undefined): Response {
  switch (failure.kind) {
    case 'unauthenticated':
      return adaptyError(
        c,
        { status: 401, errorCode: 'not_authenticated', errors: nonField(failure.message) },
        errorType(op),
      )
    case 'unauthorized':
      return adaptyError(
        c,
        { status: 401, errorCode: 'unauthorized', errors: nonField(failure.message) },
        errorType(op),
      )
    case 'forbidden':
      return adaptyError(c, {
        status: 403,
        errorCode: 'forbidden',
        errors: general(failure.message),
      })
    case 'not-found': {
      const hint = c.req.path.endsWith('/') ? '' : ' Paths end with a slash, as documented.'
      return adaptyError(c, {
        status: 404,
        errorCode: 'not_found',
        errors: general(`${failure.message}${hint}`),
      })
    }
    case 'method-not-allowed':
      return adaptyError(c, {
        status: 405,
        errorCode: 'method_not_allowed',
        errors: general(failure.message),
      })
    case 'too-large':
      return adaptyError(c, {
        status: 413,
        errorCode: 'request_too_large',
        errors: general(failure.message),
      })
    case 'bad-body': {
      const { problem } = failure
      if (op?.request?.contentType === JSON_API_TYPE)
        return jsonApiError(c, problem.status, [
          { detail: problem.detail, pointer: problem.pointer },
        ])
      return adaptyError(c, {
        status: problem.status,
        errorCode: problem.errorCode,
        errors: [
          {
            source: problem.source === '' ? 'non_field_errors' : problem.source,
            messages: [problem.detail],
          },
        ],
      })
    }
    case 'rate-limited':
      return adaptyError(c, {
        status: 429,
        errorCode: 'rate_limited',
        errors: general(failure.message),
        retryAfterSeconds: failure.retryAfterSeconds,
      })
    case 'unavailable':
      return adaptyError(c, {
        status: 503,
        errorCode: 'service_unavailable',
        errors: general(failure.message),
        ...(failure.retryAfterSeconds === undefined
          ? {}
          : { retryAfterSeconds: failure.retryAfterSeconds }),
      })
    case 'server-error':
      return failure.selfCheck === true
        ? adaptyError(c, {
            status: 500,
            errorCode: 'sandbox_self_check_failed',
            errors: [{ source: 'sandbox_self_check', messages: [failure.message] }],
          })
        : adaptyError(
            c,
            { status: 500, errorCode: 'server_error', errors: general(failure.message) },
            errorType(op),
          )
    case 'not-implemented':
      return adaptyError(c, {
        status: 501,
        errorCode: 'not_implemented',
        errors: general(failure.message),
      })
  }
}
