import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { ApiSandbox, SandboxEnv } from '../../../api/api-definition.ts'
import type { Operation } from '../../../registry/types.ts'
import { createFixedClock } from '../../../sandbox/clock.ts'
import { createIds } from '../../../sandbox/ids.ts'
import { REVENUECAT_OPERATIONS } from '../operations.ts'
import { createRevenueCatSandbox, type RevenueCatSandboxOptions } from './app.ts'
import { respond } from './errors.ts'
import { grants } from './permissions.ts'
import { LIMIT_HEADER, USAGE_HEADER } from './rate-limits.ts'
import { readSeed } from './seed.ts'

const OPS = REVENUECAT_OPERATIONS
const seed = readSeed('default')
const scopesOf = (name: string) => new Set(seed.apiKeys.find((k) => k.name === name)?.scopes)

/** The operation a request line names, static segments first (what the registry's match does). */
function matchOp(method: string, path: string): Operation | undefined {
  const hits = OPS.filter(
    (op) =>
      op.method === method && new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path),
  )
  const params = (op: Operation) => op.pathParams.length
  return hits.sort((a, b) => params(a) - params(b))[0]
}

/** A stand-in for the shared pipeline: op match, Bearer auth, middleware, routes under /v2. */
function pipeline(sandbox: ApiSandbox): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>()
  app.use('*', async (c, next) => {
    const control = c.req.path.startsWith('/__sandbox/')
    const op = control ? undefined : matchOp(c.req.method, c.req.path.replace(/^\/v2/, ''))
    if (!control && op === undefined)
      return respond(c, { kind: 'not-found', message: 'no such operation' }, undefined)
    if (op !== undefined) c.set('op', op)
    const header = c.req.header('authorization')
    if (header === undefined)
      return respond(c, { kind: 'unauthenticated', message: 'No API key was sent.' }, op)
    const [scheme, key] = header.split(' ')
    if (scheme !== 'Bearer' || key === undefined)
      return respond(c, { kind: 'unauthorized', message: 'Invalid API key.' }, op)
    const who = sandbox.authenticate(key, op)
    if (!who.ok) return respond(c, who.failure, op)
    c.set('state', who.state)
    c.set('apiKey', key)
    return next()
  })
  for (const middleware of sandbox.middleware ?? []) app.use('*', middleware)
  if (sandbox.control !== undefined) app.route('/__sandbox', sandbox.control)
  app.route('/v2', sandbox.routes)
  return app
}

function setup(options: RevenueCatSandboxOptions = {}) {
  const clock = createFixedClock()
  const sandbox = createRevenueCatSandbox({ seed: 'default', clock, ids: createIds(1) }, options)
  const app = pipeline(sandbox)
  const values = sandbox.values
  const call = (op: Operation, key = values.REVENUECAT_API_KEY, project = projectId) =>
    app.request(pathOf(op, project), {
      method: op.method,
      headers: { authorization: `Bearer ${key}` },
    })
  return { clock, sandbox, app, values, call }
}

const projectId = seed.projects[0]?.id ?? ''
const pathOf = (op: Operation, project: string) =>
  `/v2${op.path.replace('{project_id}', project).replace(/\{[^}]+\}/g, 'x1')}`
const byId = (id: string) => OPS.find((op) => op.operationId === id) as Operation
const withProject = OPS.filter((op) => op.pathParams.includes('project_id'))
const rows = (ops: readonly Operation[]) => ops.map((op) => [op.operationId, op] as const)

