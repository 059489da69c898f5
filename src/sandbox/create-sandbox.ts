/**
 * Starts the embedded sandbox: the Adapty emulator on its own loopback listener (port 0 by
 * default, so the OS picks a free port). Used in-process by tests and by `npm run sandbox`.
 */
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import { type Contract, loadContract } from '../contract/load-schemas.ts'
import { HarnessError } from '../errors.ts'
import { createAdaptyApp } from './adapty/app.ts'
import { buildStores, readSeed, type Seed } from './adapty/seed.ts'
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
  const server = createAdaptorServer({ fetch: app.fetch })
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
