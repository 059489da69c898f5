/** Injectable time for the sandbox: a fixed, steppable clock in tests, the system clock otherwise. */

/** A source of the current time. Routes and state never call Date.now() themselves. */
export interface Clock {
  now(): Date
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() }

/** A clock frozen at `start` that moves only when `advance` is called. */
export function createFixedClock(start: Date | string = '2026-01-15T12:00:00.000Z'): Clock & {
  advance(ms: number): void
  set(to: Date | string): void
} {
  let current = new Date(start).getTime()
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms
    },
    set: (to) => {
      current = new Date(to).getTime()
    },
  }
}
