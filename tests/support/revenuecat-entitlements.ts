// Inputs for the RevenueCat Entitlement and Virtual Currency suites: run-scoped entitlements and
// currencies a test creates and deletes again (the run-scoped name in the field the run ledger
// keys them by: an entitlement's `lookup_key`, a currency's `name`), and products of the target's
// catalog to attach (the sandbox's seeded ones, one of each type, or a real project's own).
import { expect } from 'vitest'
import { allItems, bodyOf, itemsOf, projectPath, runLabel } from './revenuecat-data.ts'
import type { Target } from './target.ts'

/** The path of one entitlement of the target's project. */
export const entitlementPath = (api: Target, entitlementId: string) => ({
  ...projectPath(api),
  entitlement_id: entitlementId,
})

/** The path of one virtual currency of the target's project. */
export const currencyPath = (api: Target, code: string) => ({
  ...projectPath(api),
  virtual_currency_code: code,
})

/** An entitlement as the suites read it. */
export interface Entitlement {
  object: string
  id: string
  project_id: string
  lookup_key: string
  display_name: string
  created_at: number
  products?: { object: string; items: Array<{ id: string; type: string }>; url: string }
  [field: string]: unknown
}

/** A virtual currency as the suites read it. */
export interface Currency {
  object: string
  code: string
  project_id: string
  name: string
  description: string | null
  created_at: number
  product_grants: Array<{
    object: string
    product_ids: string[]
    amount: number
    trial_amount: number
    expire_at_cycle_end: boolean
  }> | null
  [field: string]: unknown
}

/** Creates an entitlement with a run-scoped lookup key; answers it. Needs writes. */
export async function createTestEntitlement(
  api: Target,
  displayName = 'Subcontract test entitlement',
): Promise<Entitlement> {
  const res = await api.call('create-entitlement', {
    path: projectPath(api),
    body: { lookup_key: runLabel(api), display_name: displayName },
  })
  expect(res, 'create-entitlement for a test entitlement').toMatchContract(201)
  return bodyOf<Entitlement>(res)
}

/** The ids of the products attached to an entitlement, in the order attached. */
export async function productIdsOf(api: Target, entitlementId: string): Promise<string[]> {
  const res = await api.call('get-products-from-entitlement', {
    path: entitlementPath(api, entitlementId),
  })
  expect(res).toMatchContract(200)
  return itemsOf<{ id: string }>(res).map((p) => p.id)
}

/** A created entitlement with `count` products of the catalog attached. */
export async function entitlementWithProducts(api: Target, count: number) {
  const products = await catalogProducts(api, count)
  const created = await createTestEntitlement(api)
  const res = await api.call('attach-products-to-entitlement', {
    path: entitlementPath(api, created.id),
    body: { product_ids: products },
  })
  expect(res).toMatchContract(200)
  return { entitlement: created, products }
}

/** Deletes an entitlement a test created. */
export async function deleteTestEntitlement(api: Target, entitlementId: string): Promise<void> {
  const res = await api.call('delete-entitlement', { path: entitlementPath(api, entitlementId) })
  expect(res, 'delete-entitlement of a test entitlement').toMatchContract(200)
}

/**
 * A currency code unique to this call: `S`, four characters of this run's id (so that two runs
 * with one seed, side by side against one project, never make the same code), and five letters or
 * digits from the seeded faker. Codes are at most 10 characters, so the run-scoped label goes in
 * the name.
 */
export function testCurrencyCode(api: Target): string {
  let hash = 7
  for (const ch of api.runId) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) >>> 0
  const run = hash.toString(36).toUpperCase().padStart(4, '0').slice(-4)
  return `S${run}${api.faker.string.alphanumeric({ length: 5, casing: 'upper' })}`
}

/** Creates a currency with a random code and a run-scoped name; answers it. Needs writes. */
export async function createTestCurrency(
  api: Target,
  extra: Record<string, unknown> = {},
): Promise<Currency> {
  const res = await api.call('create-virtual-currency', {
    path: projectPath(api),
    body: { code: testCurrencyCode(api), name: runLabel(api), ...extra },
  })
  expect(res, 'create-virtual-currency for a test currency').toMatchContract(201)
  return bodyOf<Currency>(res)
}

/** Deletes a currency a test created. */
export async function deleteTestCurrency(api: Target, code: string): Promise<void> {
  const res = await api.call('delete-virtual-currency', { path: currencyPath(api, code) })
  expect(res, 'delete-virtual-currency of a test currency').toMatchContract(200)
}

/** The sandbox's seeded products, one of each product type. */
export const SANDBOX_PRODUCTS_BY_TYPE = {
  subscription: 'prod5eed0001',
  consumable: 'prod5eed0006',
  non_consumable: 'prod5eed0007',
  one_time: 'prod5eed0008',
  non_renewing_subscription: 'prod5eed0011',
} as const

/**
 * `count` products of the target's catalog: on the sandbox its seeded ones of every type; on a
 * real project the first of list-products (a skip when it has fewer).
 */
export async function catalogProducts(api: Target, count: number): Promise<string[]> {
  if (api.isLocal) return Object.values(SANDBOX_PRODUCTS_BY_TYPE).slice(0, count)
  const ids = (await allItems<{ id: string }>(api, 'list-products', projectPath(api), 'id')).map(
    (p) => p.id,
  )
  if (ids.length < count) api.needSandbox()
  return ids.slice(0, count)
}
