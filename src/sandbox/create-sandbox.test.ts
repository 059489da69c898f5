import { once } from 'node:events'
import { type AddressInfo, connect, createServer, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { adapty } from '../apis/adapty/api.ts'
import { isHarnessError } from '../errors.ts'
import {
  createSandbox,
  type Sandbox,
  type SandboxApi,
  type SandboxOptions,
} from './create-sandbox.ts'

const PROFILE_PATH = '/api/v2/server-side-api/profile/'

/** The sandbox's Adapty API (every sandbox here serves it). */
function adaptyOf(sandbox: Sandbox): SandboxApi {
  const served = sandbox.apis.adapty
  if (served === undefined) throw new Error('the sandbox does not serve adapty')
  return served
}

/** A sandbox whose log lines a test can wait for (no sleeping). */
async function start(options: Partial<SandboxOptions> = {}) {
  const lines: string[] = []
  const waiting: Array<{ pattern: RegExp; resolve: (line: string) => void }> = []
  const sandbox = await createSandbox({
    apis: [adapty],
    ...options,
    log: (line) => {
      lines.push(line)
      for (const w of waiting.filter((x) => x.pattern.test(line))) {
        waiting.splice(waiting.indexOf(w), 1)
        w.resolve(line)
      }
    },
  })
  const nextLine = (pattern: RegExp) =>
    new Promise<string>((resolve) => {
      const seen = lines.find((l) => pattern.test(l))
      if (seen !== undefined) resolve(seen)
      else waiting.push({ pattern, resolve })
    })
  return { sandbox, lines, nextLine }
}

/** Opens a raw connection and collects everything the server sends until it closes. */
async function rawSocket(sandbox: Sandbox) {
  const { port, hostname } = new URL(adaptyOf(sandbox).url)
  const socket = connect(Number(port), hostname)
  await once(socket, 'connect')
  let received = ''
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('latin1')
  })
  socket.on('error', () => {})
  const closed = once(socket, 'close').then(() => received)
  return { socket, closed }
}

function head(sandbox: Sandbox, contentLength: number, extra: string[] = []): string {
  return [
    `POST ${PROFILE_PATH} HTTP/1.1`,
    `Host: ${new URL(adaptyOf(sandbox).url).host}`,
    `Authorization: Api-Key ${adaptyOf(sandbox).apiKey}`,
    'Content-Type: application/json',
    `Content-Length: ${contentLength}`,
    ...extra,
    '',
    '',
  ].join('\r\n')
}

/** Resolves once the server has sent something (here: its `100 Continue`). */
const firstData = (socket: Socket) => once(socket, 'data').then(([chunk]) => String(chunk))

let running: Sandbox | undefined
afterEach(async () => {
  await running?.close()
  running = undefined
})

describe('a client that disconnects mid-request', () => {
  it.each<[string, (s: Socket) => void]>([
    ['closes the socket', (s) => s.destroy()],
    ['resets the socket (RST)', (s) => s.resetAndDestroy()],
  ])('%s: one log line, no crash, no self-check problem', async (_, hangUp) => {
    const { sandbox, lines, nextLine } = await start()
    running = sandbox
    const { socket, closed } = await rawSocket(sandbox)
    // Node answers `Expect: 100-continue` as it hands the request to the app: from then on the
    // app is handling it, and the client hangs up half-way through the body.
    const continued = firstData(socket)
    socket.write(head(sandbox, 100, ['Expect: 100-continue']))
    expect(await continued).toMatch(/^HTTP\/1\.1 100 Continue/)
    socket.write('{"first_name":')
    hangUp(socket)
    await closed
    const line = await nextLine(/disconnected|crashed/)
    expect(line).toBe(
      `[sandbox] the client disconnected during POST ${PROFILE_PATH} before sending the whole request; nothing was done.`,
    )
    expect(lines.join('\n')).not.toMatch(/crashed|\n\s+at /)
    expect(sandbox.selfCheck.problems).toEqual([])
    // The sandbox still answers the next client.
    const { url, apiKey } = adaptyOf(sandbox)
    const res = await fetch(`${url}${PROFILE_PATH}`, {
      headers: { authorization: `Api-Key ${apiKey}`, 'adapty-profile-id': 'x' },
    })
    expect(res.status).toBe(404)
  })
})

describe('slow and half-sent requests', () => {
  it('answers a half-sent body with 408 and closes the connection once requestMs has passed', async () => {
    const { sandbox, nextLine } = await start({ timeouts: { headersMs: 100, requestMs: 200 } })
    running = sandbox
    const { socket, closed } = await rawSocket(sandbox)
    const started = performance.now()
    socket.write(`${head(sandbox, 100)}{"first_name":`)
    const received = await closed
    expect(received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/)
    expect(performance.now() - started).toBeLessThan(5000)
    await nextLine(/disconnected|crashed/).then((line) => expect(line).toMatch(/disconnected/))
    expect(sandbox.selfCheck.problems).toEqual([])
  })

  it('answers half-sent headers with 408 and closes the connection once headersMs has passed', async () => {
    const { sandbox } = await start({ timeouts: { headersMs: 100, requestMs: 200 } })
    running = sandbox
    const { socket, closed } = await rawSocket(sandbox)
    socket.write(`GET ${PROFILE_PATH} HTTP/1.1\r\nHost: x\r\n`)
    expect(await closed).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/)
  })

  it('refuses timeouts that cannot work, naming the option', async () => {
    const fails = (timeouts: NonNullable<SandboxOptions['timeouts']>) =>
      createSandbox({ apis: [adapty], timeouts }).then(
        async (s) => {
          await s.close()
          return 'started'
        },
        (error: unknown) => (isHarnessError(error) ? error.describe() : String(error)),
      )
    expect(await fails({ requestMs: 0 })).toMatch(/timeouts\.requestMs must be a whole number/)
    expect(await fails({ headersMs: 500, requestMs: 200 })).toMatch(
      /headersMs \(500\) is longer than timeouts\.requestMs \(200\)\.\nFix: /,
    )
  })
})

