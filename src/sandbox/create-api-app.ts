/**
 * The shared sandbox pipeline, one Hono app per API: operation lookup from the registry (404, or
 * 405 with Allow) → injected faults → self-check → `Authorization: <scheme> <key>` → the API's
 * middleware → a bounded JSON body read → the API's routes. Every error goes through the API's
 * own envelope (ApiDefinition.errors.respond); nothing here knows a wire shape.
 */
import type { IncomingMessage } from 'node:http'
import { type Context, Hono } from 'hono'
import type {
  ApiDefinition,
  ApiSandbox,
  PipelineFailure,
  SandboxEnv,
} from '../api/api-definition.ts'
import type { Contract } from '../contract/load-schemas.ts'
import { indexOf } from '../registry/operations.ts'
import { createFaultMiddleware } from './fault-middleware.ts'
import { createFaultRoutes } from './fault-routes.ts'
import type { FaultInjector } from './faults.ts'
import { decodeRequestBody, readCapped } from './request-body.ts'
import { createSelfCheck, type SelfCheckLog } from './self-check.ts'

/** Bodies larger than this get 413: the sandbox never buffers unbounded input. */
export const MAX_BODY_BYTES = 1024 * 1024

/** What the pipeline wraps. */
export interface ApiAppOptions {
  api: ApiDefinition
  // biome-ignore lint/suspicious/noExplicitAny: each API's sandbox has its own Hono environment
  sandbox: ApiSandbox<any>
  contract: Contract
  /** Validate every response against the contract; failures become 500s and are logged. */
  selfCheck?: SelfCheckLog
  /** Where one-line diagnostics go (unknown routes, crashes). */
  log?: (line: string) => void
  /** Injected faults (latency, 429, 503, resets, broken bodies); none by default. */
  faults?: FaultInjector
}

/** Builds one API's sandbox app. Its routes answer under `api.basePath`. */
export function createApiApp(options: ApiAppOptions): Hono<SandboxEnv> {
  const { api, sandbox } = options
  const log = options.log ?? (() => {})
  const operations = indexOf(api.operations)
  const app = new Hono<SandboxEnv>()
  const fail = (c: Context<SandboxEnv>, failure: PipelineFailure) =>
    api.errors.respond(c, failure, c.get('op') as SandboxEnv['Variables']['op'] | undefined)

  app.onError((error, c) => {
    if (clientDisconnected(c)) return disconnected(c, log)
    log(
      `[sandbox] ${api.name} crashed on ${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`,
    )
    options.selfCheck?.record(`${c.req.method} ${c.req.path} crashed: ${error.message}`)
    return fail(c, { kind: 'server-error', message: 'Internal server error.' })
  })

  app.use('*', async (c, next) => {
    c.set('contract', options.contract)
    // Sandbox control endpoints (not part of the vendor API): auth only, no operation.
    if (c.req.path.startsWith('/__sandbox/')) return next()
    const path = withinBase(c.req.path, api.basePath)
    const { op, allowed } =
      path === undefined
        ? { op: undefined, allowed: [] }
        : operations.match(api.name, c.req.method, path)
    if (op === undefined) {
      if (allowed.length > 0) {
        c.header('allow', allowed.join(', '))
        return fail(c, {
          kind: 'method-not-allowed',
          message: `Method "${c.req.method}" not allowed. Allowed: ${allowed.join(', ')}.`,
          allowed,
        })
      }
      log(
        `[sandbox] no route for ${c.req.method} ${c.req.path} (not a ${api.title} operation; see src/apis/${api.name}/operations.ts)`,
      )
      return fail(c, {
        kind: 'not-found',
        message: `No operation at ${c.req.method} ${c.req.path}.`,
      })
    }
    c.set('op', op)
    return next()
  })

  if (options.faults !== undefined) app.use('*', createFaultMiddleware(api, options.faults))
  if (options.selfCheck !== undefined)
    app.use('*', createSelfCheck(api, options.contract, options.selfCheck))

  app.use('*', async (c, next) => {
    const header = c.req.header('authorization')
    if (header === undefined || header.trim() === '')
      return fail(c, {
        kind: 'unauthenticated',
        message: 'Authentication credentials were not provided.',
      })
    const [scheme, key, ...rest] = header.trim().split(/\s+/)
    const usage = `Send "Authorization: ${api.auth.scheme} <secret key>".`
    if (scheme?.toLowerCase() !== api.auth.scheme.toLowerCase() || rest.length > 0 || !key)
      return fail(c, { kind: 'unauthorized', message: `Invalid API key. ${usage}` })
    const who = sandbox.authenticate(key, c.get('op'))
    if (!who.ok) return fail(c, who.failure)
    c.set('state', who.state)
    c.set('apiKey', key)
    return next()
  })

  for (const middleware of sandbox.middleware ?? []) app.use('*', middleware)

  app.use('*', async (c, next) => {
    const request = (c.get('op') as SandboxEnv['Variables']['op'] | undefined)?.request
    if (request === undefined) return next()
    const tooLarge = () =>
      fail(c, {
        kind: 'too-large',
        message: `The request body is larger than ${MAX_BODY_BYTES} bytes.`,
      })
    const declared = Number(c.req.header('content-length') ?? '0')
    if (declared > MAX_BODY_BYTES) return tooLarge()
    let bytes: Uint8Array | undefined
    try {
      bytes = await readCapped(c.req.raw.body, MAX_BODY_BYTES)
    } catch (error) {
      if (clientDisconnected(c)) return disconnected(c, log)
      throw error
    }
    if (bytes === undefined) return tooLarge()
    const decoded = decodeRequestBody(bytes, c.req.header('content-type'), request.contentType)
    if (!decoded.ok)
      return fail(c, {
        kind: 'bad-body',
        message: decoded.problem.detail,
        problem: decoded.problem,
      })
    c.set('body', decoded.body)
    return next()
  })

  app.get('/__sandbox/self-check', (c) =>
    c.json({
      enabled: options.selfCheck !== undefined,
      problems: options.selfCheck?.problems ?? [],
      dropped: options.selfCheck?.dropped ?? 0,
      read: options.selfCheck?.stats ?? { captured: 0, copied: 0 },
    }),
  )
  if (options.faults !== undefined)
    app.route('/__sandbox/faults', createFaultRoutes(options.faults))
  if (sandbox.control !== undefined) app.route('/__sandbox', sandbox.control)
  app.route(api.basePath === '' ? '/' : api.basePath, sandbox.routes)
  return app
}

/** The path relative to the base path, or undefined when the request is outside it. */
function withinBase(path: string, basePath: string): string | undefined {
  if (basePath === '') return path
  if (path === basePath) return '/'
  return path.startsWith(`${basePath}/`) ? path.slice(basePath.length) : undefined
}

/**
 * True when the client went away before its request was complete (it aborted the body, reset
 * the socket, or the server's request timeout closed it). That is the client's doing, not a
 * sandbox crash. Under app.request() there is no socket, so nothing counts as a disconnect.
 */
function clientDisconnected(c: Context<SandboxEnv>): boolean {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
  if (incoming === undefined || incoming.complete) return false
  return incoming.destroyed || incoming.readableAborted || incoming.socket?.destroyed === true
}

/** One log line, no stack, no self-check problem; the answer goes nowhere. */
function disconnected(c: Context<SandboxEnv>, log: (line: string) => void): Response {
  c.set('disconnected', true)
  log(
    `[sandbox] the client disconnected during ${c.req.method} ${c.req.path} before sending the whole request; nothing was done.`,
  )
  return c.body(null, 400)
}
