/** The Offering operations: the project's offerings, their expandable packages and products. */
import { isFailure } from '../errors.ts'
import type { OfferingRecord } from '../model.ts'
import {
  createOffering,
  deleteOffering,
  type OfferingCreate,
  type OfferingUpdate,
  offeringsOf,
  packagesOf,
  updateOffering,
} from '../offerings.ts'
import { apiPath, type OfferingExpansion, offeringWire } from '../views.ts'
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

const PACKAGES_READ = 'project_configuration:packages:read'
const PRODUCTS_READ = 'project_configuration:products:read'

/** Declares the Offering operations. */
export function offeringsRoutes(table: RouteTable): void {
  const wire = (route: ProjectRoute, offering: OfferingRecord, expand: OfferingExpansion = {}) =>
    offeringWire(
      route.project.id,
      route.project.data,
      offering,
      packagesOf(route.project.data, offering.id),
      expand,
    )
  const find = (c: Parameters<typeof findRecord>[0], route: ProjectRoute) =>
    findRecord(c, route, route.project.data.offerings, 'offering_id', 'Offering')

  /** operationId: get-offering */
  table.route('get-offering', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const asked = query.value.list('expand')
    const expand = expansions(route, asked, {
      package: [PACKAGES_READ],
      'package.product': [PACKAGES_READ, PRODUCTS_READ],
    })
    if (!expand.ok) return fail(c, expand.failure)
    const offering = find(c, route)
    if (!offering.ok) return fail(c, offering.failure)
    return ok(
      c,
      wire(route, offering.value, {
        packages: expand.value.has('package'),
        products: expand.value.has('package.product'),
      }),
    )
  })

  /** operationId: update-offering */
  table.route('update-offering', (c, r) => {
    const route = projectOf(r)
    const offering = find(c, route)
    if (!offering.ok) return fail(c, offering.failure)
    const body = readBody<OfferingUpdate>(c, route.op)
    if (!body.ok) return fail(c, body.failure)
    const updated = updateOffering(route.project.data, offering.value, body.value)
    if (isFailure(updated)) return fail(c, updated)
    audit(route, { action: 'updated', targetType: 'offering', targetId: updated.id })
    return ok(c, wire(route, updated))
  })

  /** operationId: delete-offering */
  table.route('delete-offering', (c, r) => {
    const route = projectOf(r)
    const offering = find(c, route)
    if (!offering.ok) return fail(c, offering.failure)
    const deleted = deleteOffering(route.project.data, offering.value)
    if (isFailure(deleted)) return fail(c, deleted)
    return deletedAnswer(c, route, 'offering', deleted.id)
  })

  /** operationId: list-offerings */
  table.route('list-offerings', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const asked = query.value.list('expand')
    const expand = expansions(route, asked, {
      'items.package': [PACKAGES_READ],
      'items.package.product': [PACKAGES_READ, PRODUCTS_READ],
    })
    if (!expand.ok) return fail(c, expand.failure)
    const how = {
      packages: expand.value.has('items.package'),
      products: expand.value.has('items.package.product'),
    }
    return pageOf(
      c,
      offeringsOf(route.project.data).map((o) => ({ key: o.id, wire: wire(route, o, how) })),
      apiPath(route.project.id, 'offerings'),
      carryExpand(asked),
    )
  })

  /** operationId: create-offering */
  table.route('create-offering', (c, r) => {
    const route = projectOf(r)
    const body = readBody<OfferingCreate>(c, route.op)
    if (!body.ok) return fail(c, body.failure)
    const created = createOffering(
      route.project.data,
      body.value,
      nowOf(route),
      route.state.store.ids,
    )
    if (isFailure(created)) return fail(c, created)
    audit(route, { action: 'created', targetType: 'offering', targetId: created.id })
    return ok(c, wire(route, created), 201)
  })
}
