/** The Entitlement operations: the project's entitlements and the products attached to them (S-35). */
import {
  attachProducts,
  createEntitlement,
  deleteEntitlement,
  detachProducts,
  updateEntitlement,
} from '../entitlements.ts'
import { isFailure } from '../errors.ts'
import { apiPath, entitlementProducts, entitlementWire, productWire } from '../views.ts'
import {
  audit,
  deletedAnswer,
  expansions,
  fail,
  findRecord,
  nowOf,
  ok,
  pageOf,
  projectOf,
  readBody,
  readQuery,
} from './helpers.ts'
import type { RevenueCatHandler, RouteTable } from './table.ts'

const find = (c: Parameters<typeof findRecord>[0], route: ReturnType<typeof projectOf>) =>
  findRecord(c, route, route.project.data.entitlements, 'entitlement_id', 'Entitlement')

/** The scope an entitlement's expanded `products` needs (the spec's x-expandable-fields). */
const PRODUCTS_READ = 'project_configuration:products:read'

/** Declares the Entitlement operations. */
export function entitlementsRoutes(table: RouteTable): void {
  /** operationId: get-entitlement */
  table.route('get-entitlement', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    // The expansion's scope is checked before the lookup (S-43).
    const asked = expansions(route, query.value.list('expand'), { product: [PRODUCTS_READ] })
    if (!asked.ok) return fail(c, asked.failure)
    const expand = asked.value.has('product')
    const entitlement = find(c, route)
    if (!entitlement.ok) return fail(c, entitlement.failure)
    const { id, data } = route.project
    return ok(c, entitlementWire(id, entitlement.value, expand ? data : undefined))
  })

  /** operationId: update-entitlement */
  table.route('update-entitlement', (c, r) => {
    const route = projectOf(r)
    const entitlement = find(c, route)
    if (!entitlement.ok) return fail(c, entitlement.failure)
    const body = readBody<{ display_name: string }>(c, route.op)
    if (!body.ok) return fail(c, body.failure)
    const updated = updateEntitlement(entitlement.value, body.value)
    audit(route, { action: 'updated', targetType: 'entitlement', targetId: updated.id })
    return ok(c, entitlementWire(route.project.id, updated))
  })

  /** operationId: delete-entitlement */
  table.route('delete-entitlement', (c, r) => {
    const route = projectOf(r)
    const entitlement = find(c, route)
    if (!entitlement.ok) return fail(c, entitlement.failure)
    deleteEntitlement(route.project.data, entitlement.value)
    return deletedAnswer(c, route, 'entitlement', entitlement.value.id)
  })

  /** operationId: list-entitlements */
  table.route('list-entitlements', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const asked = expansions(route, query.value.list('expand'), {
      'items.product': [PRODUCTS_READ],
    })
    if (!asked.ok) return fail(c, asked.failure)
    const expand = asked.value.has('items.product')
    const { id, data } = route.project
    return pageOf(
      c,
      [...data.entitlements.values()].map((e) => ({
        key: e.id,
        wire: entitlementWire(id, e, expand ? data : undefined),
      })),
      apiPath(id, 'entitlements'),
      expand ? [['expand', 'items.product']] : [],
    )
  })

  /** operationId: create-entitlement */
  table.route('create-entitlement', (c, r) => {
    const route = projectOf(r)
    const body = readBody<{ lookup_key: string; display_name: string }>(c, route.op)
    if (!body.ok) return fail(c, body.failure)
    const { id, data } = route.project
    const created = createEntitlement(data, body.value, nowOf(route), route.state.store.ids)
    if (isFailure(created)) return fail(c, created)
    audit(route, { action: 'created', targetType: 'entitlement', targetId: created.id })
    return ok(c, entitlementWire(id, created), 201)
  })

  /** operationId: get-products-from-entitlement */
  table.route('get-products-from-entitlement', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const entitlement = find(c, route)
    if (!entitlement.ok) return fail(c, entitlement.failure)
    const { id, data } = route.project
    return pageOf(
      c,
      entitlementProducts(data, entitlement.value).map((p) => ({
        key: p.id,
        wire: productWire(p),
      })),
      apiPath(id, 'entitlements', entitlement.value.id, 'products'),
    )
  })

  /** Attaching and detaching: the products named in the body, as a set (S-35). */
  const changeProducts =
    (action: 'attached' | 'detached', change: typeof attachProducts): RevenueCatHandler =>
    (c, r) => {
      const route = projectOf(r)
      const entitlement = find(c, route)
      if (!entitlement.ok) return fail(c, entitlement.failure)
      const body = readBody<{ product_ids: string[] }>(c, route.op)
      if (!body.ok) return fail(c, body.failure)
      const { id, data } = route.project
      const changed = change(data, entitlement.value, body.value.product_ids)
      if (isFailure(changed)) return fail(c, changed)
      audit(route, {
        action,
        targetType: 'entitlement',
        targetId: changed.id,
        additionalData: { product_ids: [...body.value.product_ids] },
      })
      return ok(c, entitlementWire(id, changed))
    }

  /** operationId: attach-products-to-entitlement */
  table.route('attach-products-to-entitlement', changeProducts('attached', attachProducts))

  /** operationId: detach-products-from-entitlement */
  table.route('detach-products-from-entitlement', changeProducts('detached', detachProducts))
}
