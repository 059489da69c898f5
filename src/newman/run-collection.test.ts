// The runner on an API with a base path and Bearer keys (a made-up one, shaped like RevenueCat's):
// every request is matched to its operation after the base path is stripped from the URL, and
// each response goes through the shared checks and the API's own.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiDefinition } from '../api/api-definition.ts'
import { buildCollection } from '../collection/build-collection.ts'
import { BEARER_API, BEARER_SOURCE } from '../collection/fixtures/bearer-api.ts'
import type { Check } from '../contract/checks/types.ts'
import type { Contract } from '../contract/load-schemas.ts'
import { runApiCollection } from './run-api-collection.ts'

// Every schema accepts every body: this test is about matching, not about schemas.
const contract: Contract = {
  strictExtraFields: false,
  validator: () => {
    throw new Error('no validator in this test')
  },
  errors: () => [],
}

const seen: Array<{ method: string; url: string; headers: IncomingHttpHeaders }> = []
let server: Server
let baseUrl: string

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers })
    req.resume()
    res.writeHead(401, { 'content-type': 'application/json' })
    res.end('{"type":"authentication_error","message":"no key"}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`
})
afterAll(() => new Promise((resolve) => server.close(resolve)))

const run = (
  api: Pick<ApiDefinition, 'contract'>['contract'] = BEARER_API.contract,
  url = baseUrl,
) =>
  runApiCollection({
    api: { ...BEARER_API, contract: api },
    collection: buildCollection(BEARER_API, BEARER_SOURCE),
    environmentValues: { BEARER_BASE_URL: url, BEARER_PROJECT_ID: 'proj1' },
    runId: 'bearer-run',
    operationIds: new Set(BEARER_API.operations.map((op) => op.operationId)),
    contract,
  })

describe('runApiCollection on an API with a base path', () => {
  it('sends no request when the run was interrupted before it started', async () => {
    seen.length = 0
    const abort = new AbortController()
    abort.abort()
    const result = await runApiCollection({
      api: BEARER_API,
      collection: buildCollection(BEARER_API, BEARER_SOURCE),
      environmentValues: { BEARER_BASE_URL: baseUrl, BEARER_PROJECT_ID: 'proj1' },
      runId: 'bearer-run',
      operationIds: new Set(BEARER_API.operations.map((op) => op.operationId)),
      contract,
      signal: abort.signal,
    })
    expect(seen).toEqual([])
    expect(result.records).toEqual([])
  })

  it('runs only the folders a shard was given, and numbers records by their place in the whole collection', async () => {
    seen.length = 0
    const built = buildCollection(BEARER_API, BEARER_SOURCE)
    const requests = built.item.flatMap((entry) => ('item' in entry ? entry.item : [entry]))
    expect(requests).toHaveLength(3)
    // Two folders: the first request alone, then the other two.
    const collection = {
      ...built,
      item: [
        { name: 'First', item: requests.slice(0, 1) },
        { name: 'Rest', item: requests.slice(1) },
      ],
    } as typeof built
    const result = await runApiCollection({
      api: BEARER_API,
      collection,
      environmentValues: { BEARER_BASE_URL: baseUrl, BEARER_PROJECT_ID: 'proj1' },
      runId: 'bearer-run',
      operationIds: new Set(BEARER_API.operations.map((op) => op.operationId)),
      units: new Set(['Rest']),
      contract,
    })
    expect(result.records.map((r) => [r.name, r.order])).toEqual([
      ['create-customer: no auth', 1],
      ['get-customer: no auth', 2],
    ])
    expect(seen).toHaveLength(2)
  })

  it("matches every request to its operation after stripping the API's base path", async () => {
    seen.length = 0
    const result = await run()
    expect(result.runErrors).toEqual([])
    expect(result.records.map((r) => [r.name, r.state, r.operationId, r.api])).toEqual([
      ['list-customers: no auth', 'passed', 'list-customers', 'revenuecat'],
      ['create-customer: no auth', 'passed', 'create-customer', 'revenuecat'],
      ['get-customer: no auth', 'passed', 'get-customer', 'revenuecat'],
    ])
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /v2/projects/proj1/customers',
      'POST /v2/projects/proj1/customers',
      'GET /v2/projects/proj1/customers/cus_placeholder',
    ])
    for (const request of seen) expect(request.headers.authorization).toBeUndefined()
    expect(result.exchanges.map((e) => e.response.status)).toEqual([401, 401, 401])
  })

  it("runs the API's own contract checks on every response", async () => {
    const checked: string[] = []
    const envelope: Check = {
      name: 'test-envelope',
      run: (ctx) => {
        checked.push(ctx.op.operationId)
        return ctx.op.operationId === 'get-customer'
          ? [
              {
                check: 'test-envelope',
                api: ctx.op.api,
                operationId: ctx.op.operationId,
                status: ctx.exchange.response.status,
                message: 'the envelope has no doc_url',
              },
            ]
          : []
      },
    }
    const result = await run({ checks: [envelope] })
    expect(checked).toEqual(['list-customers', 'create-customer', 'get-customer'])
    const failed = result.records.filter((r) => r.state === 'failed')
    expect(failed.map((r) => [r.name, r.failureKind])).toEqual([
      ['get-customer: no auth', 'contract'],
    ])
    expect(failed[0]?.reason).toContain('the envelope has no doc_url')
  })

  it('fails a request whose URL is outside the API (a base URL without the base path)', async () => {
    const result = await run(BEARER_API.contract, baseUrl.replace(/\/v2$/, '/v3'))
    const reasons = result.records.map((r) => r.reason)
    expect(reasons[0]).toBe(
      'contract: GET /v3/projects/proj1/customers is not a registry operation',
    )
  })
})
