/**
 * One pace across processes. The vitest workers of a run are separate processes; each with its own
 * token bucket, N workers would send N times the configured rate. The process that owns the run
 * serves its bucket on a loopback port, and every worker takes its tokens from there, so the whole
 * run stays at SUBCONTRACT_RATE_LIMIT.
 */
import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { RateLimiter } from './rate-limiter.ts'

/** The variable that hands the pace server's URL to the run's workers. */
export const PACE_URL_VARIABLE = 'SUBCONTRACT_PACE_URL'

/** A running pace server. */
export interface PaceServer {
  url: string
  close(): Promise<void>
}

/** Serves `limiter` on 127.0.0.1 (a port the OS picks): each POST /take answers once a token is taken. */
export async function startPaceServer(limiter: RateLimiter): Promise<PaceServer> {
  const server = createServer((req, res) => {
    req.resume()
    void limiter.take().then(
      () => res.writeHead(204).end(),
      () => res.writeHead(500).end(),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/take`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/**
 * A limiter that takes its tokens from a pace server. If the server cannot be reached (the run
 * that served it is gone), it falls back to `fallback`, so a request is never sent unpaced.
 */
export function paceServerLimiter(url: string, fallback: RateLimiter): RateLimiter {
  let reachable = true
  // One short-lived loopback connection per token: nothing stays open to keep a worker alive.
  const takeRemote = () =>
    new Promise<boolean>((resolve) => {
      const req = request(url, { method: 'POST', agent: false, timeout: 60_000 }, (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode === 204))
      })
      req.on('timeout', () => req.destroy(new Error('pace server timed out')))
      req.on('error', () => resolve(false))
      req.end()
    })
  return {
    async take() {
      if (reachable && (await takeRemote())) return
      reachable = false
      await fallback.take()
    },
  }
}
