/**
 * The product catalog, free of HTTP (S-34): create-product adds a product to an app of the
 * project (its store identifier unique in that app), delete-product refuses a product an
 * entitlement or a package still holds, and create-product-in-store records the App Store
 * product the sandbox would have pushed, as App Store Connect would answer it.
 */
import type { Ids } from '../../../sandbox/ids.ts'
import { type RevenueCatFailure, revenuecatFailure } from './errors.ts'
import type { AppRecord, ProductRecord, ProductType, ProjectData } from './model.ts'
import { removeFrom } from './model.ts'

/** A create-product body (already checked against the contract). */
export interface ProductInput {
  store_identifier: string
  app_id: string
  type: ProductType
  display_name?: string | null
  subscription?: { duration: string } | null
  title?: string | null
}

/** A create-product-in-store body (already checked against the contract). */
export interface StoreInput {
  store_information?: {
    duration?: string
    subscription_group_name?: string
    subscription_group_id?: string | null
  }
}

/** The products of the project, or of one app, in creation order. */
export function productsOf(data: ProjectData, appId?: string): ProductRecord[] {
  const all = [...data.products.values()]
  return appId === undefined ? all : all.filter((p) => p.appId === appId)
}

/**
 * Creates a product. Its app must be one of the project's (404 on `app_id`); its store
 * identifier must be new in that app (409 on `store_identifier`); `subscription` is for Test
 * Store apps only and `title` is required there (400 on each, as the spec's field texts say).
 */
export function createProduct(
  data: ProjectData,
  input: ProductInput,
  now: number,
  ids: Ids,
): ProductRecord | RevenueCatFailure {
  const app = data.apps.get(input.app_id)
  if (app === undefined)
    return revenuecatFailure(
      404,
      'resource_missing',
      `App "${input.app_id}" does not exist in this project.`,
      'app_id',
    )
  const testStore = app.type === 'test_store'
  if (!testStore && input.subscription !== undefined && input.subscription !== null)
    return revenuecatFailure(
      400,
      'parameter_error',
      `subscription is only for Test Store products; app "${app.id}" is of type ${app.type}.`,
      'subscription',
    )
  if (testStore && (input.title === undefined || input.title === null))
    return revenuecatFailure(
      400,
      'parameter_error',
      'title is required for Test Store products.',
      'title',
    )
  const taken = productsOf(data, app.id).find((p) => p.storeIdentifier === input.store_identifier)
  if (taken !== undefined)
    return revenuecatFailure(
      409,
      'resource_already_exists',
      `App "${app.id}" already has a product with store identifier "${input.store_identifier}" (${taken.id}).`,
      'store_identifier',
    )
  const subscription = input.type === 'subscription'
  const product: ProductRecord = {
    id: ids.token('prod').replace('_', ''),
    storeIdentifier: input.store_identifier,
    type: input.type,
    appId: app.id,
    displayName: input.display_name ?? null,
    createdAt: now,
    subscription: subscription
      ? {
          duration: input.subscription?.duration ?? null,
          gracePeriodDuration: null,
          trialDuration: null,
        }
      : null,
    oneTime: subscription
      ? null
      : {
          isConsumable:
            input.type === 'consumable' ? true : input.type === 'non_consumable' ? false : null,
        },
  }
  data.products.set(product.id, product)
  return product
}

/**
 * Deletes a product. One that an entitlement or a package still holds is 422
 * `unprocessable_entity_error`, and nothing goes (S-34): detach it first. Subscriptions and
 * purchases of it keep its id, as a customer's history does.
 */
export function deleteProduct(
  data: ProjectData,
  product: ProductRecord,
): ProductRecord | RevenueCatFailure {
  const entitlements = [...data.entitlements.values()].filter((e) =>
    e.productIds.includes(product.id),
  )
  const packages = [...data.packages.values()].filter((p) =>
    p.products.some((pp) => pp.productId === product.id),
  )
  if (entitlements.length > 0 || packages.length > 0) {
    const holders = [
      ...entitlements.map((e) => `entitlement "${e.lookupKey}"`),
      ...packages.map((p) => `package "${p.lookupKey}"`),
    ].join(', ')
    return revenuecatFailure(
      422,
      'unprocessable_entity_error',
      `Product "${product.id}" is still attached to ${holders}; detach it first.`,
    )
  }
  removeFrom(data, data.products, product.id)
  return product
}

/** App Store Connect's subscription durations as ISO 8601 periods. */
const DURATION: Readonly<Record<string, string>> = {
  ONE_WEEK: 'P1W',
  ONE_MONTH: 'P1M',
  TWO_MONTHS: 'P2M',
  THREE_MONTHS: 'P3M',
  SIX_MONTHS: 'P6M',
  ONE_YEAR: 'P1Y',
}

/**
 * Pushes a product to the App Store (S-34): only a product of an App Store app (422 otherwise),
 * once (409 the second time). A subscription needs `store_information` with its duration and
 * subscription group (400 on `store_information` without them); an in-app purchase takes none
 * (400 on `store_information` when it carries a subscription's). The store product's id is
 * App Store Connect's kind of id, digits; a subscription whose period the catalog did not know
 * takes the pushed duration.
 */
export function pushToStore(
  app: AppRecord,
  product: ProductRecord,
  input: StoreInput,
  ids: Ids,
): { id: string; name: string | null } | RevenueCatFailure {
  if (app.type !== 'app_store')
    return revenuecatFailure(
      422,
      'unprocessable_entity_error',
      `Product "${product.id}" belongs to an app of type ${app.type}; only App Store products can be pushed to the store.`,
    )
  if (product.storeProduct !== undefined)
    return revenuecatFailure(
      409,
      'resource_already_exists',
      `Product "${product.id}" is in the store already (store product ${product.storeProduct.id}).`,
    )
  const info = input.store_information
  const subscriptionInfo =
    info !== undefined &&
    (info.duration !== undefined ||
      info.subscription_group_name !== undefined ||
      info.subscription_group_id !== undefined)
  if (product.type === 'subscription') {
    if (!subscriptionInfo)
      return revenuecatFailure(
        400,
        'parameter_error',
        'store_information with duration and subscription_group_name is required for a subscription product.',
        'store_information',
      )
    // The in-app purchase branch takes any object once records are open, so the
    // subscription branch's own rules are checked here.
    if (typeof info.duration !== 'string' || DURATION[info.duration] === undefined)
      return revenuecatFailure(
        400,
        'parameter_error',
        `store_information.duration must be one of ${Object.keys(DURATION).join(', ')}.`,
        'store_information.duration',
      )
    if (typeof info.subscription_group_name !== 'string')
      return revenuecatFailure(
        400,
        'parameter_error',
        'store_information.subscription_group_name is required.',
        'store_information.subscription_group_name',
      )
  }
  if (product.type !== 'subscription' && subscriptionInfo)
    return revenuecatFailure(
      400,
      'parameter_error',
      `store_information takes no subscription details for a ${product.type} product.`,
      'store_information',
    )
  const digits = Number.parseInt(ids.token('asc').slice(4, 12), 16) % 9_000_000_000
  const storeProduct = { id: String(1_000_000_000 + digits), name: product.displayName }
  product.storeProduct = storeProduct
  if (product.subscription !== null && product.subscription.duration === null && info?.duration)
    product.subscription = { ...product.subscription, duration: DURATION[info.duration] ?? null }
  return storeProduct
}
