/** The Customer operations about access: granted entitlements, active entitlements and the customer's subscriptions. */
import { isFailure } from '../errors.ts'
import type { Environment } from '../model.ts'
import {
  customerSubscriptions,
  grantEntitlement,
  revokeGrantedEntitlement,
} from '../subscriptions.ts'
import {
  activeEntitlements,
  activeEntitlementWire,
  apiPath,
  customerWire,
  subscriptionWire,
} from '../views.ts'
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

/** Declares them. */
export function customerAccessRoutes(table: RouteTable): void {
  /** operationId: grant-customer-entitlement */
  table.route('grant-customer-entitlement', (c, r) => {
    const route = projectOf(r)
    const customer = findCustomer(c, route)
    if (!customer.ok) return fail(c, customer.failure)
    const body = readBody<{ entitlement_id: string; expires_at: number }>(c, route.op)
    if (!body.ok) return fail(c, body.failure)
    const { id, data } = route.project
    const free = unlocked(data, customer.value.id)
    if (!free.ok) return fail(c, free.failure)
    const now = nowOf(route)
    const granted = grantEntitlement(data, customer.value, body.value, now, route.state.store.ids)
    if (isFailure(granted)) return fail(c, granted)
    return ok(c, customerWire(id, data, customer.value, now), 201)
  })

  /** operationId: revoke-customer-granted-entitlement */
  table.route('revoke-customer-granted-entitlement', (c, r) => {
    const route = projectOf(r)
    const customer = findCustomer(c, route)
    if (!customer.ok) return fail(c, customer.failure)
    const body = readBody<{ entitlement_id: string }>(c, route.op)
    if (!body.ok) return fail(c, body.failure)
    const { id, data } = route.project
    const free = unlocked(data, customer.value.id)
    if (!free.ok) return fail(c, free.failure)
    const now = nowOf(route)
    const revoked = revokeGrantedEntitlement(data, customer.value, body.value.entitlement_id, now)
    if (isFailure(revoked)) return fail(c, revoked)
    return ok(c, customerWire(id, data, customer.value, now))
  })

  /** operationId: list-customer-active-entitlements */
  table.route('list-customer-active-entitlements', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const customer = findCustomer(c, route)
    if (!customer.ok) return fail(c, customer.failure)
    const { id, data } = route.project
    return pageOf(
      c,
      activeEntitlements(data, customer.value.id, nowOf(route)).map((entry) => ({
        key: entry.entitlementId,
        wire: activeEntitlementWire(entry),
      })),
      apiPath(id, 'customers', customer.value.id, 'active_entitlements'),
    )
  })

  /** operationId: list-subscriptions */
  table.route('list-subscriptions', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const customer = findCustomer(c, route)
    if (!customer.ok) return fail(c, customer.failure)
    const { id, data } = route.project
    const environment = query.value.get('environment') as Environment | undefined
    const now = nowOf(route)
    return pageOf(
      c,
      customerSubscriptions(data, customer.value.id, environment).map((sub) => ({
        key: sub.id,
        wire: subscriptionWire(id, data, sub, now),
      })),
      apiPath(id, 'customers', customer.value.id, 'subscriptions'),
      environment === undefined ? [] : [['environment', environment]],
    )
  })
}
