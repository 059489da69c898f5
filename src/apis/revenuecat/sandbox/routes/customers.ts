/**
 * The Customer operations. Each handler reads its inputs (helpers.ts), calls one state function
 * (customers.ts and the other state files) and answers the wire shape (views.ts).
 */
import { createCustomer, deleteCustomer, searchByEmail } from '../customers.ts'
import { apiPath, customerWire } from '../views.ts'
import {
  fail,
  findCustomer,
  nowOf,
  ok,
  pageOf,
  projectOf,
  readBody,
  readQuery,
  unlocked,
} from './helpers.ts'
import { notEmulated, type RouteTable } from './table.ts'

/** Declares the Customer operations. */
export function customersRoutes(table: RouteTable): void {
  /** operationId: list-customers */
  table.route('list-customers', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const { data, id } = route.project
    const search = query.value.get('search')
    const customers =
      search === undefined ? [...data.customers.values()] : searchByEmail(data, search)
    const now = nowOf(route)
    return pageOf(
      c,
      customers.map((customer) => ({
        key: customer.id,
        wire: customerWire(id, data, customer, now),
      })),
      apiPath(id, 'customers'),
      search === undefined ? [] : [['search', search]],
    )
  })

  /** operationId: create-customer */
  table.route('create-customer', (c, r) => {
    const route = projectOf(r)
    const body = readBody<{ id: string; attributes?: Array<{ name: string; value: string }> }>(
      c,
      route.op,
    )
    if (!body.ok) return fail(c, body.failure)
    const now = nowOf(route)
    const created = createCustomer(route.project.data, body.value, now)
    if ('status' in created) return fail(c, created)
    return ok(c, customerWire(route.project.id, route.project.data, created, now), 201)
  })

  /** operationId: get-customer */
  table.route('get-customer', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const customer = findCustomer(c, route)
    if (!customer.ok) return fail(c, customer.failure)
    const expandAttributes = query.value.list('expand').includes('attributes')
    const { id, data } = route.project
    return ok(c, customerWire(id, data, customer.value, nowOf(route), { expandAttributes }))
  })

  /** operationId: delete-customer */
  table.route('delete-customer', (c, r) => {
    const route = projectOf(r)
    const customer = findCustomer(c, route)
    if (!customer.ok) return fail(c, customer.failure)
    const free = unlocked(route.project.data, customer.value.id)
    if (!free.ok) return fail(c, free.failure)
    deleteCustomer(route.project.data, customer.value)
    return ok(c, { object: 'customer', id: customer.value.id, deleted_at: nowOf(route) })
  })

  /** operationId: transfer-customer-data */
  table.route('transfer-customer-data', notEmulated)
  /** operationId: assign-customer-offering */
  table.route('assign-customer-offering', notEmulated)
  /** operationId: list-customer-aliases */
  table.route('list-customer-aliases', notEmulated)
  /** operationId: list-customer-attributes */
  table.route('list-customer-attributes', notEmulated)
  /** operationId: set-customer-attributes */
  table.route('set-customer-attributes', notEmulated)
}
