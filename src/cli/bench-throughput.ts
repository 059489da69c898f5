/**
 * Sandbox throughput for `npm run bench`: one read operation per API under 10 connections over
 * loopback, with the self-check on (as users run the sandbox) and off, each measured in several
 * fresh sandbox processes. On this 2-core machine one process can differ from the next by ±30%
 * (JIT and host noise), so a figure is the median of the trials, printed with their range.
 * autocannon always runs; wrk (a C client that leaves more CPU to the server) runs beside it
 * when it is installed.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import autocannon from 'autocannon'
import dotenv from 'dotenv'
import { apiNamed, OPERATIONS } from '../apis/all.ts'
import { variableOf } from '../config/target-variables.ts'
import { buildPath } from '../registry/operations.ts'
import type { ApiName } from '../registry/types.ts'

/** One operation to load, resolved against a running sandbox's values. */
export interface LoadTarget {
  api: ApiName
  operationId: string
  /** The request path and headers, from the sandbox's published values. */
  request(values: Readonly<Record<string, string>>): {
    path: string
    headers: Record<string, string>
  }
}

/** The path and Authorization of `operationId` on a sandbox of `api`, from the registry and its values. */
function requestOf(
  name: ApiName,
  operationId: string,
  values: Readonly<Record<string, string>>,
  params: Readonly<Record<string, string>>,
  headers: Readonly<Record<string, string>> = {},
) {
  const api = apiNamed(name)
  const key = values[variableOf(api, 'apiKey').name] ?? ''
  return {
    path: `${api.basePath}${buildPath(OPERATIONS.get(name, operationId), params)}`,
    headers: { authorization: `${api.auth.scheme} ${key}`, ...headers },
  }
}

export const LOAD_TARGETS: readonly LoadTarget[] = [
  {
    api: 'adapty',
    operationId: 'getProfile',
    request: (values) =>
      requestOf(
        'adapty',
        'getProfile',
        values,
        {},
        {
          'adapty-customer-user-id': values.ADAPTY_CUSTOMER_USER_ID ?? 'subcontract-seed-premium',
        },
      ),
  },
  {
    api: 'revenuecat',
    operationId: 'get-customer',
    request: (values) =>
      requestOf('revenuecat', 'get-customer', values, {
        project_id: values.REVENUECAT_PROJECT_ID ?? '',
        customer_id: values.REVENUECAT_CUSTOMER_ID ?? 'subcontract-bench',
      }),
  },
]

/** One trial: one fresh sandbox process, one client. */
export interface Trial {
  requestsPerSecond: number
  totalRequests: number
  latencyP50Ms: number
  latencyP99Ms: number
  errors: number
  non2xx: number
}

/** The figure for one operation, client and self-check setting. */
export interface ThroughputFigure {
  api: ApiName
  operationId: string
  client: 'autocannon' | 'wrk'
  selfCheck: boolean
  connections: number
  durationSeconds: number
  /** The median of the trials' requests per second. */
  requestsPerSecond: number
  minRequestsPerSecond: number
  maxRequestsPerSecond: number
  trials: Trial[]
}

/** Why an operation was not measured (it answers something other than its success). */
export interface ThroughputSkip {
  api: ApiName
  operationId: string
  skipped: string
}

const CONNECTIONS = 10

/** A sandbox process of the bench, with the env file its --write-env wrote (removed on stop). */
export interface RunningSandbox {
  origin: string
  values: Record<string, string>
  envFile: string
  stop(): Promise<void>
}

/** Starts `subcontract sandbox --api <api>` in its own process; `extra` adds flags (faults). */
export async function startSandbox(
  api: ApiName,
  selfCheck: boolean,
  extra: readonly string[] = [],
): Promise<RunningSandbox> {
  const dir = mkdtempSync(join(tmpdir(), 'subcontract-bench-env-'))
  const envFile = join(dir, '.env')
  // Without the limits: a load test of RevenueCat would otherwise measure its 429s.
  const args = [
    '--',
    'bin/subcontract.js',
    'sandbox',
    '--api',
    api,
    '--port',
    '0',
    '--no-rate-limits',
    ...extra,
  ]
  if (!selfCheck) args.push('--no-self-check')
  args.push('--write-env', envFile)
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    child.kill('SIGTERM')
    await exited
    rmSync(dir, { recursive: true, force: true })
  }
  for await (const line of createInterface({ input: child.stdout })) {
    const match = /listening on (http:\/\/[^/\s]+)/.exec(line)
    if (match?.[1] !== undefined) {
      const values = dotenv.parse(readFileSync(envFile, 'utf8'))
      return { origin: match[1], values, envFile, stop }
    }
  }
  await stop()
  throw new Error(
    `Failed to start the ${api} sandbox for the benchmark: it exited before listening.`,
  )
}

