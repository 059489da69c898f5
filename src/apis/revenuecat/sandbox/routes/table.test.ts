import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { SandboxEnv } from '../../../../api/api-definition.ts'
import type { HttpMethod, Operation } from '../../../../registry/types.ts'
import { createFixedClock } from '../../../../sandbox/clock.ts'
import { createIds } from '../../../../sandbox/ids.ts'
import { addProject, createKeyState, createStore } from '../state.ts'
import { buildRoutes, honoPath, notEmulated, type RoutesFile, routeOrder } from './table.ts'

function op(operationId: string, method: HttpMethod, path: string): Operation {
  return {
    api: 'revenuecat',
    operationId,
    method,
    path,
    tag: 'Customer',
    summary: operationId,
    safety: method === 'GET' ? 'read' : 'write',
    labels: [],
    scopes: [],
    rateLimitDomain: 'customer_information',
    headers: [],
    query: [],
    pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? ''),
    responses: {},
  }
}

// Registered param-first on purpose: the table must still route the static path to its own op.
const OPS = [
  op('get-customer', 'GET', '/projects/{project_id}/customers/{customer_id}'),
  op('list-blocked-customers', 'GET', '/projects/{project_id}/customers/blocked_customers'),
  op('list-projects', 'GET', '/projects'),
]

const echo: RoutesFile = (table) => {
  for (const o of OPS) table.route(o.operationId, (c, r) => c.json({ op: r.op.operationId }))
}

/** Sets the key's state (as the pipeline would) and optionally the matched op. */
function appFor(files: RoutesFile[], setOp?: (path: string) => Operation | undefined) {
  const store = createStore(createFixedClock(), createIds(1))
  addProject(store, { id: 'proj1', name: 'one' })
  addProject(store, { id: 'proj2', name: 'two' })
  const state = createKeyState(store, { name: 'main', scopes: [], projectIds: ['proj1'] })
  const app = new Hono<SandboxEnv>()
  app.use('*', async (c, next) => {
    c.set('state', state)
    const matched = setOp?.(c.req.path)
    if (matched !== undefined) c.set('op', matched)
    return next()
  })
  app.route('/v2', buildRoutes(OPS, files))
  return app
}

describe('RevenueCat route table', () => {
  it('converts spec paths to Hono paths', () => {
    expect(honoPath('/projects/{project_id}/charts/{chart_name}/options')).toBe(
      '/projects/:project_id/charts/:chart_name/options',
    )
  })

  it('orders a static segment before a parameter at the same place', () => {
    const param = '/projects/{project_id}/customers/{customer_id}'
    const fixed = '/projects/{project_id}/customers/blocked_customers'
    expect([param, fixed].sort(routeOrder)).toEqual([fixed, param])
  })

  it('sends a static path to its own operation, and a parameter to the other', async () => {
    const app = appFor([echo])
    const fixed = await app.request('/v2/projects/proj1/customers/blocked_customers')
    expect(await fixed.json()).toEqual({ op: 'list-blocked-customers' })
    const param = await app.request('/v2/projects/proj1/customers/cus_1')
    expect(await param.json()).toEqual({ op: 'get-customer' })
  })

  it('passes a request to the operation the pipeline matched', async () => {
    const blocked = OPS[1] as Operation
    const app = appFor([echo], (path) => (path.endsWith('blocked_customers') ? blocked : undefined))
    const res = await app.request('/v2/projects/proj1/customers/blocked_customers')
    expect(await res.json()).toEqual({ op: 'list-blocked-customers' })
  })

  it('answers 404 resource_missing for a project the key does not open', async () => {
    const app = appFor([echo])
    for (const project of ['proj2', 'proj_unknown']) {
      const res = await app.request(`/v2/projects/${project}/customers/cus_1`)
      expect(res.status).toBe(404)
      expect(await res.json()).toEqual({
        object: 'error',
        type: 'resource_missing',
        message: `Project "${project}" does not exist, or this API key does not open it.`,
        retryable: false,
        doc_url: 'https://errors.rev.cat/resource-missing',
      })
    }
  })

  it('answers 501 in the envelope for an operation not emulated yet', async () => {
    const app = appFor([
      (table) => {
        for (const o of OPS) table.route(o.operationId, notEmulated)
      },
    ])
    const res = await app.request('/v2/projects/proj1/customers/cus_1')
    expect(res.status).toBe(501)
    expect(await res.json()).toEqual({
      object: 'error',
      type: 'server_error',
      message:
        'The sandbox does not emulate get-customer yet (GET /projects/{project_id}/customers/{customer_id}).',
      retryable: false,
      doc_url: 'https://errors.rev.cat/server-error',
    })
    expect((await app.request('/v2/projects')).status).toBe(501)
  })

  it('refuses a table that misses, repeats or invents an operation', () => {
    const some: RoutesFile = (t) => t.route('get-customer', notEmulated)
    expect(() => buildRoutes(OPS, [some])).toThrow(
      /does not route list-blocked-customers, list-projects/,
    )
    expect(() => buildRoutes(OPS, [echo, some])).toThrow(/routes "get-customer" twice/)
    const invented: RoutesFile = (t) => t.route('get-unicorn', notEmulated)
    expect(() => buildRoutes(OPS, [echo, invented])).toThrow(/"get-unicorn", which is not/)
  })
})
