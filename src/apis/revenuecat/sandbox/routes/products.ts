/**
 * The Product operations (S-34): each handler reads its inputs (helpers.ts), calls one state
 * function (products.ts) and answers the wire shape (views.ts). Every successful write is
 * audited. Expanding a product's `app` needs `project_configuration:apps:read` besides the
 * operation's own permission, as the spec's x-expandable-fields say.
 */
import { isFailure, revenuecatFailure } from '../errors.ts'
import {
  createProduct,
  deleteProduct,
  type ProductInput,
  productsOf,
  pushToStore,
  type StoreInput,
} from '../products.ts'
import { apiPath, productDetailWire, storeProductWire } from '../views.ts'
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
import type { RouteTable } from './table.ts'

/** The permission an expanded `app` needs. */
const APPS_READ = 'project_configuration:apps:read'

/** Declares the Product operations. */
export function productsRoutes(table: RouteTable): void {
  /** operationId: get-product */
  table.route('get-product', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const { id, data } = route.project
    const product = findRecord(c, route, data.products, 'product_id', 'Product')
    if (!product.ok) return fail(c, product.failure)
    const expand = expansions(route, query.value.list('expand'), { app: [APPS_READ] })
    if (!expand.ok) return fail(c, expand.failure)
    const expandApp = expand.value.has('app')
    return ok(c, productDetailWire(id, data, product.value, { expandApp }))
  })

  /** operationId: delete-product */
  table.route('delete-product', (c, r) => {
    const route = projectOf(r)
    const { data } = route.project
    const product = findRecord(c, route, data.products, 'product_id', 'Product')
    if (!product.ok) return fail(c, product.failure)
    const deleted = deleteProduct(data, product.value)
    if (isFailure(deleted)) return fail(c, deleted)
    return deletedAnswer(c, route, 'product', deleted.id)
  })

  /** operationId: create-product-in-store */
  table.route('create-product-in-store', (c, r) => {
    const route = projectOf(r)
    const { data } = route.project
    const product = findRecord(c, route, data.products, 'product_id', 'Product')
    if (!product.ok) return fail(c, product.failure)
    // An in-app purchase takes `{}` (the shared pipeline refuses an empty body before this).
    const body = readBody<StoreInput>(c, route.op)
    if (!body.ok) return fail(c, body.failure)
    const app = data.apps.get(product.value.appId)
    if (app === undefined) throw new Error(`product ${product.value.id} names no app`)
    const pushed = pushToStore(app, product.value, body.value, route.state.store.ids)
    if (isFailure(pushed)) return fail(c, pushed)
    audit(route, {
      action: 'created_in_store',
      targetType: 'product',
      targetId: product.value.id,
      additionalData: { store_product_id: pushed.id },
    })
    return ok(c, storeProductWire(product.value, pushed), 201)
  })

  /** operationId: list-products */
  table.route('list-products', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const { id, data } = route.project
    const appId = query.value.get('app_id')
    if (appId !== undefined && !data.apps.has(appId))
      return fail(
        c,
        revenuecatFailure(
          404,
          'resource_missing',
          `App "${appId}" does not exist in project "${id}".`,
          'app_id',
        ),
      )
    const expand = expansions(route, query.value.list('expand'), { 'items.app': [APPS_READ] })
    if (!expand.ok) return fail(c, expand.failure)
    const expandApp = expand.value.has('items.app')
    const carry: Array<[string, string]> = []
    if (appId !== undefined) carry.push(['app_id', appId])
    if (expandApp) carry.push(['expand', 'items.app'])
    return pageOf(
      c,
      productsOf(data, appId).map((product) => ({
        key: product.id,
        wire: productDetailWire(id, data, product, { expandApp }),
      })),
      apiPath(id, 'products'),
      carry,
    )
  })

  /** operationId: create-product */
  table.route('create-product', (c, r) => {
    const route = projectOf(r)
    const body = readBody<ProductInput>(c, route.op)
    if (!body.ok) return fail(c, body.failure)
    const { id, data } = route.project
    const product = createProduct(data, body.value, nowOf(route), route.state.store.ids)
    if (isFailure(product)) return fail(c, product)
    audit(route, { action: 'created', targetType: 'product', targetId: product.id })
    return ok(c, productDetailWire(id, data, product), 201)
  })
}
