// Inputs and readers for RevenueCat suites: a request that reaches an operation (its path filled,
// a JSON body for the operations that take one), run-scoped test customers, the store purchases a
// test needs (made through the sandbox's control routes), and the error envelope's fields.
import { expect } from 'vitest'
import type { Exchange } from '../../src/exchange.ts'
import type { CallInput } from '../../src/http/create-client.ts'
import type { Operation } from '../../src/registry/types.ts'
import type { Target } from './target.ts'

/** A project id no key opens. */
export const UNKNOWN_PROJECT = 'projsubcontract0missing'

/** The path of the target's project. */
export const projectPath = (api: Target) => ({ project_id: api.need('projectId') })

/** The input that reaches `op` in `project`: placeholder ids for the other path parameters. */
export function reach(op: Operation, project: string, extra: Partial<CallInput> = {}): CallInput {
  const path: Record<string, string> = {}
  for (const name of op.pathParams)
    path[name] = name === 'project_id' ? project : `subcontract_missing_${name}`
  return { path, ...(op.request === undefined ? {} : { body: {} }), ...extra }
}

/** The error body's `type` (RevenueCat's error envelope), or undefined. */
export function errorTypeOf(res: Exchange): unknown {
  return (res.response.json as { type?: unknown } | undefined)?.type
}

/** The error body's `param`, or undefined when it names none. */
export function errorParamOf(res: Exchange): unknown {
  return (res.response.json as { param?: unknown } | undefined)?.param
}

/** The JSON body of an answer, typed as the test expects it. */
export function bodyOf<T = Record<string, unknown>>(res: Exchange): T {
  return res.response.json as T
}

/** A list answer's items. */
export function itemsOf<T = Record<string, unknown>>(res: Exchange): T[] {
  return (res.response.json as { items: T[] }).items
}

/**
 * Every item of a list operation, page by page (`starting_after` the last item's `key`), so that
 * a real project with more than a page still finds a test's own object.
 */
export async function allItems<T extends object>(
  api: Target,
  operationId: string,
  path: Record<string, string>,
  key: keyof T & string,
  query: Record<string, string> = {},
): Promise<T[]> {
  const all: T[] = []
  for (let page = 0; page < 50; page += 1) {
    const last = all.at(-1)
    const res = await api.call(operationId, {
      path,
      query: last === undefined ? query : { ...query, starting_after: String(last[key]) },
    })
    expect(res).toMatchContract(200)
    const items = itemsOf<T>(res)
    all.push(...items)
    if (bodyOf<{ next_page?: string | null }>(res).next_page == null || items.length === 0)
      return all
  }
  throw new Error(`${operationId} has more than 50 pages`)
}

/** The project's block list, as list-blocked-customers answers it (a beta operation). */
export async function blockList(api: Target): Promise<Record<string, unknown>> {
  const res = await api.call('list-blocked-customers', { path: projectPath(api) })
  expect(res).toMatchContract(200)
  return bodyOf<Record<string, unknown>>(res)
}

/** An id that is never a customer, subscription or purchase, unique to this call. */
export function missingId(api: Target, what: string): string {
  return `subcontract-missing-${what}-${api.faker.string.alphanumeric(8).toLowerCase()}`
}

/** The path of a customer operation: the target's project and the customer. */
export function customerPath(api: Target, customerId: string): Record<string, string> {
  return { project_id: api.need('projectId'), customer_id: customerId }
}

/**
 * Creates a customer unique to this run (`subcontract-<run>-…`, recorded in the run ledger on a
 * remote target and deleted by the suite's teardown), with attributes when given. Needs writes.
 */
export async function createTestCustomer(
  api: Target,
  attributes?: Array<{ name: string; value: string }>,
): Promise<string> {
  const id = api.uniqueCustomerUserId()
  const res = await api.call('create-customer', {
    path: { project_id: api.need('projectId') },
    body: attributes === undefined ? { id } : { id, attributes },
  })
  expect(res, 'create-customer for a test customer').toMatchContract(201)
  return id
}

/**
 * A name unique to this run (`subcontract-<run>-…`) for a configuration object a test creates:
 * put it in the field the run ledger keys that kind by (an app's `name`, a product's
 * `store_identifier`, an entitlement's, offering's or package's `lookup_key`, a webhook's or
 * virtual currency's `name`), so that a remote run's teardown and `cleanup` find and delete it.
 */
export function runLabel(api: Target): string {
  return api.uniqueCustomerUserId()
}

/** The control path of one customer (sandbox only). */
function controlPath(api: Target, customerId: string, action: string): string {
  return `projects/${api.need('projectId')}/customers/${encodeURIComponent(customerId)}/${action}`
}

/** A store subscription of the customer, bought now (sandbox only: no v2 operation makes one). */
export interface SimulatedSubscription {
  product_id: string
  store?: string
  status?: string
  environment?: string
  period_days?: number
  periods?: number
  price?: number
  auto_renewal_status?: string
  /** Its last period ended a day ago and it does not renew: expired on the clock. */
  ended?: boolean
  presented_offering_id?: string
  country?: string
  ownership?: 'purchased' | 'family_shared'
  /** A product change scheduled for the next period. */
  pending_product_id?: string
}

/** Records a store subscription of `customerId` in the sandbox; answers it as the API would. */
export async function addSubscription(
  api: Target,
  customerId: string,
  input: SimulatedSubscription,
): Promise<{ id: string } & Record<string, unknown>> {
  api.needSandbox()
  const sub = (await api.control(controlPath(api, customerId, 'subscriptions'), input)) as {
    id?: string
  }
  if (typeof sub.id !== 'string')
    throw new Error(`the sandbox made no subscription: ${JSON.stringify(sub)}`)
  return sub as { id: string } & Record<string, unknown>
}

