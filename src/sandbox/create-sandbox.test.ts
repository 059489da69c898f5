import { once } from 'node:events'
import { connect, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { isHarnessError } from '../errors.ts'
import { createSandbox, type Sandbox, type SandboxOptions } from './create-sandbox.ts'

const PROFILE_PATH = '/api/v2/server-side-api/profile/'

/** A sandbox whose log lines a test can wait for (no sleeping). */
async function start(options: SandboxOptions = {}) {
  const lines: string[] = []
  const waiting: Array<{ pattern: RegExp; resolve: (line: string) => void }> = []
  const sandbox = await createSandbox({
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
  const { port, hostname } = new URL(sandbox.adapty.url)
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
    `Host: ${new URL(sandbox.adapty.url).host}`,
    `Authorization: Api-Key ${sandbox.adapty.apiKey}`,
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
    const res = await fetch(`${sandbox.adapty.url}${PROFILE_PATH}`, {
      headers: { authorization: `Api-Key ${sandbox.adapty.apiKey}`, 'adapty-profile-id': 'x' },
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
      createSandbox({ timeouts }).then(
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
