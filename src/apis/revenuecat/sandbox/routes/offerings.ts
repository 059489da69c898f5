/** The Offering operations: the project's offerings, their expandable packages and products. */
import { isFailure, revenuecatFailure } from '../errors.ts'
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
import { forbiddenMessage, missingScopes } from '../permissions.ts'
import { apiPath, type OfferingExpansion, offeringWire } from '../views.ts'
import {
  audit,
  deletedAnswer,
  fail,
  failure,
  findRecord,
  nowOf,
  type Outcome,
  ok,
  type ProjectRoute,
  pageOf,
  projectOf,
  readBody,
  readQuery,
  success,
} from './helpers.ts'
import type { RouteTable } from './table.ts'

const PACKAGES_READ = 'project_configuration:packages:read'
const PRODUCTS_READ = 'project_configuration:products:read'

/**
 * The expansions asked for, or 403 when the key lacks a scope one of them needs (the spec's
 * x-expandable-fields): `scopes` maps each expand value to the scopes it needs.
 */
export function expansions(
  route: ProjectRoute,
  asked: readonly string[],
  scopes: Readonly<Record<string, readonly string[]>>,
): Outcome<Set<string>> {
  const needed = [...new Set(asked.flatMap((value) => scopes[value] ?? []))]
  const missing = missingScopes(route.state.scopes, { ...route.op, scopes: needed })
  if (missing.length > 0)
    return failure(
      revenuecatFailure(403, 'authorization_error', forbiddenMessage(route.op, missing)),
    )
  return success(new Set(asked))
}

/** `expand` repeated into a list's next_page. */
export function carryExpand(asked: readonly string[]): Array<readonly [string, string]> {
  return asked.map((value) => ['expand', value] as const)
}

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
