// Newman keeps the run's pace (SUBCONTRACT_RATE_LIMIT) for every request it sends: the
// collection's requests and the pm.sendRequest calls of its scripts. A recording front records
// when each request reached the sandbox.
import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiNamed } from '../../src/apis/all.ts'
import { type Contract, loadContract } from '../../src/contract/load-schemas.ts'
import type { RateLimiter } from '../../src/http/rate-limiter.ts'
import { runApiCollection } from '../../src/newman/run-api-collection.ts'
import { createSandbox, type Sandbox } from '../../src/sandbox/create-sandbox.ts'

const adapty = apiNamed('adapty')

let sandbox: Sandbox
let contract: Contract
let front: Server
let frontUrl: string
const arrivals: Array<{ at: number; method: string; path: string }> = []

/** Forwards every request to the sandbox, noting when it arrived. */
function recordingFront(target: string): Server {
  const { hostname, port } = new URL(target)
  return createServer((req, res) => {
    arrivals.push({ at: performance.now(), method: req.method ?? '', path: req.url ?? '' })
    const upstream = httpRequest(
      { hostname, port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    req.pipe(upstream)
  })
}

const run = (options: { runId: string; requestsPerSecond?: number; limiter?: RateLimiter }) =>
  runApiCollection({
    api: adapty,
    environmentValues: {
      ADAPTY_BASE_URL: frontUrl,
      ADAPTY_SECRET_API_KEY: sandbox.apis.adapty?.apiKey ?? '',
    },
    operationIds: new Set(['getProfile']),
    contract,
    ...options,
  })

describe('Newman pacing', () => {
  beforeAll(async () => {
    contract = loadContract()
    sandbox = await createSandbox({ apis: [adapty], contract })
    front = recordingFront(sandbox.apis.adapty?.url ?? '')
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve))
    frontUrl = `http://127.0.0.1:${(front.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    front.closeAllConnections()
    await new Promise((resolve) => front.close(resolve))
    await sandbox.close()
  })

  it('asks the limiter once for every request it sends, the scripts’ included', async () => {
    arrivals.length = 0
    let takes = 0
    const limiter: RateLimiter = {
      take: () => {
        takes += 1
        return Promise.resolve()
      },
    }
    const result = await run({ runId: 'limited', limiter })
    expect(result.runErrors).toEqual([])
    expect(arrivals).toHaveLength(4)
    expect(takes).toBe(arrivals.length)
  })

  // Runs second, on a warm newman: unpaced, all four arrive within about 0.2 s of the start.
  it('spaces every request, the collection script’s pm.sendRequest included, by 1/rate', async () => {
    arrivals.length = 0
    const rate = 5
    const started = performance.now()
    const result = await run({ runId: 'paced', requestsPerSecond: rate })
    expect(result.records.filter((r) => r.state === 'failed')).toEqual([])
    expect(result.runErrors).toEqual([])
    // The collection-level script's createProfile, then getProfile's three requests.
    expect(arrivals.map((a) => `${a.method} ${a.path.split('?')[0]}`)).toEqual([
      'POST /api/v2/server-side-api/profile/',
      'GET /api/v2/server-side-api/profile/',
      'GET /api/v2/server-side-api/profile/',
      'GET /api/v2/server-side-api/profile/',
    ])
    // Request i cannot start before i/rate seconds after the run began (1 ms for timer rounding).
    arrivals.forEach((arrival, i) => {
      expect(arrival.at - started, `request ${i + 1}`).toBeGreaterThanOrEqual((i * 1000) / rate - 1)
    })
  })
})