describe('the served APIs', () => {
  const PAYWALLS = '/api/v2/server-side-api/paywalls/'
  const get = (url: string, key: string) =>
    fetch(url, { headers: { authorization: `Api-Key ${key}` } }).then((r) => r.status)

  it('serves each API by name, with every seeded value by variable name', async () => {
    const { sandbox } = await start()
    running = sandbox
    expect(Object.keys(sandbox.apis)).toEqual(['adapty'])
    const served = adaptyOf(sandbox)
    expect(served.name).toBe('adapty')
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const { values } = served
    expect(Object.keys(values).sort()).toEqual(
      [
        'ADAPTY_BASE_URL',
        'ADAPTY_SECRET_API_KEY',
        'ADAPTY_PAYWALL_ID',
        'ADAPTY_STRIPE_TOKEN',
        'ADAPTY_STRIPE_ONE_TIME_TOKEN',
        'ADAPTY_PADDLE_TOKEN',
        'ADAPTY_CUSTOMER_USER_ID',
        'ADAPTY_VC_CURRENCY_CODES',
        'ADAPTY_VC_DISABLED_API_KEY',
        'ADAPTY_VC_LIMITED_API_KEY',
        'ADAPTY_PADDLE_UNCONFIGURED_API_KEY',
      ].sort(),
    )
    // Every value is one of the API's declared variables, so --write-env and the suites agree.
    const declared = adapty.target.variables.map((v) => v.name)
    for (const name of Object.keys(values)) expect(declared, name).toContain(name)
    expect(values.ADAPTY_BASE_URL).toBe(served.url)
    expect(values.ADAPTY_SECRET_API_KEY).toBe(served.apiKey)
    expect(values.ADAPTY_VC_CURRENCY_CODES?.split(',').length).toBeGreaterThanOrEqual(3)
    // The seeded values open the sandbox: the paywall exists, the other apps' keys authenticate.
    expect(await get(`${served.url}${PAYWALLS}${values.ADAPTY_PAYWALL_ID}/`, served.apiKey)).toBe(
      200,
    )
    expect(await get(`${served.url}${PAYWALLS}`, values.ADAPTY_VC_DISABLED_API_KEY ?? '')).toBe(200)
    expect(await get(`${served.url}${PAYWALLS}`, values.ADAPTY_VC_LIMITED_API_KEY ?? '')).toBe(200)
    expect(await get(`${served.url}${PAYWALLS}`, 'not-a-seeded-key')).toBe(401)
  })

  it('replaces a seeded key by key name, per API', async () => {
    const canary = 'canary-key-0123456789abcdef'
    const { sandbox } = await start({ apiKeys: { adapty: { main: canary } } })
    running = sandbox
    const served = adaptyOf(sandbox)
    expect(served.apiKey).toBe(canary)
    expect(served.values.ADAPTY_SECRET_API_KEY).toBe(canary)
    expect(await get(`${served.url}${PAYWALLS}`, canary)).toBe(200)
    expect(await get(`${served.url}${PAYWALLS}`, 'subcontract_adapty_sandbox_key_main')).toBe(401)
  })

  it('gives the first API the port and the next ones the ports after it; 0 lets the OS pick each', async () => {
    // A second API on the same emulator, so that two listeners start.
    const second = { ...adapty, name: 'revenuecat' as const }
    const base = await freePortPair()
    const fixed = await createSandbox({ apis: [adapty, second], port: base })
    try {
      expect(new URL(fixed.apis.adapty?.url ?? '').port).toBe(String(base))
      expect(new URL(fixed.apis.revenuecat?.url ?? '').port).toBe(String(base + 1))
    } finally {
      await fixed.close()
    }
    const picked = await createSandbox({ apis: [adapty, second], port: 0 })
    try {
      const ports = [picked.apis.adapty?.url, picked.apis.revenuecat?.url].map((u) =>
        Number(new URL(u ?? '').port),
      )
      expect(ports.every((p) => p > 0)).toBe(true)
      expect(new Set(ports).size).toBe(2)
    } finally {
      await picked.close()
    }
  })

  it('closes what it opened when a later listener cannot start', async () => {
    const second = { ...adapty, name: 'revenuecat' as const }
    const base = await freePortPair()
    const blocker = createServer().listen(base + 1, '127.0.0.1')
    await once(blocker, 'listening')
    try {
      const error = await createSandbox({ apis: [adapty, second], port: base }).then(
        async (s) => {
          await s.close()
          return undefined
        },
        (e: unknown) => e,
      )
      expect(isHarnessError(error) && error.code).toBe('SANDBOX_PORT_IN_USE')
      // The first API's port is free again.
      const probe = createServer().listen(base, '127.0.0.1')
      await once(probe, 'listening')
      await new Promise((resolve) => probe.close(resolve))
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
    }
  })
})

/** A port p such that p and p + 1 were both free a moment ago. */
async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const first = createServer().listen(0, '127.0.0.1')
    await once(first, 'listening')
    const port = (first.address() as AddressInfo).port
    const second = createServer()
    const free = await new Promise<boolean>((resolve) => {
      second.once('error', () => resolve(false))
      second.listen(port + 1, '127.0.0.1', () => resolve(true))
    })
    await new Promise((resolve) => first.close(resolve))
    if (free) await new Promise((resolve) => second.close(resolve))
    if (free && port < 65535) return port
  }
  throw new Error('found no two free consecutive ports')
}
