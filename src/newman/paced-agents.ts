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
  /**
   * Fails every request not yet sent, and every later one, at once (Newman has no abort of its
   * own): an interrupted run's collection ends in moments instead of sending the rest.
   */
  abort(reason: string): void
}

// Node's Agent hands every ClientRequest to addRequest (undocumented but stable, and the hook
// agent-base and the proxy agents build on). Deferring it delays the request before its first
// byte is written, whether it gets a new socket or a kept-alive one.
type AddRequest = (request: unknown, options: unknown) => void

function paced<A extends HttpAgent>(
  agent: A,
  limiter: RateLimiter,
  aborted: () => string | undefined,
): A {
  const internal = agent as unknown as { addRequest: AddRequest }
  const addRequest = internal.addRequest.bind(agent)
  const refuse = (request: unknown, reason: string) =>
    (request as { destroy(error: Error): void }).destroy(new Error(reason))
  internal.addRequest = (request, options) => {
    const before = aborted()
    if (before !== undefined) return refuse(request, before)
    void limiter.take().then(() => {
      const after = aborted()
      if (after !== undefined) refuse(request, after)
      else addRequest(request, options)
    })
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
  let abortReason: string | undefined
  const aborted = () => abortReason
  const http = paced(new HttpAgent({ keepAlive: true }), limiter, aborted)
  const https = paced(new HttpsAgent({ keepAlive: true }), limiter, aborted)
  const destroy = () => {
    http.destroy()
    https.destroy()
  }
  return {
    agents: { http, https },
    destroy,
    abort: (reason) => {
      abortReason = reason
      destroy()
    },
  }
}
