/**
 * The Adapty emulator as a Hono app: operation lookup from the registry → Api-Key auth → body
 * parsing → routes, with self-check and the API's own error envelope for everything else.
 */
import type { IncomingMessage } from 'node:http'
import { type Context, Hono } from 'hono'
import type { Contract } from '../../../contract/load-schemas.ts'
import { matchOperation } from '../../../registry/operations.ts'
import type { Operation } from '../../../registry/types.ts'
import type { FaultInjector } from '../../../sandbox/faults.ts'
import { createSelfCheck, type SelfCheckLog } from '../../../sandbox/self-check.ts'
import type { AdaptyEnv } from './env.ts'
import { adaptyError, JSON_API_TYPE, jsonApiError, overlongIdHeader } from './errors.ts'
import { createFaultMiddleware } from './fault-middleware.ts'
import { type BodyProblem, decodeRequestBody, readCapped } from './request-body.ts'
import { accessLevelRoutes } from './routes/access-levels.ts'
import { createControlRoutes } from './routes/control.ts'
import { createFaultRoutes } from './routes/faults.ts'
import { integrationRoutes } from './routes/integrations.ts'
import { paywallRoutes } from './routes/paywalls.ts'
import { profileRoutes } from './routes/profiles.ts'
import { purchaseRoutes } from './routes/purchases.ts'
import { refundSaverRoutes } from './routes/refund-saver.ts'
import { storeValidationRoutes } from './routes/store-validation.ts'
import { virtualCurrencyRoutes } from './routes/virtual-currency.ts'
import type { AdaptyStore } from './state/store.ts'

/** Bodies larger than this get 413: the emulator never buffers unbounded input. */
export const MAX_BODY_BYTES = 1024 * 1024

/** Options for the Adapty emulator. */
export interface AdaptyAppOptions {
  /** API key → the app it opens. */
  apps: ReadonlyMap<string, AdaptyStore>
  contract: Contract
  /** Validate every response against the contract; failures become 500s and are logged. */
  selfCheck?: SelfCheckLog
  /** Where one-line diagnostics go (unknown routes, crashes). */
  log?: (line: string) => void
  /** Injected faults (latency, 429, 503, resets, broken bodies); none by default. */
  faults?: FaultInjector
}

function errorType(op: Operation | undefined): string {
  return op?.request?.contentType === JSON_API_TYPE ? JSON_API_TYPE : 'application/json'
}

