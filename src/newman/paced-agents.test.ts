// The paced agents hold each request until the limiter lets it go, for http and https alike.
import { createServer, get as httpGet } from 'node:http'
import { get as httpsGet } from 'node:https'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import type { RateLimiter } from '../http/rate-limiter.ts'
import { createPacedAgents } from './paced-agents.ts'

/** A limiter that lets each request go only when the test says so, logging what happens. */
function gate(log: string[]) {
  let release: () => void = () => {}
  let asked: () => void = () => {}
  const takeCalled = new Promise<void>((resolve) => {
    asked = resolve
  })
  const limiter: RateLimiter = {
    take: () =>
      new Promise<void>((resolve) => {
        log.push('take')
        release = () => {
          log.push('release')
          resolve()
        }
        asked()
      }),
  }
  return { limiter, takeCalled, release: () => release() }
}

describe('createPacedAgents', () => {
  it('sends no http request before the limiter lets it go', async () => {
    const log: string[] = []
    const server = createServer((_req, res) => {
      log.push('arrived')
      res.end('ok')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    const { limiter, takeCalled, release } = gate(log)
    const paced = createPacedAgents({ limiter })
    const answered = new Promise<number>((resolve, reject) => {
      httpGet({ host: '127.0.0.1', port, path: '/', agent: paced.agents.http }, (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      }).on('error', reject)
    })
    await takeCalled
    expect(log).toEqual(['take'])
    release()
    expect(await answered).toBe(200)
    expect(log).toEqual(['take', 'release', 'arrived'])
    paced.destroy()
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  it('holds https requests too', async () => {
    const log: string[] = []
    const { limiter, takeCalled, release } = gate(log)
    const paced = createPacedAgents({ limiter })
    // A port the OS gave out and took back: the request fails, but only after the limiter let it go.
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const { port } = closed.address() as AddressInfo
    await new Promise((resolve) => closed.close(resolve))
    const failed = new Promise<void>((resolve) => {
      httpsGet({ host: '127.0.0.1', port, path: '/', agent: paced.agents.https }).on(
        'error',
        () => {
          log.push('error')
          resolve()
        },
      )
    })
    await takeCalled
    release()
    await failed
    expect(log).toEqual(['take', 'release', 'error'])
    paced.destroy()
  })
})