async function autocannonTrial(
  url: string,
  headers: Record<string, string>,
  seconds: number,
): Promise<Trial> {
  // Warm-up: let the JIT settle before the measured run.
  await autocannon({ url, connections: CONNECTIONS, duration: 1, headers })
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers })
  return {
    requestsPerSecond: Math.round(result.requests.average),
    totalRequests: result.requests.total,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  }
}

function wrkTrial(url: string, headers: Record<string, string>, seconds: number): Trial {
  const flags = Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`])
  spawnSync('wrk', ['-t1', `-c${CONNECTIONS}`, '-d1s', ...flags, url], { encoding: 'utf8' })
  const run = spawnSync(
    'wrk',
    ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', ...flags, url],
    { encoding: 'utf8' },
  )
  const number = (pattern: RegExp) => Number(pattern.exec(run.stdout)?.[1] ?? Number.NaN)
  const ms = (pattern: RegExp) => {
    const match = pattern.exec(run.stdout)
    if (match === null) return Number.NaN
    const value = Number(match[1])
    return match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value
  }
  return {
    requestsPerSecond: Math.round(number(/Requests\/sec:\s+([\d.]+)/)),
    totalRequests: number(/(\d+) requests in/),
    latencyP50Ms: ms(/50%\s+([\d.]+)(us|ms|s)/),
    latencyP99Ms: ms(/99%\s+([\d.]+)(us|ms|s)/),
    errors: number(/Socket errors: connect (\d+)/) || 0,
    non2xx: number(/Non-2xx or 3xx responses: (\d+)/) || 0,
  }
}

/** True when wrk is on the PATH. */
export function hasWrk(): boolean {
  return spawnSync('wrk', ['--version'], { encoding: 'utf8' }).error === undefined
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : Math.round(((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2)
}

/**
 * Measures one operation: `trials` fresh sandbox processes per self-check setting and client.
 * Skips an operation whose answer is not a 2xx (one the sandbox does not emulate yet).
 */
export async function measureThroughput(
  target: LoadTarget,
  options: { seconds: number; trials: number; clients: ReadonlyArray<'autocannon' | 'wrk'> },
): Promise<ThroughputFigure[] | ThroughputSkip> {
  const probe = await startSandbox(target.api, true)
  try {
    const { path, headers } = target.request(probe.values)
    const res = await fetch(`${probe.origin}${path}`, { headers })
    await res.arrayBuffer()
    if (res.status < 200 || res.status > 299)
      return {
        api: target.api,
        operationId: target.operationId,
        skipped: `the sandbox answers ${res.status}${res.status === 501 ? ' (not emulated yet)' : ''}, not a success`,
      }
  } finally {
    await probe.stop()
  }
  const figures: ThroughputFigure[] = []
  for (const client of options.clients) {
    for (const selfCheck of [true, false]) {
      const trials: Trial[] = []
      for (let i = 0; i < options.trials; i++) {
        const sandbox = await startSandbox(target.api, selfCheck)
        try {
          const { path, headers } = target.request(sandbox.values)
          const url = `${sandbox.origin}${path}`
          trials.push(
            client === 'wrk'
              ? wrkTrial(url, headers, options.seconds)
              : await autocannonTrial(url, headers, options.seconds),
          )
        } finally {
          await sandbox.stop()
        }
      }
      const rates = trials.map((t) => t.requestsPerSecond)
      figures.push({
        api: target.api,
        operationId: target.operationId,
        client,
        selfCheck,
        connections: CONNECTIONS,
        durationSeconds: options.seconds,
        requestsPerSecond: median(rates),
        minRequestsPerSecond: Math.min(...rates),
        maxRequestsPerSecond: Math.max(...rates),
        trials,
      })
    }
  }
  return figures
}

/** One console line for a figure. */
export function formatFigure(figure: ThroughputFigure): string {
  const p50 = median(figure.trials.map((t) => t.latencyP50Ms))
  const p99 = median(figure.trials.map((t) => t.latencyP99Ms))
  const bad = figure.trials.reduce((n, t) => n + t.non2xx + t.errors, 0)
  return `${figure.api} ${figure.operationId}, self-check ${figure.selfCheck ? 'on: ' : 'off:'} ${figure.requestsPerSecond} req/s (${figure.client}, median of ${figure.trials.length}: ${figure.minRequestsPerSecond}–${figure.maxRequestsPerSecond}), p50 ${p50} ms, p99 ${p99} ms${bad > 0 ? `, ${bad} non-2xx or errors` : ''}`
}
