/**
 * The Customer operations. Each handler reads its inputs (helpers.ts), calls one state function
 * (customers.ts and the other state files) and answers the wire shape (views.ts).
 */

import {
  type AttributeInput,
  assignOffering,
  createCustomer,
  deleteCustomer,
  searchByEmail,
  setAttributes,
  transferData,
  transferTarget,
} from '../customers.ts'
import { isFailure } from '../errors.ts'
import { aliasesOf, apiPath, attributesOf, customerWire, inlineList } from '../views.ts'
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
import type { RouteTable } from './table.ts'

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
    if (isFailure(created)) return fail(c, created)
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
  table.route('transfer-customer-data', (c, r) => {
    const route = projectOf(r)
    const body = readBody<{ target_customer_id: string; app_ids?: string[] | null }>(c, route.op)
    if (!body.ok) return fail(c, body.failure)
    const source = findCustomer(c, route)
    if (!source.ok) return fail(c, source.failure)
    const { data, id } = route.project
    const sourceFree = unlocked(data, source.value.id)
    if (!sourceFree.ok) return fail(c, sourceFree.failure)
    const target = transferTarget(data, source.value, body.value.target_customer_id)
    if (isFailure(target)) return fail(c, target)
    const targetFree = unlocked(data, target.id)
    if (!targetFree.ok) return fail(c, targetFree.failure)
    const moved = transferData(data, source.value, target, body.value.app_ids ?? null)
    if (isFailure(moved)) return fail(c, moved)
    const now = nowOf(route)
    return ok(c, {
      source_customer: customerWire(id, data, moved.source, now),
      target_customer: customerWire(id, data, moved.target, now),
    })
  })

  /** operationId: assign-customer-offering */
  table.route('assign-customer-offering', (c, r) => {
    const route = projectOf(r)
    const body = readBody<{ offering_id: string | null }>(c, route.op)
    if (!body.ok) return fail(c, body.failure)
    const customer = findCustomer(c, route)
    if (!customer.ok) return fail(c, customer.failure)
    const free = unlocked(route.project.data, customer.value.id)
    if (!free.ok) return fail(c, free.failure)
    const assigned = assignOffering(route.project.data, customer.value, body.value.offering_id)
    if (isFailure(assigned)) return fail(c, assigned)
    // The spec documents a 200 with no content.
    return c.body(null, 200)
  })

  /** operationId: list-customer-aliases */
  table.route('list-customer-aliases', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const customer = findCustomer(c, route)
    if (!customer.ok) return fail(c, customer.failure)
    return pageOf(
      c,
      aliasesOf(customer.value).map((alias) => ({ key: alias.id, wire: alias })),
      apiPath(route.project.id, 'customers', customer.value.id, 'aliases'),
    )
  })

  /** operationId: list-customer-attributes */
  table.route('list-customer-attributes', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const customer = findCustomer(c, route)
    if (!customer.ok) return fail(c, customer.failure)
    return pageOf(
      c,
      attributesOf(customer.value).map((attribute) => ({ key: attribute.name, wire: attribute })),
      apiPath(route.project.id, 'customers', customer.value.id, 'attributes'),
    )
  })

  /** operationId: set-customer-attributes */
  table.route('set-customer-attributes', (c, r) => {
    const route = projectOf(r)
    const body = readBody<{ attributes: AttributeInput[] }>(c, route.op)
    if (!body.ok) return fail(c, body.failure)
    const customer = findCustomer(c, route)
    if (!customer.ok) return fail(c, customer.failure)
    const free = unlocked(route.project.data, customer.value.id)
    if (!free.ok) return fail(c, free.failure)
    const updated = setAttributes(customer.value, body.value.attributes, nowOf(route))
    // The whole list after the change, in one piece (the operation takes no paging parameters).
    return ok(
      c,
      inlineList(
        attributesOf(updated),
        apiPath(route.project.id, 'customers', updated.id, 'attributes'),
      ),
    )
  })
}
