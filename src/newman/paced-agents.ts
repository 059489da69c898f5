/**
 * HTTP(S) agents that pace every request Newman sends: the collection's requests and the
 * pm.sendRequest calls of its scripts alike. Newman's own `delayRequest` only waits between
 * collection items, so a script's requests would go out unpaced; the agent sees them all.
 */
import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import { createRateLimiter, type RateLimiter } from '../http/rate-limiter.ts'

/** The agents newman takes as `requestAgents`, and a way to free their sockets after the run. */
export interface PacedAgents {
  agents: { http: HttpAgent; https: HttpsAgent }
  destroy(): void
}

// Node's Agent hands every ClientRequest to addRequest (undocumented but stable, and the hook
// agent-base and the proxy agents build on). Deferring it delays the request before its first
// byte is written, whether it gets a new socket or a kept-alive one.
type AddRequest = (request: unknown, options: unknown) => void

function paced<A extends HttpAgent>(agent: A, limiter: RateLimiter): A {
  const internal = agent as unknown as { addRequest: AddRequest }
  const addRequest = internal.addRequest.bind(agent)
  internal.addRequest = (request, options) => {
    void limiter.take().then(() => addRequest(request, options))
  }
  return agent
}

/**
 * Agents that let at most `requestsPerSecond` requests start per second, evenly spaced (a token
 * bucket with a burst of one), shared by http and https; or paced by a limiter of the caller's.
 */
export function createPacedAgents(
  options: { requestsPerSecond: number } | { limiter: RateLimiter },
): PacedAgents {
  const limiter =
    'limiter' in options
      ? options.limiter
      : createRateLimiter({ ratePerSecond: options.requestsPerSecond, burst: 1 })
  const http = paced(new HttpAgent({ keepAlive: true }), limiter)
  const https = paced(new HttpsAgent({ keepAlive: true }), limiter)
  return {
    agents: { http, https },
    destroy: () => {
      http.destroy()
      https.destroy()
    },
  }
}
