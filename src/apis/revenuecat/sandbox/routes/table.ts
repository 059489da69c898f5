/**
 * The route table: each routes file declares its operations by operationId, and buildRoutes
 * registers them on one Hono app at the registry's paths, static segments before parameters, so
 * `/customers/blocked_customers` is never taken for `/customers/{customer_id}`.
 */
import { type Context, Hono } from 'hono'
import type { SandboxEnv } from '../../../../api/api-definition.ts'
import { HarnessError } from '../../../../errors.ts'
import type { Operation } from '../../../../registry/types.ts'
import { respond, revenuecatError, revenuecatFailure } from '../errors.ts'
import type { ProjectRecord, RevenueCatState } from '../state.ts'

/** What a handler is given besides the Hono context. */
export interface RouteContext {
  op: Operation
  state: RevenueCatState
  /** The project of the path, already checked to be one this key opens; absent for `/projects`. */
  project: ProjectRecord | undefined
}

/** One operation's handler: read the inputs, call one state function, answer. */
export type RevenueCatHandler = (
  c: Context<SandboxEnv>,
  route: RouteContext,
) => Response | Promise<Response>

/** Where routes files declare their operations. */
export interface RouteTable {
  route(operationId: string, handler: RevenueCatHandler): void
}

/** A routes file: declares the operations of one tag. */
export type RoutesFile = (table: RouteTable) => void

/** The answer of every operation the sandbox does not emulate yet: 501 in the error envelope. */
export const notEmulated: RevenueCatHandler = (c, { op }) =>
  respond(
    c,
    {
      kind: 'not-implemented',
      message: `The sandbox does not emulate ${op.operationId} yet (${op.method} ${op.path}).`,
    },
    op,
  )

/** `/projects/{project_id}` → `/projects/:project_id`. */
export function honoPath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ':$1')
}

/**
 * Orders paths so that, where two could match one request, the one with a static segment at the
 * first place they differ comes first (Hono runs matching handlers in registration order).
 */
export function routeOrder(a: string, b: string): number {
  const shape = (path: string) =>
    path
      .split('/')
      .map((s) => (s.startsWith('{') ? '1' : '0'))
      .join('')
  const [sa, sb] = [shape(a), shape(b)]
  return sa < sb ? -1 : sa > sb ? 1 : 0
}

/**
 * Builds the routes app from routes files. Every operation must be declared exactly once, and
 * only operations of the registry: a typo or a forgotten operation fails at start-up.
 */
export function buildRoutes(
  operations: readonly Operation[],
  files: readonly RoutesFile[],
): Hono<SandboxEnv> {
  const byId = new Map(operations.map((op) => [op.operationId, op]))
  const declared = new Map<string, RevenueCatHandler>()
  const table: RouteTable = {
    route(operationId, handler) {
      if (!byId.has(operationId))
        fail(`routes "${operationId}", which is not a RevenueCat operation`)
      if (declared.has(operationId)) fail(`routes "${operationId}" twice`)
      declared.set(operationId, handler)
    },
  }
  for (const file of files) file(table)
  const missing = operations.filter((op) => !declared.has(op.operationId))
  if (missing.length > 0) fail(`does not route ${missing.map((op) => op.operationId).join(', ')}`)

  const app = new Hono<SandboxEnv>()
  const ordered = [...operations].sort((a, b) => routeOrder(a.path, b.path))
  for (const op of ordered) {
    const handler = declared.get(op.operationId) as RevenueCatHandler
    app.on(op.method, honoPath(op.path), async (c, next) => {
      // The pipeline matched the request to an operation already; a route of a similar path
      // that Hono also matched passes it on to the operation's own route.
      const matched = c.get('op') as Operation | undefined
      if (matched !== undefined && matched.operationId !== op.operationId) return next()
      const state = c.get('state') as RevenueCatState
      const projectId = op.pathParams.includes('project_id') ? c.req.param('project_id') : undefined
      const project = projectId === undefined ? undefined : state.project(projectId)
      if (projectId !== undefined && project === undefined) {
        const message = `Project "${projectId}" does not exist, or this API key does not open it.`
        return revenuecatError(c, revenuecatFailure(404, 'resource_missing', message))
      }
      return handler(c, { op, state, project })
    })
  }
  return app
}

function fail(problem: string): never {
  throw new HarnessError(
    'SANDBOX_INTERNAL',
    `Failed to build the RevenueCat sandbox routes: the route table ${problem}.`,
    { hint: 'declare each operation of src/apis/revenuecat/operations.ts once in routes/*.ts.' },
  )
}
