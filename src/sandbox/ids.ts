/** Injectable, seeded id generation: the same seed gives the same ids, run after run. */

/** A source of ids for the sandbox. */
export interface Ids {
  /** A random-looking RFC 4122 version 4 UUID. */
  uuid(): string
  /** A short opaque token with a prefix, such as `cur_…`. */
  token(prefix: string): string
}

/** mulberry32: a tiny, well-known seeded PRNG; plenty for ids that only need to be unique. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0').slice(-width)
}

/** Creates a seeded id source. */
export function createIds(seed = 1): Ids {
  const next = mulberry32(seed)
  return {
    uuid() {
      const a = next()
      const b = next()
      const c = next()
      const d = next()
      const variant = (8 + (c >>> 30)).toString(16)
      return `${hex(a, 8)}-${hex(b >>> 16, 4)}-4${hex(b, 3)}-${variant}${hex(c, 3)}-${hex(d, 8)}${hex(c >>> 12, 4)}`
    },
    token(prefix) {
      return `${prefix}_${hex(next(), 8)}${hex(next(), 8)}`
    },
  }
}
