// Offerings, packages and paywalls a RevenueCat suite makes for itself: each offering and package
// named with the run's label in its `lookup_key` (the field the run ledger keys them by), so a
// remote run's teardown finds what a failed test left. Tests delete what they make, packages and
// paywalls before their offering. No helper here changes which offering is current.
import { expect } from 'vitest'
import {
  appStoreApp,
  createTestApp,
  createTestProduct,
  deleteTestApp,
  deleteTestProduct,
} from './revenuecat-catalog.ts'
import { allItems, bodyOf, projectPath, runLabel } from './revenuecat-data.ts'
import type { Target } from './target.ts'

export interface Package {
  object: 'package'
  id: string
  lookup_key: string
  display_name: string
  position: number | null
  created_at: number
  products?: {
    object: 'list'
    items: Array<{ product: { id: string; app_id: string }; eligibility_criteria: string }>
    url: string
  }
}

export interface Offering {
  object: 'offering'
  id: string
  lookup_key: string
  display_name: string
  is_current: boolean
  created_at: number
  project_id: string
  metadata?: Record<string, unknown> | null
  packages?: { object: 'list'; items: Package[]; url: string; next_page?: string | null }
}

export interface Paywall {
  object: 'paywall'
  id: string
  name: string | null
  offering_id: string
  created_at: number
  published_at: number | null
  offering?: Offering | null
  components?: { published: unknown; draft: unknown } | null
}

export const offeringPath = (api: Target, offeringId: string) => ({
  ...projectPath(api),
  offering_id: offeringId,
})

export const packagePath = (api: Target, packageId: string) => ({
  ...projectPath(api),
  package_id: packageId,
})

export const paywallPath = (api: Target, paywallId: string) => ({
  ...projectPath(api),
  paywall_id: paywallId,
})

/** Creates an offering of this run (not current: the project has one already) and answers it. */
export async function createTestOffering(
  api: Target,
  extra: Record<string, unknown> = {},
): Promise<Offering> {
  const lookup = runLabel(api)
  const res = await api.call('create-offering', {
    path: projectPath(api),
    body: { lookup_key: lookup, display_name: `Offering ${lookup}`, ...extra },
  })
  expect(res, 'create-offering for a test offering').toMatchContract(201)
  return bodyOf<Offering>(res)
}

/** Deletes an offering a test made (with its packages and paywall). */
export async function deleteTestOffering(api: Target, offeringId: string): Promise<void> {
  const res = await api.call('delete-offering', { path: offeringPath(api, offeringId) })
  expect(res, 'delete-offering of a test offering').toMatchContract(200)
}

/** Creates a package of this run in `offeringId` and answers it. */
export async function createTestPackage(
  api: Target,
  offeringId: string,
  extra: Record<string, unknown> = {},
): Promise<Package> {
  const lookup = runLabel(api)
  const res = await api.call('create-packages', {
    path: offeringPath(api, offeringId),
    body: { lookup_key: lookup, display_name: `Package ${lookup}`, ...extra },
  })
  expect(res, 'create-packages for a test package').toMatchContract(201)
  return bodyOf<Package>(res)
}

/** An offering of this run with one package: made, given to `body`, deleted afterwards. */
export async function withOffering<T>(
  api: Target,
  body: (offering: Offering) => Promise<T>,
): Promise<T> {
  const offering = await createTestOffering(api)
  try {
    return await body(offering)
  } finally {
    await deleteTestOffering(api, offering.id)
  }
}

/**
 * An app of this run with `count` products, given to `body`; afterwards the products and the app
 * are deleted (the package that held them must be gone, or have let them go, by then).
 */
export async function withProducts<T>(
  api: Target,
  count: number,
  body: (productIds: string[], appId: string) => Promise<T>,
  type: 'play_store' | 'app_store' = 'play_store',
): Promise<T> {
  const appId = (await createTestApp(api, type === 'app_store' ? appStoreApp(api) : undefined)).id
  const productIds: string[] = []
  try {
    for (let i = 0; i < count; i += 1) productIds.push((await createTestProduct(api, appId)).id)
    return await body(productIds, appId)
  } finally {
    for (const id of productIds.reverse()) await deleteTestProduct(api, id)
    await deleteTestApp(api, appId)
  }
}

/** Every offering of the project (all pages). */
export function allOfferings(api: Target, query: Record<string, string> = {}): Promise<Offering[]> {
  return allItems<Offering>(api, 'list-offerings', projectPath(api), 'id', query)
}

/** Seeded packages and paywall of the sandbox's project (sandbox only). */
export const SANDBOX_PACKAGES = {
  /** The default offering's monthly package: six products of six apps, one Google SDK < 6. */
  monthly: 'pkge5eed0001',
  /** Its lifetime package: a Play Store product for SDK ≥ 6, a web and an iOS one. */
  lifetime: 'pkge5eed0003',
  /** Its package of 100 gems, with no position. */
  gems: 'pkge5eed0004',
} as const

export const SANDBOX_OFFERINGS = {
  /** The seeded current offering, with four packages and a paywall. */
  current: 'ofrng5eed0001',
} as const

export const SANDBOX_PAYWALL = 'pw5eed0001'
