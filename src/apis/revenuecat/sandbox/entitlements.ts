/**
 * Entitlements of a project's catalog, free of HTTP: create, rename, delete, and the products
 * attached to each (S-35). A lookup key is unique in its project (409 `resource_already_exists` on
 * `lookup_key`). Attaching and detaching work on a set: a product attached twice, or detached
 * while not attached, changes nothing and is no error; a product the project lacks is 404 on
 * `product_ids`, and nothing changes. Deleting an entitlement takes it from the customers'
 * subscriptions and purchases too, so no customer keeps access to it. Times are ms from the
 * sandbox clock.
 */
import type { Ids } from '../../../sandbox/ids.ts'
import { newId } from './checkout.ts'
import { type RevenueCatFailure, revenuecatFailure } from './errors.ts'
import type { EntitlementRecord, ProjectData } from './model.ts'
import { removeFrom } from './model.ts'

function lookupKeyTaken(project: ProjectData, lookupKey: string): RevenueCatFailure | undefined {
  for (const e of project.entitlements.values())
    if (e.lookupKey === lookupKey)
      return revenuecatFailure(
        409,
        'resource_already_exists',
        `An entitlement with lookup_key "${lookupKey}" already exists (${e.id}).`,
        'lookup_key',
      )
  return undefined
}

/** Creates an entitlement with no products; its lookup key must be new to the project. */
export function createEntitlement(
  project: ProjectData,
  input: { lookup_key: string; display_name: string },
  now: number,
  ids: Ids,
): EntitlementRecord | RevenueCatFailure {
  const taken = lookupKeyTaken(project, input.lookup_key)
  if (taken !== undefined) return taken
  const entitlement: EntitlementRecord = {
    id: newId(ids, 'entl'),
    lookupKey: input.lookup_key,
    displayName: input.display_name,
    createdAt: now,
    productIds: [],
  }
  project.entitlements.set(entitlement.id, entitlement)
  return entitlement
}

/** Renames an entitlement (its display name is all the spec lets an update change). */
export function updateEntitlement(
  entitlement: EntitlementRecord,
  input: { display_name: string },
): EntitlementRecord {
  entitlement.displayName = input.display_name
  return entitlement
}

/**
 * Deletes an entitlement, and takes it from every subscription and purchase that unlocked it
 * (grants included: their promotional subscription then unlocks nothing).
 */
export function deleteEntitlement(project: ProjectData, entitlement: EntitlementRecord): void {
  removeFrom(project, project.entitlements, entitlement.id)
  for (const owned of [...project.subscriptions.values(), ...project.purchases.values()])
    owned.entitlementIds = owned.entitlementIds.filter((id) => id !== entitlement.id)
}

/** The first of `productIds` the project lacks, as a 404 on `product_ids`, or undefined. */
function unknownProduct(project: ProjectData, productIds: readonly string[]) {
  const index = productIds.findIndex((id) => !project.products.has(id))
  if (index === -1) return undefined
  return revenuecatFailure(
    404,
    'resource_missing',
    `Product "${productIds[index]}" does not exist in this project.`,
    'product_ids',
  )
}

/** Attaches products (each once, in the order first attached); all of them, or none. */
export function attachProducts(
  project: ProjectData,
  entitlement: EntitlementRecord,
  productIds: readonly string[],
): EntitlementRecord | RevenueCatFailure {
  const unknown = unknownProduct(project, productIds)
  if (unknown !== undefined) return unknown
  for (const id of productIds)
    if (!entitlement.productIds.includes(id)) entitlement.productIds.push(id)
  return entitlement
}

/** Detaches products; one that is not attached is already where the request wants it. */
export function detachProducts(
  project: ProjectData,
  entitlement: EntitlementRecord,
  productIds: readonly string[],
): EntitlementRecord | RevenueCatFailure {
  // A product still attached after it left the catalog can be detached too.
  const unknown = unknownProduct(
    project,
    productIds.filter((id) => !entitlement.productIds.includes(id)),
  )
  if (unknown !== undefined) return unknown
  entitlement.productIds = entitlement.productIds.filter((id) => !productIds.includes(id))
  return entitlement
}
