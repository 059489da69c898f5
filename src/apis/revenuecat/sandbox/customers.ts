/**
 * Customer state changes, free of HTTP: create, delete, attributes, the offering override and the
 * transfer of what a customer owns. Each returns the changed record or the failure the route
 * answers with.
 */
import { type RevenueCatFailure, revenuecatFailure } from './errors.ts'
import { type CustomerRecord, newCustomer, type ProjectData, removeFrom } from './model.ts'

/** The longest customer id the spec allows (path parameters and create-customer's `id`). */
export const MAX_CUSTOMER_ID_LENGTH = 1500

/** One attribute of a write: a null value deletes the attribute. */
export interface AttributeInput {
  name: string
  value: string | null
}

/** The customer that owns `id`, as its own id or as an alias. */
export function customerByAnyId(project: ProjectData, id: string): CustomerRecord | undefined {
  const direct = project.customers.get(id)
  if (direct !== undefined) return direct
  for (const customer of project.customers.values())
    if (customer.aliases.some((alias) => alias.id === id)) return customer
  return undefined
}

/**
 * Creates a customer, first seen now, with the attributes given (in order; a name given twice
 * keeps its last value). An id any customer already has (as its id or an alias) is 409
 * `resource_already_exists` on `id`.
 */
export function createCustomer(
  project: ProjectData,
  input: { id: string; attributes?: ReadonlyArray<{ name: string; value: string }> },
  now: number,
): CustomerRecord | RevenueCatFailure {
  if (customerByAnyId(project, input.id) !== undefined)
    return revenuecatFailure(
      409,
      'resource_already_exists',
      `A customer with id "${input.id}" already exists.`,
      'id',
    )
  const customer = newCustomer(input.id, now)
  setAttributes(customer, input.attributes ?? [], now)
  project.customers.set(customer.id, customer)
  return customer
}

/** Deletes a customer with everything it owns (its subscriptions and purchases). */
export function deleteCustomer(project: ProjectData, customer: CustomerRecord): void {
  removeFrom(project, project.customers, customer.id)
  project.locked.delete(customer.id)
  for (const [id, sub] of project.subscriptions)
    if (sub.customerId === customer.id) project.subscriptions.delete(id)
  for (const [id, purchase] of project.purchases)
    if (purchase.customerId === customer.id) project.purchases.delete(id)
}

/** The customers whose `$email` attribute is exactly `email`, in list order. */
export function searchByEmail(project: ProjectData, email: string): CustomerRecord[] {
  return [...project.customers.values()].filter((c) => c.attributes.get('$email')?.value === email)
}

/**
 * Sets attributes in the order given, each updated now: a new name goes last, a known one keeps
 * its place and takes the new value, a null value deletes the attribute (a name the customer
 * does not have is left alone). A customer may hold any number of attributes: the spec limits
 * one request (50, checked by its schema), not the total.
 */
export function setAttributes(
  customer: CustomerRecord,
  attributes: ReadonlyArray<AttributeInput>,
  now: number,
): CustomerRecord {
  for (const { name, value } of attributes) {
    if (value === null) customer.attributes.delete(name)
    else customer.attributes.set(name, { value, updatedAt: now })
  }
  return customer
}

/**
 * Sets the customer's offering override (assign-customer-offering), or clears it with null. An
 * offering the project does not have is 404 `resource_missing` on `offering_id`.
 */
export function assignOffering(
  project: ProjectData,
  customer: CustomerRecord,
  offeringId: string | null,
): CustomerRecord | RevenueCatFailure {
  if (offeringId !== null && !project.offerings.has(offeringId))
    return revenuecatFailure(
      404,
      'resource_missing',
      `Offering "${offeringId}" does not exist in this project.`,
      'offering_id',
    )
  customer.offeringId = offeringId
  return customer
}

/** What a transfer moved. */
export interface Transferred {
  source: CustomerRecord
  target: CustomerRecord
  subscriptionIds: string[]
  purchaseIds: string[]
}

/**
 * The customer a transfer moves to: another customer of the project, by its id. An empty or too
 * long id is 400 and an unknown one 404, both on `target_customer_id`; the source itself is 422
 * `unprocessable_entity_error` (a well-formed request that cannot be carried out).
 */
export function transferTarget(
  project: ProjectData,
  source: CustomerRecord,
  targetId: string,
): CustomerRecord | RevenueCatFailure {
  const param = 'target_customer_id'
  if (targetId === '' || targetId.length > MAX_CUSTOMER_ID_LENGTH)
    return revenuecatFailure(
      400,
      'parameter_error',
      `${param} must be 1 to ${MAX_CUSTOMER_ID_LENGTH} characters long.`,
      param,
    )
  if (targetId === source.id)
    return revenuecatFailure(
      422,
      'unprocessable_entity_error',
      `A customer cannot transfer its data to itself ("${targetId}").`,
      param,
    )
  const target = project.customers.get(targetId)
  if (target === undefined)
    return revenuecatFailure(
      404,
      'resource_missing',
      `Customer "${targetId}" does not exist in this project.`,
      param,
    )
  return target
}

/**
 * Moves the source's subscriptions and one-time purchases to the target: all of them, or with
 * `appIds` only those whose product belongs to one of those apps (a product the project no longer
 * has belongs to none). Their `originalCustomerId` stays; entitlements follow what is owned.
 * Attributes, aliases, invoices and balances stay with the source. An empty `appIds`, or an app
 * the project does not have, is refused on `app_ids` (400, 404).
 */
export function transferData(
  project: ProjectData,
  source: CustomerRecord,
  target: CustomerRecord,
  appIds: readonly string[] | null,
): Transferred | RevenueCatFailure {
  if (appIds !== null) {
    if (appIds.length === 0)
      return revenuecatFailure(
        400,
        'parameter_error',
        'app_ids must name at least one app, or be null to transfer everything.',
        'app_ids',
      )
    const unknown = appIds.find((id) => !project.apps.has(id))
    if (unknown !== undefined)
      return revenuecatFailure(
        404,
        'resource_missing',
        `App "${unknown}" does not exist in this project.`,
        'app_ids',
      )
  }
  const moves = (productId: string) =>
    appIds === null || appIds.includes(project.products.get(productId)?.appId ?? '')
  const moved: Transferred = { source, target, subscriptionIds: [], purchaseIds: [] }
  for (const sub of project.subscriptions.values())
    if (sub.customerId === source.id && moves(sub.productId)) {
      sub.customerId = target.id
      moved.subscriptionIds.push(sub.id)
    }
  for (const purchase of project.purchases.values())
    if (purchase.customerId === source.id && moves(purchase.productId)) {
      purchase.customerId = target.id
      moved.purchaseIds.push(purchase.id)
    }
  return moved
}
