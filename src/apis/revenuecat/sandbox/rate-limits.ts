/**
 * RevenueCat's per-domain rate limits, per API key, on the sandbox's injected clock: each key and
 * domain has a fixed one-minute window that opens with its first request (S-6). No timers.
 */
import type { MiddlewareHandler } from 'hono'
import type { SandboxEnv } from '../../../api/api-definition.ts'
import { HarnessError } from '../../../errors.ts'
import type { Operation } from '../../../registry/types.ts'
import { respond } from './errors.ts'

/** The length of a rate-limit window. */
export const WINDOW_MS = 60_000

/** The vendor's limits in requests per minute, by `x-revenuecat-rate-limiting-domain`. */
export const RATE_LIMITS: Readonly<Record<string, number>> = {
  customer_information: 480,
  project_configuration: 60,
  charts_metrics: 5,
  virtual_currencies_create_transaction: 480,
}

/** The response headers a success carries (names as the spec writes them). */
export const USAGE_HEADER = 'RevenueCat-Rate-Limit-Current-Usage'
export const LIMIT_HEADER = 'RevenueCat-Rate-Limit-Current-Limit'

/**
 * How one sandbox departs from the vendor's limits, so suites are not slowed by them: `scale`
 * multiplies every limit (rounded up), `limits` replaces some outright (after scaling).
 */
export interface RateLimitOptions {
  scale?: number
  limits?: Readonly<Record<string, number>>
}

/** The limits one sandbox applies, by domain. */
export function resolveLimits(options: RateLimitOptions = {}): Record<string, number> {
  const scale = options.scale ?? 1
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new HarnessError(
      'SANDBOX_INTERNAL',
      `Failed to configure RevenueCat rate limits: scale must be a number above 0, not ${String(scale)}.`,
      { hint: 'leave it out for the vendor limits, or give 10 for ten times as many requests.' },
    )
  }
  const limits: Record<string, number> = {}
  for (const [domain, limit] of Object.entries(RATE_LIMITS))
    limits[domain] = Math.ceil(limit * scale)
  for (const [domain, limit] of Object.entries(options.limits ?? {})) {
    if (!Number.isSafeInteger(limit) || limit < 1) {
      throw new HarnessError(
        'SANDBOX_INTERNAL',
        `Failed to configure RevenueCat rate limits: limits.${domain} must be a whole number from 1, not ${String(limit)}.`,
        { hint: 'give requests per minute, such as 5.' },
      )
    }
    limits[domain] = limit
  }
  return limits
}

/** What counting one request decided. */
export type RateLimitOutcome =
  | { ok: true; usage: number; limit: number }
  | { ok: false; usage: number; limit: number; retryAfterSeconds: number }

/** The state of one key's window in one domain, for the control route. */
export interface RateLimitUsage {
  apiKey: string
  domain: string
  usage: number
  limit: number
  /** When the window closes (ms since epoch). */
  resetsAt: number
}

/** Counts requests per API key and domain. */
export interface RateLimiter {
  readonly limits: Readonly<Record<string, number>>
  /** Counts one request, or refuses it when the window is full (refused requests do not count). */
  hit(apiKey: string, domain: string): RateLimitOutcome
  /** The open windows (closed ones are left out). */
  usage(): RateLimitUsage[]
  /** Fills a key's window in a domain, as if it had sent its whole limit (sandbox control). */
  fill(apiKey: string, domain: string): void
  /** Forgets every window. */
  reset(): void
}

/**
 * Creates a rate limiter on an injected clock. Domains without a limit are never refused. A key
 * in `perKey` has that limit in every domain instead (the seed's `rate-limited` key, so that a
 * suite can provoke 429 on every operation with two requests).
 */
export function createRateLimiter(
  clock: { now(): Date },
  limits: Readonly<Record<string, number>> = RATE_LIMITS,
  perKey: ReadonlyMap<string, number> = new Map(),
): RateLimiter {
  const windows = new Map<
    string,
    { apiKey: string; domain: string; start: number; count: number }
  >()
  const open = (apiKey: string, domain: string, now: number) => {
    const key = `${domain} ${apiKey}`
    const current = windows.get(key)
    if (current !== undefined && now < current.start + WINDOW_MS) return current
    const fresh = { apiKey, domain, start: now, count: 0 }
    windows.set(key, fresh)
    return fresh
  }
  return {
    limits,
    hit(apiKey, domain) {
      const domainLimit = limits[domain] ?? Number.POSITIVE_INFINITY
      const limit = perKey.get(apiKey) ?? domainLimit
      const now = clock.now().getTime()
      const window = open(apiKey, domain, now)
      if (window.count >= limit) {
        const retryAfterSeconds = Math.max(1, Math.ceil((window.start + WINDOW_MS - now) / 1000))
        return { ok: false, usage: window.count, limit, retryAfterSeconds }
      }
      window.count += 1
      return { ok: true, usage: window.count, limit }
    },
    usage() {
      const now = clock.now().getTime()
      return [...windows.values()]
        .filter((w) => now < w.start + WINDOW_MS)
        .map((w) => ({
          apiKey: w.apiKey,
          domain: w.domain,
          usage: w.count,
          limit: perKey.get(w.apiKey) ?? limits[w.domain] ?? Number.POSITIVE_INFINITY,
          resetsAt: w.start + WINDOW_MS,
        }))
    },
    fill(apiKey, domain) {
      const limit = perKey.get(apiKey) ?? limits[domain]
      if (limit === undefined) return
      const window = open(apiKey, domain, clock.now().getTime())
      window.count = Math.max(window.count, limit)
    },
    reset() {
      windows.clear()
    },
  }
}

/**
 * The sandbox middleware: counts every authenticated request of an operation in its key's
 * domain window (whatever the route answers, S-7), refuses a full window with 429 and
 * Retry-After, and writes the two usage headers on 2xx answers and on the 429.
 */
export function createRateLimitMiddleware(limiter: RateLimiter): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const op = c.get('op') as Operation | undefined
    const domain = op?.rateLimitDomain
    // Control routes have no operation; an operation without a limited domain is not counted.
    if (op === undefined || domain === undefined || limiter.limits[domain] === undefined)
      return next()
    const outcome = limiter.hit(c.get('apiKey'), domain)
    if (!outcome.ok) {
      c.header(USAGE_HEADER, String(outcome.usage))
      c.header(LIMIT_HEADER, String(outcome.limit))
      const message = `Rate limit of ${outcome.limit} requests per minute exceeded for the ${domain} domain; retry in ${outcome.retryAfterSeconds} s.`
      return respond(
        c,
        { kind: 'rate-limited', message, retryAfterSeconds: outcome.retryAfterSeconds },
        op,
      )
    }
    await next()
    if (c.res.status >= 200 && c.res.status < 300) {
      // Set on the answer in place: c.header() after the handler would rebuild the Response
      // around its body stream, which costs the node server its fast path (and the self-check
      // its view of what the handler answered).
      c.res.headers.set(USAGE_HEADER, String(outcome.usage))
      c.res.headers.set(LIMIT_HEADER, String(outcome.limit))
    }
  }
}
