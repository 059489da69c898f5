import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Operation } from '../registry/types.ts'
import { paginate } from '../sandbox/paginate.ts'
import { createClient } from './create-client.ts'
import { walkPages } from './walk-pages.ts'

const list: Operation = {
  api: 'revenuecat',
  operationId: 'list-things',
  method: 'GET',
  path: '/projects/{project_id}/things',
  tag: 'Thing',
  summary: 'List things',
  safety: 'read',
  labels: [],
  headers: [],
  query: [],
  pathParams: ['project_id'],
  responses: { '200': { kind: 'json', schema: 'list-things', contentType: 'application/json' } },
}
const things = Array.from({ length: 45 }, (_, i) => ({ id: `thing${String(i).padStart(2, '0')}` }))
let server: Server
let baseUrl = ''
/** How the test server answers: a real paginated list, or a broken one. */
let mode: 'list' | 'elsewhere' | 'loop' = 'list'

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const result = paginate(
      things,
      {
        limit: url.searchParams.get('limit') ?? undefined,
        starting_after: url.searchParams.get('starting_after') ?? undefined,
      },
      { url: url.pathname },
    )
    if (!result.ok) {
      res.writeHead(400).end()
      return
    }
    const page = { ...result.page }
    if (mode === 'elsewhere' && page.next_page !== null) page.next_page = '/v2/projects/p1/other'
    if (mode === 'loop') page.next_page = `${url.pathname}?starting_after=thing00`
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(page))
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const client = () =>
  createClient({
    api: { name: 'revenuecat', operations: [list] },
    baseUrl,
    authorization: 'Bearer k',
  })

describe('walkPages', () => {
  it('follows next_page to the end and keeps every item once, in order', async () => {
    mode = 'list'
    const c = client()
    const walk = await walkPages(c, 'list-things', {
      path: { project_id: 'p1' },
      query: { limit: 20 },
    })
    await c.close()
    expect(walk.stopped).toBeUndefined()
    expect(walk.pages.map((p) => (p.response.json as { items: unknown[] }).items.length)).toEqual([
      20, 20, 5,
    ])
    expect(walk.items).toEqual(things)
  })

  it('stops when next_page points at another path', async () => {
    mode = 'elsewhere'
    const c = client()
    const walk = await walkPages(c, 'list-things', { path: { project_id: 'p1' } })
    await c.close()
    expect(walk.pages).toHaveLength(1)
    expect(walk.stopped).toBe(
      "page 1's next_page points at /v2/projects/p1/other, not at the list /v2/projects/p1/things",
    )
  })

  it('stops on a cursor that repeats instead of looping', async () => {
    mode = 'loop'
    const c = client()
    const walk = await walkPages(c, 'list-things', { path: { project_id: 'p1' } })
    await c.close()
    expect(walk.pages).toHaveLength(2)
    expect(walk.stopped).toContain('repeats an earlier cursor (starting_after=thing00)')
  })
})
