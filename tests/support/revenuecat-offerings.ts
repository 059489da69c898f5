// Offerings, packages and paywalls a RevenueCat suite makes for itself: each offering and package
// named with the run's label in its `lookup_key` (the field the run ledger keys them by), so a
// remote run's teardown finds what a failed test left. Tests delete what they make, packages and
// paywalls before their offering. No helper here changes which offering is current.
import { expect } from 'vitest'
import { bodyOf, itemsOf, runLabel } from './revenuecat-data.ts'
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

export const projectPath = (api: Target) => ({ project_id: api.need('projectId') })

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
 * Every item of a list operation, page by page (`starting_after` the last item's id), so that a
 * real project with more than a page still finds a test's own object.
 */
export async function allItems<T extends { id: string }>(
  api: Target,
  operationId: string,
  path: Record<string, string>,
  query: Record<string, string> = {},
): Promise<T[]> {
  const all: T[] = []
  for (let page = 0; page < 50; page += 1) {
    const last = all.at(-1)
    const res = await api.call(operationId, {
      path,
      query: last === undefined ? query : { ...query, starting_after: last.id },
    })
    expect(res).toMatchContract(200)
    all.push(...itemsOf<T>(res))
    if (bodyOf<{ next_page?: string | null }>(res).next_page == null) return all
  }
  throw new Error(`${operationId} has more than 50 pages`)
}

/** An app of this run: Play Store unless `type` says App Store. Answers its id. */
export async function createTestApp(api: Target, type: 'play_store' | 'app_store' = 'play_store') {
  const name = runLabel(api)
  const id = `com.${name.replaceAll('-', '.')}`
  const store =
    type === 'play_store' ? { play_store: { package_name: id } } : { app_store: { bundle_id: id } }
  const res = await api.call('create-app', {
    path: projectPath(api),
    body: { name, type, ...store },
  })
  expect(res, 'create-app for a test app').toMatchContract(201)
  return bodyOf<{ id: string }>(res).id
}

/** A consumable product of `appId`, of this run. Answers its id. */
export async function createTestProduct(api: Target, appId: string) {
  const res = await api.call('create-product', {
    path: projectPath(api),
    body: { store_identifier: runLabel(api), app_id: appId, type: 'consumable' },
  })
  expect(res, 'create-product for a test product').toMatchContract(201)
  return bodyOf<{ id: string }>(res).id
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
  const appId = await createTestApp(api, type)
  const productIds: string[] = []
  try {
    for (let i = 0; i < count; i += 1) productIds.push(await createTestProduct(api, appId))
    return await body(productIds, appId)
  } finally {
    for (const id of productIds.reverse())
      expect(
        await api.call('delete-product', { path: { ...projectPath(api), product_id: id } }),
      ).toMatchContract(200)
    expect(
      await api.call('delete-app', { path: { ...projectPath(api), app_id: appId } }),
    ).toMatchContract(200)
  }
}

/** Every offering of the project (all pages). */
export function allOfferings(api: Target, query: Record<string, string> = {}): Promise<Offering[]> {
  return allItems<Offering>(api, 'list-offerings', projectPath(api), query)
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
