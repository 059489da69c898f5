/**
 * A client-side token bucket per API, so a run stays below the vendor's limits instead of
 * discovering them through 429s. Small enough that a dependency would add more than it saves.
 */

/** The limiter a client awaits before each request. */
export interface RateLimiter {
  take(): Promise<void>
}

/** Creates a token bucket: `ratePerSecond` sustained, `burst` at once; time and sleep injectable. */
export function createRateLimiter(options: {
  ratePerSecond: number
  burst: number
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}): RateLimiter {
  const now = options.now ?? (() => performance.now())
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  let tokens = options.burst
  let last = now()
  let queue = Promise.resolve()
  const refill = () => {
    const t = now()
    tokens = Math.min(options.burst, tokens + ((t - last) / 1000) * options.ratePerSecond)
    last = t
  }
  return {
    take() {
      // Callers are served in order: each waits for the one before it.
      const turn = queue.then(async () => {
        refill()
        if (tokens < 1) {
          await sleep(Math.ceil(((1 - tokens) / options.ratePerSecond) * 1000))
          refill()
        }
        tokens -= 1
      })
      queue = turn.catch(() => {})
      return turn
    },
  }
}

/** A limiter that never waits (the embedded sandbox). */
export const UNLIMITED: RateLimiter = { take: () => Promise.resolve() }
