import { describe, expect, it } from 'vitest'
import { paceServerLimiter, startPaceServer } from './pace-server.ts'
import type { RateLimiter } from './rate-limiter.ts'

/** A limiter that counts its tokens and never waits. */
function counting(): RateLimiter & { taken: number } {
  const limiter = {
    taken: 0,
    take: async () => {
      limiter.taken += 1
    },
  }
  return limiter
}

describe('pace server', () => {
  it('hands out the tokens of one bucket to every process that asks', async () => {
    const shared = counting()
    const server = await startPaceServer(shared)
    try {
      const fallback = counting()
      const workerA = paceServerLimiter(server.url, fallback)
      const workerB = paceServerLimiter(server.url, fallback)
      await Promise.all([workerA.take(), workerB.take(), workerA.take(), workerB.take()])
      expect(shared.taken).toBe(4)
      expect(fallback.taken).toBe(0)
    } finally {
      await server.close()
    }
  })

  it('paces with its own bucket, never unpaced, once the server is gone', async () => {
    const server = await startPaceServer(counting())
    await server.close()
    const fallback = counting()
    const worker = paceServerLimiter(server.url, fallback)
    await worker.take()
    await worker.take()
    expect(fallback.taken).toBe(2)
  })
})
