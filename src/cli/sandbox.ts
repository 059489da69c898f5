/**
 * `npm run sandbox`: starts the embedded sandbox on its own, prints its base URL and key, and with
 * --write-env writes the dotenv lines that point a remote run at it.
 */
import { APIS, apisNamed } from '../apis/all.ts'
import { renderSandboxEnv } from '../config/target-variables.ts'
import { HarnessError } from '../errors.ts'
import { createSandbox } from '../sandbox/create-sandbox.ts'
import { parseFaultFlag } from '../sandbox/faults.ts'
import { parseFlags } from './args.ts'
import type { CommandIo } from './io.ts'
import { assertWritable, writeAtomically } from './write-report.ts'

/** Usage text of the sandbox command. */
export const SANDBOX_USAGE = `Usage: subcontract sandbox [options]      (npm run sandbox -- [options])

Starts the stateful sandbox of each API on loopback until interrupted (Ctrl-C), one port per
API: ${APIS.map((api) => api.name).join(', ')}.

Options:
  --api <name>         only this API (repeatable; default: every API)
  --port <n>           the first API's port, the next ones follow (default 4010; 0 lets the OS
                       choose each)
  --host <addr>        address to bind (default 127.0.0.1)
  --seed <name>        seed under fixtures/seeds/<api>/ (default: default)
  --write-env <file>   write every target variable the sandbox has a value for to <file>
                       (base URLs, seeded keys, ids, tokens, customers, currencies)
  --real-clock         use the system clock instead of the fixed, deterministic one
  --no-self-check      skip validating every response against the contract (faster)
  --no-rate-limits     lift the emulated per-minute limits (load tests; the seeded
                       rate-limited key keeps its own)
  --fault <rule>       misbehave on purpose (repeatable): <operationId|*>:<kind>[:key=value,…]
                       kinds: latency, 429, 503, reset, truncate, malformed, slow-body
                       keys: times, probability, delayMs, retryAfterSeconds
  -h, --help           show this help

Examples:
  subcontract sandbox --port 4010
  subcontract sandbox --port 0 --write-env .env.sandbox
  subcontract sandbox --fault 'getProfile:429:times=3,retryAfterSeconds=1' --fault '*:latency:probability=0.1,delayMs=200'`

const FLAGS = {
  api: { type: 'string', multiple: true },
  port: { type: 'string' },
  host: { type: 'string' },
  seed: { type: 'string' },
  'write-env': { type: 'string' },
  'real-clock': { type: 'boolean' },
  'no-self-check': { type: 'boolean' },
  'no-rate-limits': { type: 'boolean' },
  fault: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const

/** Starts the sandbox; resolves with a stop function once it listens. */
export async function runSandbox(argv: string[], print: (line: string) => void) {
  const { values } = parseFlags(argv, FLAGS, 'Run subcontract sandbox --help for usage.')
  if (values.help === true) {
    print(SANDBOX_USAGE)
    return undefined
  }
  const port = Number(values.port ?? '4010')
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new HarnessError(
      'CLI_USAGE',
      `Failed to start the sandbox: --port "${values.port}" is not a port.`,
      {
        hint: 'pass a whole number from 0 to 65535.',
      },
    )
  }
  const envFile = values['write-env']
  // Checked before the sandbox listens: a bad path fails in a second, with nothing started.
  if (envFile !== undefined)
    assertWritable(
      envFile,
      'sandbox env file',
      'pass --write-env with a file in an existing, writable directory.',
    )
  const apis = apisNamed(values.api ?? [])
  const sandbox = await createSandbox({
    apis,
    port,
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values.seed === undefined ? {} : { seed: values.seed }),
    ...(values['real-clock'] === true ? { clock: 'system' as const } : {}),
    selfCheck: values['no-self-check'] !== true,
    ...(values['no-rate-limits'] === true ? { liftRateLimits: true } : {}),
    faults: (values.fault ?? []).map(parseFaultFlag),
    log: print,
  })
  const served = apis.flatMap((api) => {
    const info = sandbox.apis[api.name]
    return info === undefined ? [] : [{ api, info }]
  })
  // The env file exists before the "listening" line: a script that waits for that line can use it.
  if (envFile !== undefined) {
    try {
      writeAtomically(
        envFile,
        renderSandboxEnv(served.map(({ api, info }) => ({ spec: api, values: info.values }))),
      )
    } catch (error) {
      await sandbox.close()
      throw error
    }
  }
  for (const { api, info } of served) {
    print(`${api.title} sandbox listening on ${info.url}`)
    print(
      `  Authorization: ${api.auth.scheme} ${info.apiKey}   (a fixed, fake key that opens only this sandbox)`,
    )
  }
  if (envFile !== undefined) print(`  wrote ${envFile}`)
  return sandbox
}

/** The sandbox command: serves until SIGINT or SIGTERM, then closes and exits 0. */
export async function runSandboxCommand(argv: string[], io: CommandIo): Promise<number> {
  // Listening for the signals before the "listening" lines are printed: a script that stops the
  // sandbox as soon as it reads them must not find Node's default (an exit without the close).
  let stop: (signal: NodeJS.Signals) => void = () => {}
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    stop = resolve
  })
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  const sandbox = await runSandbox(argv, io.print).catch((error: unknown) => {
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
    throw error
  })
  if (sandbox === undefined) {
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
    return 0
  }
  const signal = await stopped
  io.print(`${signal}: stopping the sandbox`)
  await sandbox.close()
  return 0
}
