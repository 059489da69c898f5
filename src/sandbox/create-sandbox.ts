/**
 * Starts the embedded sandbox: one loopback listener per API (port 0 by default, so the OS picks
 * free ports), each the shared pipeline around that API's emulator. Used in-process by tests and
 * by `npm run sandbox`.
 */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import type { ApiDefinition, ApiName } from '../api/api-definition.ts'
import { variableOf } from '../config/target-variables.ts'
import { type Contract, loadContract } from '../contract/load-schemas.ts'
import { HarnessError } from '../errors.ts'
import { type Clock, createFixedClock, systemClock } from './clock.ts'
import { createApiApp } from './create-api-app.ts'
import { createFaultInjector, type FaultInjector, type FaultRule } from './faults.ts'
import { createIds } from './ids.ts'
import { createSelfCheckLog, type SelfCheckLog } from './self-check.ts'

/** How to start the sandbox. */
export interface SandboxOptions {
  /** The APIs to serve, one listener each. */
  apis: readonly ApiDefinition[]
  /** The first API's port; the next ones follow it (4010, 4011, …). 0 or absent: the OS picks each. */
  port?: number
  host?: string
  /** Seed name under fixtures/seeds/<api>/ (default `default`). */
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
  /** Replaces seeded API keys by key name, per API (e.g. a canary key for redaction tests). */
  apiKeys?: Partial<Record<ApiName, Record<string, string>>>
  /** How long a slow or half-sent request may take; see SANDBOX_TIMEOUTS for the defaults. */
  timeouts?: Partial<SandboxTimeouts>
  /** Lift the APIs' emulated rate limits (load measurements). */
  liftRateLimits?: boolean
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

/** One API as the running sandbox serves it. */
export interface SandboxApi {
  name: ApiName
  /** Its base URL, base path included (`http://127.0.0.1:4010/v2`). */
  url: string
  /** The main seeded key. */
  apiKey: string
  /** Every seeded value by variable name, base URL and key included (what --write-env writes). */
  values: Readonly<Record<string, string>>
}

/** A running sandbox. */
export interface Sandbox {
  /** The served APIs, by name. */
  apis: Readonly<Partial<Record<ApiName, SandboxApi>>>
  selfCheck: SelfCheckLog
  faults: FaultInjector
  close(): Promise<void>
}

/** Starts the sandbox and resolves once it listens. */
export async function createSandbox(options: SandboxOptions): Promise<Sandbox> {
  const timeouts = resolveTimeouts(options.timeouts)
  const contract = options.contract ?? loadContract()
  const clock = options.clock === 'system' ? systemClock : (options.clock ?? createFixedClock())
  const selfCheck = createSelfCheckLog()
  const operationIds = options.apis.flatMap((api) => api.operations.map((op) => op.operationId))
  const faults = createFaultInjector(options.idSeed ?? 1, operationIds)
  for (const rule of options.faults ?? []) faults.add(rule)
  const host = options.host ?? '127.0.0.1'
  const servers: Server[] = []
  const apis: Partial<Record<ApiName, SandboxApi>> = {}
  try {
    for (const [i, api] of options.apis.entries()) {
      const sandbox = api.sandbox.create({
        seed: options.seed ?? 'default',
        clock,
        ids: createIds(options.idSeed ?? 1),
        ...(options.liftRateLimits === true ? { liftRateLimits: true } : {}),
        ...(options.apiKeys?.[api.name] === undefined
          ? {}
          : { apiKeys: options.apiKeys[api.name] }),
      })
      const app = createApiApp({
        api,
        sandbox,
        contract,
        faults,
        ...(options.selfCheck === false ? {} : { selfCheck }),
        ...(options.log === undefined ? {} : { log: options.log }),
      })
      const server = await listen(
        app.fetch,
        host,
        options.port === undefined || options.port === 0 ? 0 : options.port + i,
        timeouts,
      )
      servers.push(server)
      const { port } = server.address() as AddressInfo
      const urlHost = host.includes(':') ? `[${host}]` : host
      const url = `http://${urlHost}:${port}${api.basePath}`
      const keyName = variableOf(api, 'apiKey').name
      apis[api.name] = {
        name: api.name,
        url,
        apiKey: sandbox.values[keyName] ?? '',
        values: { [variableOf(api, 'baseUrl').name]: url, ...sandbox.values },
      }
    }
  } catch (error) {
    await Promise.all(servers.map(closeServer))
    throw error
  }
  return {
    apis,
    selfCheck,
    faults,
    close: async () => {
      await Promise.all(servers.map(closeServer))
    },
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if ('closeAllConnections' in server) server.closeAllConnections()
    server.close((error) => (error ? reject(error) : resolve()))
  })
}

async function listen(
  fetch: (request: Request, env?: unknown) => Response | Promise<Response>,
  host: string,
  port: number,
  timeouts: SandboxTimeouts,
): Promise<Server> {
  const server = createAdaptorServer({
    fetch,
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
  }) as Server
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new HarnessError(
              'SANDBOX_PORT_IN_USE',
              `Failed to start the sandbox: port ${port} is in use.`,
              {
                hint: 'pick another --port, or --port 0 to let the OS choose.',
                cause: error,
              },
            )
          : error,
      )
    })
    server.listen(port, host, () => resolve())
  })
  return server
}