/** Builds the Adapty emulator. */
export function createAdaptyApp(options: AdaptyAppOptions): Hono<AdaptyEnv> {
  const log = options.log ?? (() => {})
  const app = new Hono<AdaptyEnv>()

  app.onError((error, c) => {
    if (clientDisconnected(c)) return disconnected(c, log)
    log(
      `[sandbox] adapty crashed on ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`,
    )
    options.selfCheck?.record(`${c.req.method} ${c.req.path} crashed: ${error.message}`)
    const failure = {
      status: 500,
      errorCode: 'server_error',
      errors: [{ source: null, messages: ['Internal server error.'] }],
    }
    return adaptyError(c, failure, errorType(c.get('op') as Operation | undefined))
  })

  app.use('*', async (c, next) => {
    const path = c.req.path
    c.set('contract', options.contract)
    // Sandbox control endpoints (not part of the vendor API): auth only, no operation.
    if (path.startsWith('/__sandbox/')) return next()
    const { op, allowed } = matchOperation('adapty', c.req.method, path)
    if (op === undefined) {
      if (allowed.length > 0) {
        c.header('allow', allowed.join(', '))
        const messages = [`Method "${c.req.method}" not allowed. Allowed: ${allowed.join(', ')}.`]
        return adaptyError(c, {
          status: 405,
          errorCode: 'method_not_allowed',
          errors: [{ source: null, messages }],
        })
      }
      log(
        `[sandbox] no route for ${c.req.method} ${path} (not an Adapty operation; see src/apis/adapty/operations.ts)`,
      )
      const hint = path.endsWith('/') ? '' : ' Paths end with a slash, as documented.'
      const messages = [`No operation at ${c.req.method} ${path}.${hint}`]
      return adaptyError(c, {
        status: 404,
        errorCode: 'not_found',
        errors: [{ source: null, messages }],
      })
    }
    c.set('op', op)
    return next()
  })

  if (options.faults !== undefined) app.use('*', createFaultMiddleware(options.faults))

  if (options.selfCheck !== undefined)
    app.use('*', createSelfCheck('adapty', options.contract, options.selfCheck))

  app.use('*', async (c, next) => {
    const header = c.req.header('authorization')
    const type = errorType(c.get('op') as Operation | undefined)
    if (header === undefined || header.trim() === '') {
      const messages = ['Authentication credentials were not provided.']
      return adaptyError(
        c,
        {
          status: 401,
          errorCode: 'not_authenticated',
          errors: [{ source: 'non_field_errors', messages }],
        },
        type,
      )
    }
    const [scheme, key, ...rest] = header.trim().split(/\s+/)
    const store =
      scheme?.toLowerCase() === 'api-key' && rest.length === 0
        ? options.apps.get(key ?? '')
        : undefined
    if (store === undefined) {
      const messages = ['Invalid API key. Send "Authorization: Api-Key <secret key>".']
      return adaptyError(
        c,
        {
          status: 401,
          errorCode: 'unauthorized',
          errors: [{ source: 'non_field_errors', messages }],
        },
        type,
      )
    }
    c.set('store', store)
    return next()
  })

  app.use('*', async (c, next) => {
    const op = c.get('op') as Operation | undefined
    const problem = op === undefined ? undefined : overlongIdHeader(op, (n) => c.req.header(n))
    return problem === undefined ? next() : adaptyError(c, problem)
  })

  app.use('*', async (c, next) => {
    const request = (c.get('op') as Operation | undefined)?.request
    if (request === undefined) return next()
    const declared = Number(c.req.header('content-length') ?? '0')
    if (declared > MAX_BODY_BYTES) return tooLarge(c)
    let bytes: Uint8Array | undefined
    try {
      bytes = await readCapped(c.req.raw.body, MAX_BODY_BYTES)
    } catch (error) {
      if (clientDisconnected(c)) return disconnected(c, log)
      throw error
    }
    if (bytes === undefined) return tooLarge(c)
    const decoded = decodeRequestBody(bytes, c.req.header('content-type'), request.contentType)
    if (!decoded.ok) return refuseBody(c, decoded.problem)
    c.set('body', decoded.body)
    return next()
  })

  app.route('/__sandbox', createControlRoutes(options.selfCheck))
  if (options.faults !== undefined)
    app.route('/__sandbox/faults', createFaultRoutes(options.faults))
  for (const routes of [
    profileRoutes,
    purchaseRoutes,
    accessLevelRoutes,
    refundSaverRoutes,
    storeValidationRoutes,
    integrationRoutes,
    paywallRoutes,
    virtualCurrencyRoutes,
  ]) {
    app.route('/', routes)
  }
  return app
}

function tooLarge(c: Parameters<typeof adaptyError>[0]): Response {
  const messages = [`The request body is larger than ${MAX_BODY_BYTES} bytes.`]
  return adaptyError(c, {
    status: 413,
    errorCode: 'request_too_large',
    errors: [{ source: null, messages }],
  })
}

/** A body the operation cannot take, in the operation's own error format (JSON:API for Stripe). */
function refuseBody(c: Context<AdaptyEnv>, problem: BodyProblem): Response {
  if (c.get('op')?.request?.contentType === JSON_API_TYPE)
    return jsonApiError(c, problem.status, [{ detail: problem.detail, pointer: problem.pointer }])
  return adaptyError(c, {
    status: problem.status,
    errorCode: problem.errorCode,
    errors: [{ source: problem.source, messages: [problem.detail] }],
  })
}

/**
 * True when the client went away before its request was complete (it aborted the body, reset
 * the socket, or the server's request timeout closed it). That is the client's doing, not a
 * sandbox crash. Under app.request() there is no socket, so nothing counts as a disconnect.
 */
function clientDisconnected(c: Context<AdaptyEnv>): boolean {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
  if (incoming === undefined || incoming.complete) return false
  return incoming.destroyed || incoming.readableAborted || incoming.socket?.destroyed === true
}

/** One log line, no stack, no self-check problem; the answer goes nowhere. */
function disconnected(c: Context<AdaptyEnv>, log: (line: string) => void): Response {
  c.set('disconnected', true)
  log(
    `[sandbox] the client disconnected during ${c.req.method} ${c.req.path} before sending the whole request; nothing was done.`,
  )
  return c.body(null, 400)
}
