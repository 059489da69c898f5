/**
 * Customer state changes, free of HTTP: create, delete, attributes. Each returns the changed
 * record or the failure the route answers with.
 */
import { type RevenueCatFailure, revenuecatFailure } from './errors.ts'
import { type CustomerRecord, newCustomer, type ProjectData } from './model.ts'

/** The customer that owns `id`, as its own id or as an alias. */
export function customerByAnyId(project: ProjectData, id: string): CustomerRecord | undefined {
  const direct = project.customers.get(id)
  if (direct !== undefined) return direct
  for (const customer of project.customers.values())
    if (customer.aliases.some((alias) => alias.id === id)) return customer
  return undefined
}

/**
 * Creates a customer, first seen now. An id any customer already has (as its id or an alias) is
 * 409 `resource_already_exists` on `id`.
 */
export function createCustomer(
  project: ProjectData,
  input: { id: string; attributes?: Array<{ name: string; value: string }> },
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
  for (const { name, value } of input.attributes ?? [])
    customer.attributes.set(name, { value, updatedAt: now })
  project.customers.set(customer.id, customer)
  return customer
}

/** Deletes a customer with everything it owns (its subscriptions and purchases). */
export function deleteCustomer(project: ProjectData, customer: CustomerRecord): void {
  project.customers.delete(customer.id)
  for (const [id, sub] of project.subscriptions)
    if (sub.customerId === customer.id) project.subscriptions.delete(id)
  for (const [id, purchase] of project.purchases)
    if (purchase.customerId === customer.id) project.purchases.delete(id)
}

/** The customers whose `$email` attribute is exactly `email`. */
export function searchByEmail(project: ProjectData, email: string): CustomerRecord[] {
  return [...project.customers.values()].filter((c) => c.attributes.get('$email')?.value === email)
}
