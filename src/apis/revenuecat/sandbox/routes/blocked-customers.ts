/**
 * The beta blocked-customer operations (label beta, S-51): the project's block list, blocking
 * and unblocking a customer. Their paths sit under `/customers/blocked_customers`, which the
 * route table matches before `/customers/{customer_id}` (table.ts).
 */
import { blockCustomer, blockedCustomers, unblockCustomer } from '../blocked.ts'
import { isFailure } from '../errors.ts'
import { blockedCustomersWire } from '../views.ts'
import { fail, findCustomer, nowOf, ok, projectOf, unlocked } from './helpers.ts'
import type { RouteTable } from './table.ts'

/** Declares them. */
export function blockedCustomersRoutes(table: RouteTable): void {
  /** operationId: list-blocked-customers */
  table.route('list-blocked-customers', (c, r) => {
    const route = projectOf(r)
    return ok(c, blockedCustomersWire(blockedCustomers(route.project.data)))
  })

  /** operationId: block-customer */
  table.route('block-customer', (c, r) => {
    const route = projectOf(r)
    const customer = findCustomer(c, route)
    if (!customer.ok) return fail(c, customer.failure)
    const { data } = route.project
    const free = unlocked(data, customer.value.id)
    if (!free.ok) return fail(c, free.failure)
    const blocked = blockCustomer(data, customer.value.id, nowOf(route))
    if (isFailure(blocked)) return fail(c, blocked)
    // The spec documents a 200 with no content.
    return c.body(null, 200)
  })

  /** operationId: unblock-customer */
  table.route('unblock-customer', (c, r) => {
    const route = projectOf(r)
    const customer = findCustomer(c, route)
    if (!customer.ok) return fail(c, customer.failure)
    const { data } = route.project
    const free = unlocked(data, customer.value.id)
    if (!free.ok) return fail(c, free.failure)
    const unblocked = unblockCustomer(data, customer.value.id)
    if (isFailure(unblocked)) return fail(c, unblocked)
    return c.body(null, 204)
  })
}