/** Records a one-time purchase of `customerId` in the sandbox; answers it as the API would. */
export async function addPurchase(
  api: Target,
  customerId: string,
  input: {
    product_id: string
    store?: string
    environment?: string
    presented_offering_id?: string
    country?: string
    ownership?: 'purchased' | 'family_shared'
    quantity?: number
    price?: number
  },
): Promise<{ id: string } & Record<string, unknown>> {
  api.needSandbox()
  const purchase = (await api.control(controlPath(api, customerId, 'purchases'), input)) as {
    id?: string
  }
  if (typeof purchase.id !== 'string')
    throw new Error(`the sandbox made no purchase: ${JSON.stringify(purchase)}`)
  return purchase as { id: string } & Record<string, unknown>
}

/**
 * Marks the customer as seen now by the vendor's SDK (sandbox only): last-seen app version,
 * country, platform and platform version, and an experiment enrollment, so that answers about a
 * test customer show every field a seen customer has.
 */
export async function markSeen(api: Target, customerId: string): Promise<void> {
  api.needSandbox()
  await api.control(controlPath(api, customerId, 'seen'), {
    app_version: '4.0.0',
    country: 'NL',
    platform: 'iOS',
    platform_version: '18.2',
    experiment: { id: 'prexp5eed0002', name: 'Onboarding test', variant: 'a' },
  })
}

/**
 * Holds the customer in the sandbox as if another request were changing it (its writes answer
 * 423) while `during` runs, and lets it go afterwards, even when `during` fails.
 */
export async function whileLocked<T>(
  api: Target,
  customerId: string,
  during: () => Promise<T>,
): Promise<T> {
  api.needSandbox()
  await api.control(controlPath(api, customerId, 'lock'), {})
  try {
    return await during()
  } finally {
    await api.control(controlPath(api, customerId, 'unlock'), {})
  }
}

/**
 * A second seeded project the sandbox's main key opens (sandbox only): two apps and a monthly
 * subscription product of each, and no customers. No suite writes to it but the overview
 * metrics', which count a whole project: there, what a test adds is all that changes.
 */
export const SANDBOX_STAGING = {
  projectId: 'proj5eed0003',
  appStoreMonthly: 'prod5eed0301',
  playStoreMonthly: 'prod5eed0302',
} as const

/** Seeded products of the sandbox's project, by what they are (sandbox only). */
export const SANDBOX_PRODUCTS = {
  /** An App Store monthly subscription, unlocking `pro`. */
  appStoreMonthly: 'prod5eed0001',
  /** A Play Store monthly subscription, unlocking `pro`. */
  playStoreMonthly: 'prod5eed0003',
  /** A Web Billing monthly subscription, unlocking `pro`. */
  webMonthly: 'prod5eed0004',
  /** A Stripe monthly subscription, unlocking `pro`. */
  stripeMonthly: 'prod5eed0005',
  /** An App Store consumable (no entitlement). */
  gems: 'prod5eed0006',
  /** A Web Billing one-time purchase, unlocking `lifetime`. */
  webLifetime: 'prod5eed0008',
} as const

/** Seeded entitlements of the sandbox's project (sandbox only). */
export const SANDBOX_ENTITLEMENTS = {
  pro: 'entl5eed0001',
  lifetime: 'entl5eed0002',
  premium: 'entl5eed0003',
  adFree: 'entl5eed0004',
} as const

/** Seeded customers of the sandbox's project, by the state each one shows (sandbox only). */
export const SANDBOX_CUSTOMERS = {
  active: 'subcontract-seed-active',
  trial: 'subcontract-seed-trial',
  grace: 'subcontract-seed-grace',
  billingRetry: 'subcontract-seed-billing-retry',
  paused: 'subcontract-seed-paused',
  expired: 'subcontract-seed-expired',
  web: 'subcontract-seed-web',
  refunded: 'subcontract-seed-refunded',
  granted: 'subcontract-seed-granted',
  /** Subscriptions in the unknown and incomplete states, a pending change, family sharing; purchases of every other store, one refunded. */
  variety: 'subcontract-seed-variety',
  /** 25 subscriptions, purchases, attributes and invoices, 24 aliases: lists of two pages. */
  many: 'subcontract-seed-many',
  /** Ids the create operation refuses, as the vendor's SDKs make them. */
  anonymous: '$RCAnonymousID:5eed0000000000000000000000000001',
  spaces: 'subcontract seed spaces',
  slashes: 'subcontract/seed/slashes',
  unicode: 'subcontract-seed-ünïcødé-✓',
} as const

/** The seeded customers whose ids create-customer refuses. */
export const SDK_CUSTOMER_IDS = [
  SANDBOX_CUSTOMERS.anonymous,
  SANDBOX_CUSTOMERS.spaces,
  SANDBOX_CUSTOMERS.slashes,
  SANDBOX_CUSTOMERS.unicode,
] as const

/** Calls `op` and checks the answer is 400 `parameter_error` naming `param` (S-25). */
export async function expectParameterError(
  api: Target,
  op: string,
  input: CallInput,
  param: string,
): Promise<Exchange> {
  const res = await api.call(op, input)
  expect(res).toMatchContract(400)
  expect(errorTypeOf(res)).toBe('parameter_error')
  expect(errorParamOf(res)).toBe(param)
  return res
}

/** Calls `op` and checks the answer is 404 `resource_missing`. */
export async function expectMissing(api: Target, op: string, input: CallInput): Promise<Exchange> {
  const res = await api.call(op, input)
  expect(res).toMatchContract(404)
  expect(errorTypeOf(res)).toBe('resource_missing')
  return res
}
