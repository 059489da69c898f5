/**
 * When and how long to wait before retrying. 429 is retried on every method (the server did not
 * act); 502/503/504 and connection failures only when the request is idempotent (GET, PUT,
 * DELETE, HEAD, OPTIONS, or a POST carrying an Idempotency-Key). Backoff is exponential, capped,
 * with full jitter, inside a total budget.
 */

/** Retry settings; every field has a default below. */
export interface RetryOptions {
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
  /** Total time the retries of one call may wait. */
  budgetMs: number
  /** Source of jitter in [0, 1); injectable for deterministic tests. */
  random: () => number
}

/** Defaults sized for real APIs: 4 attempts, 250 ms doubling to at most 8 s, 30 s budget. */
export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  budgetMs: 30_000,
  random: Math.random,
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'])
const RETRYABLE_STATUSES = new Set([502, 503, 504])

/** True when repeating the request cannot apply it twice. */
export function isIdempotent(method: string, headers: Readonly<Record<string, string>>): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase()) || headers['idempotency-key'] !== undefined
}

/** Reads Retry-After (seconds or an HTTP date) as milliseconds from `now`. */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** RevenueCat's `backoff_ms` in an error body, if present. */
export function backoffMsFromBody(json: unknown): number | undefined {
  const value = (json as { backoff_ms?: unknown } | undefined)?.backoff_ms
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined
}

/** Exponential backoff with full jitter for the given attempt (1-based), capped. */
export function backoffMs(attempt: number, options: RetryOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1))
  return Math.round(options.random() * ceiling)
}

/** Why a response or error may be retried, or undefined when it may not. */
export function retryReason(
  outcome: { status: number } | { error: NodeJS.ErrnoException },
  idempotent: boolean,
): string | undefined {
  if ('status' in outcome) {
    if (outcome.status === 429) return 'status 429'
    if (RETRYABLE_STATUSES.has(outcome.status) && idempotent) return `status ${outcome.status}`
    return undefined
  }
  return idempotent ? `connection error ${outcome.error.code ?? outcome.error.name}` : undefined
}
