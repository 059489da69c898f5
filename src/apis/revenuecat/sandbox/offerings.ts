/**
 * Offerings and their packages, free of HTTP: create, update and delete them, keep exactly one
 * current offering per project (S-39), cascade an offering's deletion (S-40), and attach or detach
 * the products of a package under the one-product-per-app rule (S-41). Each function answers the
 * record it changed, or the failure to answer instead.
 */
import type { Ids } from '../../../sandbox/ids.ts'
import { newId } from './checkout.ts'
import { type RevenueCatFailure, revenuecatFailure } from './errors.ts'
import type { OfferingRecord, PackageProductRecord, PackageRecord, ProjectData } from './model.ts'
import { removeFrom } from './model.ts'

/** Free-form metadata as a request gives it: an object, null, or absent. */
type Metadata = Record<string, unknown> | null | undefined

export interface OfferingCreate {
  lookup_key: string
  display_name: string
  metadata?: Metadata
}

export interface OfferingUpdate {
  display_name?: string
  is_current?: boolean
  metadata?: Metadata
}

export interface PackageCreate {
  lookup_key: string
  display_name: string
  position?: number
}

export interface PackageUpdate {
  display_name?: string
  position?: number
}

export interface ProductAttachment {
  product_id: string
  eligibility_criteria: string
}

/** The project's offerings in creation order. */
export function offeringsOf(data: ProjectData): OfferingRecord[] {
  return [...data.offerings.values()]
}

/**
 * An offering's packages in the order the offering shows them: by position (packages without
 * one last), then by creation.
 */
export function packagesOf(data: ProjectData, offeringId: string): PackageRecord[] {
  const all = [...data.packages.values()].filter((p) => p.offeringId === offeringId)
  const rank = (p: PackageRecord) => p.position ?? Number.POSITIVE_INFINITY
  return all
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
    .map(({ p }) => p)
}

const conflict = (message: string, param: string) =>
  revenuecatFailure(409, 'resource_already_exists', message, param)

/**
 * A new offering. Its `lookup_key` is unique in the project (409 on `lookup_key`). It is current
 * only when the project has no current offering yet (its first): the request cannot ask for it.
 */
export function createOffering(
  data: ProjectData,
  input: OfferingCreate,
  now: number,
  ids: Ids,
): OfferingRecord | RevenueCatFailure {
  if (offeringsOf(data).some((o) => o.lookupKey === input.lookup_key))
    return conflict(
      `An offering with lookup_key "${input.lookup_key}" already exists in the project.`,
      'lookup_key',
    )
  const offering: OfferingRecord = {
    id: newId(ids, 'ofrng'),
    lookupKey: input.lookup_key,
    displayName: input.display_name,
    isCurrent: !offeringsOf(data).some((o) => o.isCurrent),
    createdAt: now,
    metadata: input.metadata ?? null,
  }
  data.offerings.set(offering.id, offering)
  return offering
}

/**
 * Updates what the request gives. `is_current: true` makes the offering the project's current
 * one and every other not current; `is_current: false` on the current offering is 422 on
 * `is_current` (the project would have none: make another current instead); on another it
 * changes nothing. Nothing changes when the request is refused.
 */
export function updateOffering(
  data: ProjectData,
  offering: OfferingRecord,
  input: OfferingUpdate,
): OfferingRecord | RevenueCatFailure {
  if (input.is_current === false && offering.isCurrent)
    return revenuecatFailure(
      422,
      'unprocessable_entity_error',
      `Offering "${offering.id}" is the current offering; make another offering current instead.`,
      'is_current',
    )
  if (input.display_name !== undefined) offering.displayName = input.display_name
  if (input.metadata !== undefined) offering.metadata = input.metadata
  if (input.is_current === true)
    for (const other of data.offerings.values()) other.isCurrent = other.id === offering.id
  return offering
}

/**
 * Deletes an offering with its packages and its paywalls, and clears the offering override of
 * the customers that had it (they are shown the current offering again). The current offering
 * is not deleted while others exist (422): the project would have none. Subscriptions and
 * purchases keep their `presented_offering_id`: it records what was shown when they were bought.
 */
export function deleteOffering(
  data: ProjectData,
  offering: OfferingRecord,
): OfferingRecord | RevenueCatFailure {
  if (offering.isCurrent && data.offerings.size > 1)
    return revenuecatFailure(
      422,
      'unprocessable_entity_error',
      `Offering "${offering.id}" is the current offering; make another offering current before deleting it.`,
    )
  for (const pkg of packagesOf(data, offering.id)) removeFrom(data, data.packages, pkg.id)
  for (const paywall of [...data.paywalls.values()])
    if (paywall.offeringId === offering.id) removeFrom(data, data.paywalls, paywall.id)
  for (const customer of data.customers.values())
    if (customer.offeringId === offering.id) customer.offeringId = null
  removeFrom(data, data.offerings, offering.id)
  return offering
}

