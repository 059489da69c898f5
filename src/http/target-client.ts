/**
 * The one way to build a client for a target from the run configuration: the configured timeouts,
 * the retry policy and, on a remote target, the configured pace. The suites (tests/support/
 * target.ts), teardown and `subcontract cleanup` all use it, so nothing the harness sends is
 * unpaced or without timeouts.
 */
import type { ApiDefinition } from '../api/api-definition.ts'
import type { Config } from '../config/load-config.ts'
import { type Client, createClient } from './create-client.ts'
import { PACE_URL_VARIABLE, paceServerLimiter, startPaceServer } from './pace-server.ts'
import { createRateLimiter, type RateLimiter, UNLIMITED } from './rate-limiter.ts'
import type { RetryOptions } from './retry-policy.ts'

/** Where to send: a base URL and its key. */
export interface TargetEndpoint {
  baseUrl: string
  apiKey: string
}

/** Test seams: a limiter, retry settings and a sleep of your own. */
export interface TargetClientOptions {
  limiter?: RateLimiter
  retry?: Partial<RetryOptions>
  sleep?: (ms: number) => Promise<void>
}

const buckets = new Map<number, RateLimiter>()
const served = new Map<string, RateLimiter>()

/** This process's token bucket for a rate (one per process and rate). */
function bucket(rate: number): RateLimiter {
  let limiter = buckets.get(rate)
  if (limiter === undefined) {
    limiter = createRateLimiter({ ratePerSecond: rate, burst: Math.max(1, Math.floor(rate)) })
    buckets.set(rate, limiter)
  }
  return limiter
}

/**
 * The pace of this process for the configured target, shared by every client of the process:
 * the run's pace server when the run has one (in its workers), else this process's token bucket;
 * none for the embedded sandbox.
 */
export function paceFor(config: Config): RateLimiter {
  if (config.target !== 'remote') return UNLIMITED
  const rate = config.transport.requestsPerSecond
  const url = config.transport.paceUrl
  if (url === undefined) return bucket(rate)
  let limiter = served.get(url)
  if (limiter === undefined) {
    limiter = paceServerLimiter(url, bucket(rate))
    served.set(url, limiter)
  }
  return limiter
}

/**
 * Serves this process's token bucket to the processes it starts (the run's test workers), so the
 * whole run keeps one pace: returns the variables to hand them and a close function. The embedded
 * sandbox needs no pace: nothing is served.
 */
export async function serveRunPace(
  config: Config,
): Promise<{ env: Record<string, string>; close(): Promise<void> }> {
  if (config.target !== 'remote') return { env: {}, close: async () => {} }
  const server = await startPaceServer(bucket(config.transport.requestsPerSecond))
  return { env: { [PACE_URL_VARIABLE]: server.url }, close: () => server.close() }
}

/**
 * A client for one API of the target (default: its configured remote endpoint) with the
 * configured transport; the key goes in `Authorization: <the API's scheme> <key>`.
 */
export function createTargetClient(
  config: Config,
  api: Pick<ApiDefinition, 'name' | 'operations' | 'auth'>,
  endpoint: TargetEndpoint | undefined = config.targets[api.name],
  options: TargetClientOptions = {},
): Client {
  if (endpoint === undefined) {
    throw new Error(
      `createTargetClient: no endpoint, and the configuration has no remote target for ${api.name}`,
    )
  }
  const { transport } = config
  return createClient({
    api,
    baseUrl: endpoint.baseUrl,
    authorization: `${api.auth.scheme} ${endpoint.apiKey}`,
    timeouts: {
      connectMs: transport.connectTimeoutMs,
      headersMs: transport.headersTimeoutMs,
      bodyMs: transport.bodyTimeoutMs,
    },
    limiter: options.limiter ?? paceFor(config),
    ...(options.retry === undefined ? {} : { retry: options.retry }),
    ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
  })
}
