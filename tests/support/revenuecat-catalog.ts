// Apps and products a RevenueCat suite makes for itself: each named with the run's label (an
// app's `name`, a product's `store_identifier`, the fields the run ledger keys them by), so a
// remote run's teardown finds and deletes what a failed test left. Tests delete what they make.
import { expect } from 'vitest'
import { skipCurrent } from './recorder.ts'
import { allItems, bodyOf, projectPath, runLabel } from './revenuecat-data.ts'
import type { Target } from './target.ts'

/** The App fields every app answers, and the store object its type names. */
export interface App {
  object: 'app'
  id: string
  name: string
  type: string
  created_at: number
  project_id: string
  [store: string]: unknown
}

/** A product as the Product operations answer it. */
export interface Product {
  object: 'product'
  id: string
  store_identifier: string
  type: string
  app_id: string
  display_name: string | null
  created_at: number
  subscription: Record<string, unknown> | null
  one_time: Record<string, unknown> | null
  app?: App
}

/** An app's path. */
export const appPath = (api: Target, appId: string) => ({ ...projectPath(api), app_id: appId })

/** A product's path. */
export const productPath = (api: Target, productId: string) => ({
  ...projectPath(api),
  product_id: productId,
})

/** A Play Store app of this run (its package name unique too). */
export function playStoreApp(api: Target): Record<string, unknown> {
  const name = runLabel(api)
  return {
    name,
    type: 'play_store',
    play_store: { package_name: `com.${name.replaceAll('-', '.')}` },
  }
}

/** An App Store app of this run. */
export function appStoreApp(api: Target): Record<string, unknown> {
  const name = runLabel(api)
  return { name, type: 'app_store', app_store: { bundle_id: `com.${name.replaceAll('-', '.')}` } }
}

/** Creates an app (a Play Store one unless `body` says otherwise) and answers it. */
export async function createTestApp(api: Target, body = playStoreApp(api)): Promise<App> {
  const res = await api.call('create-app', { path: projectPath(api), body })
  expect(res, 'create-app for a test app').toMatchContract(201)
  return bodyOf<App>(res)
}

/** Deletes an app a test made. */
export async function deleteTestApp(api: Target, appId: string): Promise<void> {
  const res = await api.call('delete-app', { path: appPath(api, appId) })
  expect(res, 'delete-app of a test app').toMatchContract(200)
}

/** Creates a product of `appId` (a consumable unless `extra` says otherwise) and answers it. */
export async function createTestProduct(
  api: Target,
  appId: string,
  extra: Record<string, unknown> = {},
): Promise<Product> {
  const res = await api.call('create-product', {
    path: projectPath(api),
    body: { store_identifier: runLabel(api), app_id: appId, type: 'consumable', ...extra },
  })
  expect(res, 'create-product for a test product').toMatchContract(201)
  return bodyOf<Product>(res)
}

/** Deletes a product a test made. */
export async function deleteTestProduct(api: Target, productId: string): Promise<void> {
  const res = await api.call('delete-product', { path: productPath(api, productId) })
  expect(res, 'delete-product of a test product').toMatchContract(200)
}

/** Every app of the project (all pages). */
export function allApps(api: Target): Promise<App[]> {
  return allItems<App>(api, 'list-apps', projectPath(api), 'id', { limit: '100' })
}

/**
 * The app types whose products take no Test Store rules (a Test Store product needs a title):
 * the apps product tests use, since a real project may list its Test Store app first.
 */
export const STORE_APP_TYPES = [
  'app_store',
  'play_store',
  'stripe',
  'rc_billing',
  'amazon',
  'roku',
  'paddle',
  'mac_app_store',
] as const

/** An existing app of the project of one of `types`, or a skip saying the project has none. */
export async function existingApp(api: Target, ...types: string[]): Promise<App> {
  const app = (await allApps(api)).find((a) => types.length === 0 || types.includes(a.type))
  if (app === undefined)
    skipCurrent(
      `needs an app of type ${types.join(' or ')} in the project: add one to run this test`,
    )
  return app as App
}

/** Seeded apps of the sandbox's project, one of every store type (sandbox only). */
export const SANDBOX_APPS = {
  appStore: 'app5eed0001',
  playStore: 'app5eed0002',
  webBilling: 'app5eed0003',
  stripe: 'app5eed0004',
  macAppStore: 'app5eed0005',
  amazon: 'app5eed0006',
  roku: 'app5eed0007',
  paddle: 'app5eed0008',
  testStore: 'app5eed0009',
} as const