/** A new package of the offering; its `lookup_key` is unique in the offering (409). */
export function createPackage(
  data: ProjectData,
  offering: OfferingRecord,
  input: PackageCreate,
  now: number,
  ids: Ids,
): PackageRecord | RevenueCatFailure {
  if (packagesOf(data, offering.id).some((p) => p.lookupKey === input.lookup_key))
    return conflict(
      `A package with lookup_key "${input.lookup_key}" already exists in offering "${offering.id}".`,
      'lookup_key',
    )
  const pkg: PackageRecord = {
    id: newId(ids, 'pkge'),
    offeringId: offering.id,
    lookupKey: input.lookup_key,
    displayName: input.display_name,
    position: input.position ?? null,
    createdAt: now,
    products: [],
  }
  data.packages.set(pkg.id, pkg)
  return pkg
}

/** Updates what the request gives (display name, position). */
export function updatePackage(pkg: PackageRecord, input: PackageUpdate): PackageRecord {
  if (input.display_name !== undefined) pkg.displayName = input.display_name
  if (input.position !== undefined) pkg.position = input.position
  return pkg
}

/** Deletes a package (its products stay in the project). */
export function deletePackage(data: ProjectData, pkg: PackageRecord): PackageRecord {
  removeFrom(data, data.packages, pkg.id)
  return pkg
}

/** The criteria a product of this store's app may be attached with. */
function allowedCriteria(appType: string | undefined): readonly string[] {
  return appType === 'play_store' ? ['all', 'google_sdk_lt_6', 'google_sdk_ge_6'] : ['all']
}

/** Whether two criteria of one app can stand side by side in a package. */
function compatible(a: string, b: string): boolean {
  return a !== 'all' && b !== 'all' && a !== b
}

/**
 * Attaches products, all or none. Each must be a product of the project (404 on
 * `products.<i>.product_id`). A package holds one product per app: with `all`, or, for a Play
 * Store app, one for `google_sdk_lt_6` and one for `google_sdk_ge_6`; the Google criteria on
 * another store's product are 422 on `products.<i>.eligibility_criteria`, and a second product
 * of an app in a place that is taken is 409 on `products.<i>.product_id`. Attaching a product the
 * package holds again sets its criteria (no error).
 */
export function attachProducts(
  data: ProjectData,
  pkg: PackageRecord,
  products: readonly ProductAttachment[],
): PackageRecord | RevenueCatFailure {
  const next: PackageProductRecord[] = pkg.products.map((p) => ({ ...p }))
  for (const [i, item] of products.entries()) {
    const product = data.products.get(item.product_id)
    if (product === undefined)
      return revenuecatFailure(
        404,
        'resource_missing',
        `Product "${item.product_id}" does not exist in the project.`,
        `products.${i}.product_id`,
      )
    const appType = data.apps.get(product.appId)?.type
    if (!allowedCriteria(appType).includes(item.eligibility_criteria))
      return revenuecatFailure(
        422,
        'unprocessable_entity_error',
        `Eligibility criteria "${item.eligibility_criteria}" apply to Play Store products only; product "${product.id}" is not one.`,
        `products.${i}.eligibility_criteria`,
      )
    const others = next.filter((p) => p.productId !== product.id)
    const taken = others.find(
      (p) =>
        data.products.get(p.productId)?.appId === product.appId &&
        !compatible(p.eligibilityCriteria, item.eligibility_criteria),
    )
    if (taken !== undefined)
      return conflict(
        `Package "${pkg.id}" already holds product "${taken.productId}" of app "${product.appId}" for these eligibility criteria; detach it first.`,
        `products.${i}.product_id`,
      )
    const held = next.find((p) => p.productId === product.id)
    if (held !== undefined) held.eligibilityCriteria = item.eligibility_criteria
    else next.push({ productId: product.id, eligibilityCriteria: item.eligibility_criteria })
  }
  pkg.products = next
  return pkg
}

/**
 * Detaches products, all or none: each must be a product of the project (404 on
 * `product_ids.<i>`); one the package does not hold is no error (it ends without it).
 */
export function detachProducts(
  data: ProjectData,
  pkg: PackageRecord,
  productIds: readonly string[],
): PackageRecord | RevenueCatFailure {
  for (const [i, id] of productIds.entries())
    if (!data.products.has(id))
      return revenuecatFailure(
        404,
        'resource_missing',
        `Product "${id}" does not exist in the project.`,
        `product_ids.${i}`,
      )
  const gone = new Set(productIds)
  pkg.products = pkg.products.filter((p) => !gone.has(p.productId))
  return pkg
}
