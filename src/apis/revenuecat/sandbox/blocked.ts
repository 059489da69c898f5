/**
 * The project's block list (the beta blocked-customer operations), free of HTTP: block a
 * customer of the project, unblock it, and the customers blocked now in the order they were
 * blocked. A block changes nothing else about the customer (DECISIONS.md, S-52).
 */
import { type RevenueCatFailure, revenuecatFailure } from './errors.ts'
import type { BlockedCustomerRecord, ProjectData } from './model.ts'

/**
 * Blocks a customer of the project now: 404 for a customer the project does not have, 409
 * `resource_already_exists` for one it blocked already (the first block's time is kept).
 */
export function blockCustomer(
  project: ProjectData,
  customerId: string,
  now: number,
): BlockedCustomerRecord | RevenueCatFailure {
  if (!project.customers.has(customerId))
    return revenuecatFailure(404, 'resource_missing', `Customer "${customerId}" does not exist.`)
  if (project.blockedCustomers.has(customerId))
    return revenuecatFailure(
      409,
      'resource_already_exists',
      `Customer "${customerId}" is blocked already.`,
      'customer_id',
    )
  const record = { customerId, blockedAt: now }
  project.blockedCustomers.set(customerId, record)
  return record
}

/** Unblocks a customer: 404 for a customer the project does not have, or does not block. */
export function unblockCustomer(
  project: ProjectData,
  customerId: string,
): BlockedCustomerRecord | RevenueCatFailure {
  if (!project.customers.has(customerId))
    return revenuecatFailure(404, 'resource_missing', `Customer "${customerId}" does not exist.`)
  const record = project.blockedCustomers.get(customerId)
  if (record === undefined)
    return revenuecatFailure(404, 'resource_missing', `Customer "${customerId}" is not blocked.`)
  project.blockedCustomers.delete(customerId)
  return record
}

/** The customers blocked now, in the order they were blocked (a deleted customer is not). */
export function blockedCustomers(project: ProjectData): BlockedCustomerRecord[] {
  return [...project.blockedCustomers.values()].filter((b) => project.customers.has(b.customerId))
}

/** Whether the project blocks this customer now. */
export function isBlocked(project: ProjectData, customerId: string): boolean {
  return project.blockedCustomers.has(customerId) && project.customers.has(customerId)
}
