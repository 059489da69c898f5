// useTarget(api): everything a suite needs to call an API on the configured target (the
// embedded sandbox by default), with seeded payloads and run-scoped ids. Tests never hard-code
// a URL or a key: they come from here.
import { base, en, Faker } from '@faker-js/faker'
import { afterAll, expect, inject } from 'vitest'
import { loadConfig } from '../../src/config/load-config.ts'
import type { Exchange } from '../../src/exchange.ts'
import { type CallInput, createClient } from '../../src/http/create-client.ts'
import { registerSecret } from '../../src/redact/redact.ts'
import { type ExchangeRecord, record } from './recorder.ts'

const config = loadConfig()

/** Flags the matcher needs (strictness and the seed to print). */
export const contractFlags = { strictExtraFields: config.strictExtraFields, seed: config.seed }

const records = new WeakMap<Exchange, ExchangeRecord>()

/** The coverage record of an exchange made through useTarget. */
export function recordOf(exchange: Exchange): ExchangeRecord | undefined {
  return records.get(exchange)
}

/** Seeded values on the target; undefined where the target has none configured. */
export interface TargetData {
  paywallId?: string
  stripeToken?: string
  stripeOneTimeToken?: string
  paddleToken?: string
  seededCustomerUserId?: string
  /** Key of an app without the virtual currency feature (sandbox: seeded). */
  vcDisabledApiKey?: string
  /** Key of an app with a tiny virtual currency rate limit (sandbox: seeded). */
  vcLimitedApiKey?: string
  /** Key of an app without Paddle credentials (sandbox: the seeded "vc-disabled" app). */
  paddleUnconfiguredApiKey?: string
}

function fileSeed(base: number): number {
  const file = expect.getState().testPath ?? ''
  let hash = base
  for (const ch of file.split('/').pop() ?? '')
    hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) >>> 0
  return hash
}

let counter = 0
const RUN_ID = (process.env.SUBCONTRACT_RUN_ID ?? `${config.seed}`).replace(/[^A-Za-z0-9]/g, '')

/** Binds a suite to the Adapty API on the configured target. */
export function useTarget(api: 'adapty') {
  const local = config.target === 'local'
  const provided = local ? inject('sandbox').adapty : undefined
  const remote = config.adapty
  const baseUrl = provided?.url ?? remote?.baseUrl ?? ''
  const apiKey = provided?.apiKey ?? remote?.apiKey ?? ''
  const data: TargetData = provided
    ? {
        paywallId: provided.paywallId,
        stripeToken: provided.stripeToken,
        stripeOneTimeToken: provided.stripeOneTimeToken,
        paddleToken: provided.paddleToken,
        seededCustomerUserId: provided.seededCustomerUserId,
        ...(provided.keys['vc-disabled']
          ? {
              vcDisabledApiKey: provided.keys['vc-disabled'],
              paddleUnconfiguredApiKey: provided.keys['vc-disabled'],
            }
          : {}),
        ...(provided.keys['vc-limited'] ? { vcLimitedApiKey: provided.keys['vc-limited'] } : {}),
      }
    : { ...remote?.data }
  registerSecret(apiKey)
  const client = createClient({ api, baseUrl, authorization: `Api-Key ${apiKey}` })
  afterAll(() => client.close())
  const faker = new Faker({ locale: [en, base] })
  faker.seed(fileSeed(config.seed))

  return {
    /** True against the embedded sandbox, where control endpoints exist. */
    isLocal: local,
    /** The target's base URL, for raw requests outside the registry (hostile-input tests). */
    baseUrl,
    /** The target's API key, for raw requests; never print it. */
    apiKey,
    data,
    faker,
    /** The Authorization value for another key of the same target. */
    authorizationFor: (key: string) => `Api-Key ${key}`,
    /** Calls an operation by operationId and records the exchange for coverage. */
    async call(operationId: string, input?: CallInput): Promise<Exchange> {
      const exchange = await client.call(operationId, input)
      records.set(
        exchange,
        record({
          api,
          operationId,
          status: exchange.response.status,
          durationMs: exchange.durationMs,
        }),
      )
      return exchange
    },
    /** A customer user id unique to this run and test file, safe to create on a real app. */
    uniqueCustomerUserId(): string {
      counter += 1
      return `subcontract-${RUN_ID}-${faker.string.alphanumeric(8).toLowerCase()}-${counter}`
    },
    /** Identification headers for a customer user id. */
    byCustomer: (customerUserId: string) => ({ 'adapty-customer-user-id': customerUserId }),
    /** Identification headers for an Adapty profile id. */
    byProfileId: (profileId: string) => ({ 'adapty-profile-id': profileId }),
    /** Calls a sandbox control endpoint (local target only). */
    async control(path: string, body?: unknown): Promise<unknown> {
      if (!local) throw new Error('sandbox control endpoints exist only on the local target')
      const res = await fetch(`${baseUrl}/__sandbox/${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Api-Key ${apiKey}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      return res.json()
    },
  }
}

/** The object useTarget returns. */
export type Target = ReturnType<typeof useTarget>
