/**
 * The one way to build a client for a target from the run configuration: the configured timeouts,
 * the retry policy and, on a remote target, the configured pace. The suites (tests/support/
 * target.ts), teardown and `subcontract cleanup` all use it, so nothing the harness sends is
 * unpaced or without timeouts.
 */
import type { Config } from '../config/load-config.ts'
import type { ApiName } from '../registry/types.ts'
import { type Client, createClient } from './create-client.ts'
import { createRateLimiter, type RateLimiter, UNLIMITED } from './rate-limiter.ts'
import type { RetryOptions } from './retry-policy.ts'

/** Where to send: a base URL and its key. */
export interface TargetEndpoint {
  baseUrl: string
  apiKey: string
}

/** The API (default adapty), and test seams: a limiter, retry settings and a sleep of your own. */
export interface TargetClientOptions {
  api?: ApiName
  limiter?: RateLimiter
  retry?: Partial<RetryOptions>
  sleep?: (ms: number) => Promise<void>
}

const limiters = new Map<number, RateLimiter>()

/**
 * The pace of this process for the configured target: one token bucket per process (every client
 * of the process shares it), none for the embedded sandbox.
 */
export function paceFor(config: Config): RateLimiter {
  if (config.target !== 'remote') return UNLIMITED
  const rate = config.transport.requestsPerSecond
  let limiter = limiters.get(rate)
  if (limiter === undefined) {
    limiter = createRateLimiter({ ratePerSecond: rate, burst: Math.max(1, Math.floor(rate)) })
    limiters.set(rate, limiter)
  }
  return limiter
}

/** A client for the target (default: the configured remote) with the configured transport. */
export function createTargetClient(
  config: Config,
  endpoint: TargetEndpoint | undefined = config.adapty,
  options: TargetClientOptions = {},
): Client {
  if (endpoint === undefined) {
    throw new Error('createTargetClient: no endpoint, and the configuration has no remote target')
  }
  const { transport } = config
  return createClient({
    api: options.api ?? 'adapty',
    baseUrl: endpoint.baseUrl,
    authorization: `Api-Key ${endpoint.apiKey}`,
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
