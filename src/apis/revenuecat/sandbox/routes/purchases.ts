/**
 * The Purchase operations: a purchase, the entitlements it grants, the refund of a Web Billing
 * purchase, and the search by store identifier (purchases.ts holds their state).
 */
import { refundPurchase, searchPurchases } from '../purchases.ts'
import { apiPath, entitlementsWire, inlineList, purchaseWire } from '../views.ts'
import { fail, findPurchase, ok, pageOf, projectOf, readQuery, unlocked } from './helpers.ts'
import type { RouteTable } from './table.ts'

/** Declares the Purchase operations. */
export function purchasesRoutes(table: RouteTable): void {
  /** operationId: get-purchase */
  table.route('get-purchase', (c, r) => {
    const route = projectOf(r)
    const purchase = findPurchase(c, route)
    if (!purchase.ok) return fail(c, purchase.failure)
    return ok(c, purchaseWire(route.project.id, route.project.data, purchase.value))
  })

  /** operationId: list-purchase-entitlements */
  table.route('list-purchase-entitlements', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const purchase = findPurchase(c, route)
    if (!purchase.ok) return fail(c, purchase.failure)
    const { data, id } = route.project
    return pageOf(
      c,
      entitlementsWire(id, data, purchase.value.entitlementIds).map((entitlement) => ({
        key: entitlement.id,
        wire: entitlement,
      })),
      apiPath(id, 'purchases', purchase.value.id, 'entitlements'),
    )
  })

  /** operationId: refund-purchase */
  table.route('refund-purchase', (c, r) => {
    const route = projectOf(r)
    const purchase = findPurchase(c, route)
    if (!purchase.ok) return fail(c, purchase.failure)
    const { data, id } = route.project
    const free = unlocked(data, purchase.value.customerId)
    if (!free.ok) return fail(c, free.failure)
    const refunded = refundPurchase(purchase.value)
    if ('retryable' in refunded) return fail(c, refunded)
    return ok(c, purchaseWire(id, data, refunded))
  })

  /** operationId: search-purchases */
  table.route('search-purchases', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const { data, id } = route.project
    const identifier = query.value.get('store_purchase_identifier') ?? ''
    return ok(
      c,
      inlineList(
        searchPurchases(data, identifier).map((purchase) => purchaseWire(id, data, purchase)),
        apiPath(id, 'purchases'),
      ),
    )
  })
}
