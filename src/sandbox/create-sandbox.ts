/**
 * Starts the embedded sandbox: the Adapty emulator on its own loopback listener (port 0 by
 * default, so the OS picks a free port). Used in-process by tests and by `npm run sandbox`.
 */
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import { type Contract, loadContract } from '../contract/load-schemas.ts'
import { HarnessError } from '../errors.ts'
import { createAdaptyApp } from '../apis/adapty/sandbox/app.ts'
import { buildStores, readSeed, type Seed } from '../apis/adapty/sandbox/seed.ts'
import { type Clock, createFixedClock, systemClock } from './clock.ts'
import { createFaultInjector, type FaultInjector, type FaultRule } from './faults.ts'
import { createIds } from './ids.ts'
import { createSelfCheckLog, type SelfCheckLog } from './self-check.ts'

/** How to start the sandbox. */
export interface SandboxOptions {
  port?: number
  host?: string
  /** Seed name under fixtures/seeds/adapty/ (default `default`). */
  seed?: string
  /** Clock; the default is a fixed clock (deterministic), `system` uses real time. */
  clock?: Clock | 'system'
  /** Seed for the id generator (default 1). */
  idSeed?: number
  /** Validate every response against the contract (default true). */
  selfCheck?: boolean
  contract?: Contract
  log?: (line: string) => void
  /** Fault rules active from the start (also settable at run time via /__sandbox/faults). */
  faults?: FaultRule[]
  /** Replaces seeded API keys by app name (e.g. a canary key for redaction tests). */
  apiKeys?: Record<string, string>
  /** How long a slow or half-sent request may take; see SANDBOX_TIMEOUTS for the defaults. */
  timeouts?: Partial<SandboxTimeouts>
}

/**
 * Bounded waits for slow clients. A request whose headers (or whole body) do not arrive in time
 * gets Node's bare `408 Request Timeout` and its connection is closed (DECISIONS.md, A-42).
 */
export interface SandboxTimeouts {
  /** Until the request headers are complete (Node's default is 60 s). */
  headersMs: number
  /** Until the whole request, body included, has arrived (Node's default is 300 s). */
  requestMs: number
  /** How long an idle keep-alive connection stays open after a response. */
  keepAliveMs: number
}

/** The default timeouts: ample for any honest client on loopback or a CI network. */
export const SANDBOX_TIMEOUTS: SandboxTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 5_000,
}

function resolveTimeouts(given: Partial<SandboxTimeouts> = {}): SandboxTimeouts {
  const timeouts = { ...SANDBOX_TIMEOUTS, ...given }
  for (const [name, value] of Object.entries(timeouts)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new HarnessError(
        'SANDBOX_INTERNAL',
        `Failed to start the sandbox: timeouts.${name} must be a whole number of milliseconds from 1, not ${String(value)}.`,
        {
          hint: `leave it out for the default (${SANDBOX_TIMEOUTS[name as keyof SandboxTimeouts]} ms).`,
        },
      )
    }
  }
  if (timeouts.headersMs > timeouts.requestMs) {
    throw new HarnessError(
      'SANDBOX_INTERNAL',
      `Failed to start the sandbox: timeouts.headersMs (${timeouts.headersMs}) is longer than timeouts.requestMs (${timeouts.requestMs}).`,
      { hint: 'the headers are part of the request: give headersMs at most requestMs.' },
    )
  }
  return timeouts
}

/** Seeded values a run needs to exercise the sandbox, per app name. */
export interface AdaptySandboxInfo {
  url: string
  apiKey: string
  /** API keys of the other seeded apps, by app name (`vc-disabled`, `vc-limited`). */
  keys: Record<string, string>
  paywallId: string
  stripeToken: string
  stripeOneTimeToken: string
  paddleToken: string
  seededCustomerUserId: string
  /** Codes of the main app's virtual currencies, in seed order. */
  currencyCodes: string[]
}

/** A running sandbox. */
export interface Sandbox {
  adapty: AdaptySandboxInfo
  selfCheck: SelfCheckLog
  faults: FaultInjector
  close(): Promise<void>
}

function info(seed: Seed, url: string): AdaptySandboxInfo {
  const main = seed.apps.find((a) => a.name === 'main')
  if (main === undefined) {
    throw new HarnessError(
      'SANDBOX_UNKNOWN_SEED',
      'Failed to start the sandbox: the seed has no "main" app.',
      {
        hint: 'every seed under fixtures/seeds/adapty/ needs an app named "main".',
      },
    )
  }
  const byKind = (kind: string) => main.stripeTokens.find((t) => t.kind === kind)?.token ?? ''
  return {
    url,
    apiKey: main.apiKey,
    keys: Object.fromEntries(seed.apps.map((a) => [a.name, a.apiKey])),
    paywallId: main.paywalls[0]?.paywallId ?? '',
    stripeToken: byKind('subscription'),
    stripeOneTimeToken: byKind('one_time'),
    paddleToken: main.paddleTokens[0]?.token ?? '',
    seededCustomerUserId: main.profiles[0]?.customerUserId ?? '',
    currencyCodes: Object.keys(main.currencies),
  }
}

/** Starts the sandbox and resolves once it listens. */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const timeouts = resolveTimeouts(options.timeouts)
  const contract = options.contract ?? loadContract()
  const seeded = readSeed(options.seed ?? 'default')
  const seed = {
    ...seeded,
    apps: seeded.apps.map((app) => ({ ...app, apiKey: options.apiKeys?.[app.name] ?? app.apiKey })),
  }
  const clock = options.clock === 'system' ? systemClock : (options.clock ?? createFixedClock())
  const stores = buildStores(seed, clock, createIds(options.idSeed ?? 1))
  const selfCheck = createSelfCheckLog()
  const faults = createFaultInjector(options.idSeed ?? 1)
  for (const rule of options.faults ?? []) faults.add(rule)
  const app = createAdaptyApp({
    apps: stores,
    contract,
    faults,
    ...(options.selfCheck === false ? {} : { selfCheck }),
    ...(options.log === undefined ? {} : { log: options.log }),
  })
  const server = createAdaptorServer({
    fetch: app.fetch,
    serverOptions: {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      // Node checks those timeouts only every so often (30 s by default): check often enough
      // that a timeout fires close to its time, at most a quarter of it late.
      connectionsCheckingInterval: Math.max(
        10,
        Math.min(1000, Math.floor(Math.min(timeouts.headersMs, timeouts.requestMs) / 4)),
      ),
    },
  })
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new HarnessError(
              'SANDBOX_PORT_IN_USE',
              `Failed to start the sandbox: port ${options.port} is in use.`,
              {
                hint: 'pick another --port, or --port 0 to let the OS choose.',
                cause: error,
              },
            )
          : error,
      )
    })
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const urlHost = host.includes(':') ? `[${host}]` : host
  return {
    adapty: info(seed, `http://${urlHost}:${port}`),
    selfCheck,
    faults,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if ('closeAllConnections' in server) server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
