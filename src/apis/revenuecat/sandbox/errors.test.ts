import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { PipelineFailure } from '../../../api/api-definition.ts'
import {
  docUrl,
  errorBody,
  fromPipelineFailure,
  respond,
  revenuecatError,
  revenuecatFailure,
} from './errors.ts'

// The spec's Error schema: these fields and no others; the first four required.
const ERROR_FIELDS = ['object', 'type', 'param', 'message', 'retryable', 'doc_url', 'backoff_ms']

async function answer(failure: PipelineFailure) {
  const app = new Hono()
  app.get('/', (c) => respond(c, failure, undefined))
  const res = await app.request('/')
  return { res, body: (await res.json()) as Record<string, unknown> }
}

describe('RevenueCat errors', () => {
  it.each([
    [{ kind: 'unauthenticated', message: 'no key' }, 401, 'authentication_error'],
    [{ kind: 'unauthorized', message: 'bad key' }, 401, 'authentication_error'],
    [{ kind: 'forbidden', message: 'no scope' }, 403, 'authorization_error'],
    [{ kind: 'not-found', message: 'nothing here' }, 404, 'resource_missing'],
    [{ kind: 'too-large', message: 'too big' }, 413, 'invalid_request'],
    [{ kind: 'server-error', message: 'boom' }, 500, 'server_error'],
    [{ kind: 'not-implemented', message: 'later' }, 501, 'server_error'],
  ] as const)('answers %o with %i %s in the envelope', async (failure, status, type) => {
    const { res, body } = await answer(failure)
    expect(res.status).toBe(status)
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(body).toMatchObject({ object: 'error', type, message: failure.message })
    expect(body.doc_url).toBe(docUrl(type))
    expect(Object.keys(body).every((k) => ERROR_FIELDS.includes(k))).toBe(true)
  })

  it('answers 401 in exactly the documented shape', async () => {
    const { body } = await answer({ kind: 'unauthorized', message: 'Invalid API key.' })
    expect(body).toEqual({
      object: 'error',
      type: 'authentication_error',
      message: 'Invalid API key.',
      retryable: false,
      doc_url: 'https://errors.rev.cat/authentication-error',
    })
  })

  it('answers 405 invalid_request with an Allow header', async () => {
    const { res, body } = await answer({
      kind: 'method-not-allowed',
      message: 'no PUT here',
      allowed: ['GET', 'POST'],
    })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('GET, POST')
    expect(body.type).toBe('invalid_request')
  })

  it('answers 429 retryable with Retry-After and backoff_ms in ms', async () => {
    const { res, body } = await answer({
      kind: 'rate-limited',
      message: 'slow down',
      retryAfterSeconds: 42,
    })
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('42')
    expect(body).toMatchObject({ type: 'rate_limit_error', retryable: true, backoff_ms: 42_000 })
    expect(body.doc_url).toBe('https://errors.rev.cat/rate-limit-error')
  })

  it('answers 503 server_error retryable, with Retry-After when the failure has one', async () => {
    const timed = await answer({ kind: 'unavailable', message: 'down', retryAfterSeconds: 3 })
    expect(timed.res.status).toBe(503)
    expect(timed.res.headers.get('retry-after')).toBe('3')
    expect(timed.body).toMatchObject({ type: 'server_error', retryable: true, backoff_ms: 3000 })
    const untimed = await answer({ kind: 'unavailable', message: 'down' })
    expect(untimed.res.headers.get('retry-after')).toBeNull()
    expect(untimed.body).toMatchObject({ retryable: true, backoff_ms: 1000 })
  })

  it('answers a self-check failure with 500 server_error, not retryable', async () => {
    const { res, body } = await answer({ kind: 'server-error', message: 'bad', selfCheck: true })
    expect(res.status).toBe(500)
    expect(body).toMatchObject({ type: 'server_error', retryable: false })
    expect(body).not.toHaveProperty('backoff_ms')
  })

  it('answers 501 not retryable and without backoff_ms', async () => {
    const { body } = await answer({ kind: 'not-implemented', message: 'later' })
    expect(body.retryable).toBe(false)
    expect(body).not.toHaveProperty('backoff_ms')
  })

  it('answers a body that is not JSON, or not application/json, with 400 invalid_request', () => {
    for (const errorCode of ['parse_error', 'unsupported_media_type'] as const) {
      const status = errorCode === 'parse_error' ? 400 : 415
      const failure = fromPipelineFailure({
        kind: 'bad-body',
        message: 'bad',
        problem: { status, errorCode, source: '', pointer: '', detail: 'bad' },
      })
      expect(failure).toMatchObject({ status: 400, type: 'invalid_request', retryable: false })
      expect(failure).not.toHaveProperty('param')
    }
  })

  it('answers a bad value in a body with parameter_error naming the field', () => {
    const failure = fromPipelineFailure({
      kind: 'bad-body',
      message: 'expires_at must be an integer',
      problem: {
        status: 400,
        errorCode: 'validation_error',
        source: 'expires_at',
        pointer: '/expires_at',
        detail: 'expires_at must be an integer',
      },
    })
    expect(errorBody(failure)).toEqual({
      object: 'error',
      type: 'parameter_error',
      param: 'expires_at',
      message: 'expires_at must be an integer',
      retryable: false,
      doc_url: 'https://errors.rev.cat/parameter-error',
    })
  })

  it('builds a route failure with its param', async () => {
    const app = new Hono()
    app.get('/', (c) =>
      revenuecatError(c, revenuecatFailure(400, 'parameter_error', 'too long', 'customer_id')),
    )
    const res = await app.request('/')
    expect(res.status).toBe(400)
    expect(await res.text()).toBe(
      '{"object":"error","type":"parameter_error","param":"customer_id","message":"too long","retryable":false,"doc_url":"https://errors.rev.cat/parameter-error"}',
    )
  })

  it('marks the retryable types retryable with a default backoff', () => {
    for (const type of ['server_error', 'resource_locked_error', 'store_error'] as const) {
      expect(errorBody(revenuecatFailure(500, type, 'x'))).toMatchObject({
        retryable: true,
        backoff_ms: 1000,
      })
    }
    expect(revenuecatFailure(409, 'resource_already_exists', 'x').retryable).toBe(false)
  })

  it('links each type to its page in RevenueCat’s pattern', () => {
    expect(docUrl('unprocessable_entity_error')).toBe(
      'https://errors.rev.cat/unprocessable-entity-error',
    )
    expect(docUrl('resource_missing')).toBe('https://errors.rev.cat/resource-missing')
  })
})