describe('RevenueCat sandbox', () => {
  it('routes every registry operation', () => {
    expect(OPS.length).toBeGreaterThan(80)
    expect(() => setup()).not.toThrow()
  })

  it('answers 401 authentication_error without an Authorization header', async () => {
    const { app } = setup()
    const res = await app.request(`/v2/projects/${projectId}/customers`)
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({
      object: 'error',
      type: 'authentication_error',
      message: 'No API key was sent.',
      retryable: false,
      doc_url: 'https://errors.rev.cat/authentication-error',
    })
  })

  it('answers 401 authentication_error for a key it does not know', async () => {
    const { call } = setup()
    const res = await call(byId('list-customers'), 'sk_sandbox_fake_unknown')
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({
      object: 'error',
      type: 'authentication_error',
      retryable: false,
    })
  })

  it.each(rows(OPS))(
    'answers %s on the seeded project with a status it documents (every operation is emulated: never 501)',
    async (_, op) => {
      const { call } = setup()
      const res = await call(op)
      expect(res.status).not.toBe(501)
      expect(Object.keys(op.responses)).toContain(String(res.status))
    },
  )

  it.each(rows(withProject))(
    'answers %s with 404 for a project the key does not open',
    async (_, op) => {
      const { call, values } = setup()
      for (const project of ['proj00000000', values.REVENUECAT_OTHER_PROJECT_ID ?? '']) {
        const res = await call(op, values.REVENUECAT_API_KEY, project)
        expect(res.status).toBe(404)
        expect(await res.json()).toMatchObject({ object: 'error', type: 'resource_missing' })
      }
    },
  )

  const lacking = (name: string) =>
    rows(OPS.filter((op) => (op.scopes ?? []).some((s) => !grants(scopesOf(name), s))))

  it.each(lacking('read-only'))('answers %s with 403 for the read-only key', async (_, op) => {
    const { call, values } = setup()
    const res = await call(op, values.REVENUECAT_READ_ONLY_API_KEY)
    expect(res.status).toBe(403)
    const body = (await res.json()) as Record<string, unknown>
    expect(body).toMatchObject({ object: 'error', type: 'authorization_error', retryable: false })
    for (const scope of (op.scopes ?? []).filter((s) => s.endsWith(':read_write')))
      expect(body.message).toContain(scope)
  })

  it.each(lacking('no-customer-information'))(
    'answers %s with 403 naming its customer_information scope for a key without that domain',
    async (_, op) => {
      const { call, values } = setup()
      const res = await call(op, values.REVENUECAT_NO_CUSTOMERS_API_KEY)
      expect(res.status).toBe(403)
      const { message } = (await res.json()) as { message: string }
      const missing = (op.scopes ?? []).filter((s) => s.startsWith('customer_information:'))
      expect(missing.length).toBeGreaterThan(0)
      for (const scope of missing) expect(message).toContain(scope)
      expect(message).toContain(op.operationId)
    },
  )

  it('lets the read-only key through to every read operation', async () => {
    const { call, values } = setup({ rateLimits: { scale: 10 } })
    for (const op of OPS.filter((o) => o.method === 'GET')) {
      const res = await call(op, values.REVENUECAT_READ_ONLY_API_KEY)
      expect([401, 403], op.operationId).not.toContain(res.status)
    }
  })

  it('answers 403 before 404: a key without the scope learns nothing about the project', async () => {
    const { call, values } = setup()
    const res = await call(byId('list-customers'), values.REVENUECAT_CHARTS_API_KEY, 'proj00000000')
    expect(res.status).toBe(403)
  })

  it('refuses the 6th charts_metrics request in a minute, and serves again a minute later', async () => {
    const { call, clock, values } = setup()
    const overview = byId('get-overview-metrics')
    for (let n = 0; n < 5; n++) {
      expect((await call(overview, values.REVENUECAT_CHARTS_API_KEY)).status).toBe(200)
      clock.advance(2000)
    }
    const refused = await call(byId('get-chart-data'), values.REVENUECAT_CHARTS_API_KEY)
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBe('50')
    expect(refused.headers.get(USAGE_HEADER)).toBe('5')
    expect(refused.headers.get(LIMIT_HEADER)).toBe('5')
    expect(await refused.json()).toEqual({
      object: 'error',
      type: 'rate_limit_error',
      message:
        'Rate limit of 5 requests per minute exceeded for the charts_metrics domain; retry in 50 s.',
      retryable: true,
      doc_url: 'https://errors.rev.cat/rate-limit-error',
      backoff_ms: 50_000,
    })
    // Another key has its own window.
    expect((await call(overview)).status).toBe(200)
    clock.advance(50_000)
    expect((await call(overview, values.REVENUECAT_CHARTS_API_KEY)).status).toBe(200)
  })

  it('lets a sandbox raise the limits so suites are not slowed', async () => {
    const { call } = setup({ rateLimits: { scale: 100 } })
    for (let n = 0; n < 20; n++) expect((await call(byId('get-overview-metrics'))).status).toBe(200)
  })

  it('shows the calling key its open rate-limit windows', async () => {
    const { app, call, clock, values } = setup()
    await call(byId('list-customers'))
    await call(byId('list-apps'))
    await call(byId('list-apps'))
    await call(byId('get-overview-metrics'), values.REVENUECAT_CHARTS_API_KEY)
    const res = await app.request('/__sandbox/rate-limits', {
      headers: { authorization: `Bearer ${values.REVENUECAT_API_KEY}` },
    })
    expect(res.status).toBe(200)
    const resetsAt = clock.now().getTime() + 60_000
    expect(await res.json()).toEqual({
      limits: {
        customer_information: 480,
        project_configuration: 60,
        charts_metrics: 5,
        virtual_currencies_create_transaction: 480,
      },
      windows: [
        { domain: 'customer_information', usage: 1, limit: 480, resets_at: resetsAt },
        { domain: 'project_configuration', usage: 2, limit: 60, resets_at: resetsAt },
      ],
    })
  })

  it('publishes the seeded keys, project and ids as values', () => {
    const { values } = setup()
    const seeded = Object.keys(seed.values ?? {})
    expect(seeded.length).toBeGreaterThan(0)
    expect(Object.keys(values).sort()).toEqual(
      [
        ...seeded,
        'REVENUECAT_API_KEY',
        'REVENUECAT_CHARTS_API_KEY',
        'REVENUECAT_NO_CUSTOMERS_API_KEY',
        'REVENUECAT_NO_PERMISSIONS_API_KEY',
        'REVENUECAT_OTHER_PROJECT_ID',
        'REVENUECAT_PROJECT_ID',
        'REVENUECAT_RATE_LIMITED_API_KEY',
        'REVENUECAT_READ_ONLY_API_KEY',
      ].sort(),
    )
    expect(values.REVENUECAT_PROJECT_ID).toBe(projectId)
    expect(values.REVENUECAT_OTHER_PROJECT_ID).not.toBe(projectId)
  })

  it('publishes a replaced key instead of the seeded one', async () => {
    const clock = createFixedClock()
    const canary = 'sk_sandbox_fake_canary'
    const sandbox = createRevenueCatSandbox({
      seed: 'default',
      clock,
      ids: createIds(1),
      apiKeys: { main: canary },
    })
    expect(sandbox.values.REVENUECAT_API_KEY).toBe(canary)
    expect(sandbox.authenticate(canary, byId('list-customers')).ok).toBe(true)
  })

  it('lists what a run may have made, as the ledger names it, at /__sandbox/test-data', async () => {
    const { app, values } = setup()
    const auth = { authorization: `Bearer ${values.REVENUECAT_API_KEY}` }
    const res = await app.request('/__sandbox/test-data', { headers: auth })
    expect(res.status).toBe(200)
    const { objects } = (await res.json()) as { objects: Array<Record<string, string>> }
    expect(objects).toContainEqual({
      project_id: projectId,
      kind: 'customer',
      name: 'subcontract-seed-active',
    })
    expect(objects).toContainEqual({
      project_id: projectId,
      kind: 'entitlement',
      name: 'pro',
      id: 'entl5eed0001',
    })
    expect(objects).toContainEqual(
      expect.objectContaining({ project_id: projectId, kind: 'currency', id: 'GEMS' }),
    )
  })
})
