/** The Package operations: an offering's packages and the products each one holds. */
import { isFailure } from '../errors.ts'
import type { PackageRecord } from '../model.ts'
import {
  attachProducts,
  createPackage,
  deletePackage,
  detachProducts,
  type PackageCreate,
  type PackageUpdate,
  type ProductAttachment,
  packagesOf,
  updatePackage,
} from '../offerings.ts'
import { apiPath, packageProductsWire, packageWire } from '../views.ts'
import {
  audit,
  carryExpand,
  deletedAnswer,
  expansions,
  fail,
  findRecord,
  nowOf,
  ok,
  type ProjectRoute,
  pageOf,
  projectOf,
  readBody,
  readQuery,
} from './helpers.ts'
import type { RouteTable } from './table.ts'

const PRODUCTS_READ = 'project_configuration:products:read'

/** Declares the Package operations. */
export function packagesRoutes(table: RouteTable): void {
  const wire = (route: ProjectRoute, pkg: PackageRecord, expandProducts = false) =>
    packageWire(route.project.id, route.project.data, pkg, { expandProducts })
  const find = (c: Parameters<typeof findRecord>[0], route: ProjectRoute) =>
    findRecord(c, route, route.project.data.packages, 'package_id', 'Package')
  const findOffering = (c: Parameters<typeof findRecord>[0], route: ProjectRoute) =>
    findRecord(c, route, route.project.data.offerings, 'offering_id', 'Offering')

  /** operationId: get-package */
  table.route('get-package', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const expand = expansions(route, query.value.list('expand'), { product: [PRODUCTS_READ] })
    if (!expand.ok) return fail(c, expand.failure)
    const pkg = find(c, route)
    if (!pkg.ok) return fail(c, pkg.failure)
    return ok(c, wire(route, pkg.value, expand.value.has('product')))
  })

  /** operationId: update-package */
  table.route('update-package', (c, r) => {
    const route = projectOf(r)
    const pkg = find(c, route)
    if (!pkg.ok) return fail(c, pkg.failure)
    const body = readBody<PackageUpdate>(c, route.op)
    if (!body.ok) return fail(c, body.failure)
    const updated = updatePackage(pkg.value, body.value)
    audit(route, { action: 'updated', targetType: 'package', targetId: updated.id })
    return ok(c, wire(route, updated))
  })

  /** operationId: delete-package-from-offering */
  table.route('delete-package-from-offering', (c, r) => {
    const route = projectOf(r)
    const pkg = find(c, route)
    if (!pkg.ok) return fail(c, pkg.failure)
    const deleted = deletePackage(route.project.data, pkg.value)
    return deletedAnswer(c, route, 'package', deleted.id)
  })

  /** operationId: list-packages */
  table.route('list-packages', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const asked = query.value.list('expand')
    const expand = expansions(route, asked, { 'items.product': [PRODUCTS_READ] })
    if (!expand.ok) return fail(c, expand.failure)
    const offering = findOffering(c, route)
    if (!offering.ok) return fail(c, offering.failure)
    const products = expand.value.has('items.product')
    return pageOf(
      c,
      packagesOf(route.project.data, offering.value.id).map((p) => ({
        key: p.id,
        wire: wire(route, p, products),
      })),
      apiPath(route.project.id, 'offerings', offering.value.id, 'packages'),
      carryExpand(asked),
    )
  })

  /** operationId: create-packages */
  table.route('create-packages', (c, r) => {
    const route = projectOf(r)
    const offering = findOffering(c, route)
    if (!offering.ok) return fail(c, offering.failure)
    const body = readBody<PackageCreate>(c, route.op)
    if (!body.ok) return fail(c, body.failure)
    const { data } = route.project
    const created = createPackage(
      data,
      offering.value,
      body.value,
      nowOf(route),
      route.state.store.ids,
    )
    if (isFailure(created)) return fail(c, created)
    audit(route, { action: 'created', targetType: 'package', targetId: created.id })
    return ok(c, wire(route, created), 201)
  })

  /** operationId: get-products-from-package */
  table.route('get-products-from-package', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const pkg = find(c, route)
    if (!pkg.ok) return fail(c, pkg.failure)
    return pageOf(
      c,
      packageProductsWire(route.project.data, pkg.value).map((entry) => ({
        key: entry.product.id,
        wire: entry,
      })),
      apiPath(route.project.id, 'packages', pkg.value.id, 'products'),
    )
  })

  /** operationId: attach-products-to-package */
  table.route('attach-products-to-package', (c, r) => {
    const route = projectOf(r)
    const pkg = find(c, route)
    if (!pkg.ok) return fail(c, pkg.failure)
    const body = readBody<{ products: ProductAttachment[] }>(c, route.op)
    if (!body.ok) return fail(c, body.failure)
    const attached = attachProducts(route.project.data, pkg.value, body.value.products)
    if (isFailure(attached)) return fail(c, attached)
    audit(route, {
      action: 'attached',
      targetType: 'package',
      targetId: attached.id,
      additionalData: { product_ids: body.value.products.map((p) => p.product_id) },
    })
    return ok(c, wire(route, attached))
  })

  /** operationId: detach-products-from-package */
  table.route('detach-products-from-package', (c, r) => {
    const route = projectOf(r)
    const pkg = find(c, route)
    if (!pkg.ok) return fail(c, pkg.failure)
    const body = readBody<{ product_ids: string[] }>(c, route.op)
    if (!body.ok) return fail(c, body.failure)
    const detached = detachProducts(route.project.data, pkg.value, body.value.product_ids)
    if (isFailure(detached)) return fail(c, detached)
    audit(route, {
      action: 'detached',
      targetType: 'package',
      targetId: detached.id,
      additionalData: { product_ids: body.value.product_ids },
    })
    return ok(c, wire(route, detached))
  })
}
