/** The Paywall operations: one paywall per offering, its components kept opaque. */
import { isFailure } from '../errors.ts'
import { createPaywall, deletePaywall, paywallsOf } from '../paywalls.ts'
import { apiPath, paywallWire } from '../views.ts'
import {
  audit,
  carryExpand,
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

const OFFERINGS_READ = 'project_configuration:offerings:read'

/** Declares the Paywall operations. */
export function paywallsRoutes(table: RouteTable): void {
  /** operationId: list-paywalls */
  table.route('list-paywalls', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const asked = query.value.list('expand')
    const expand = expansions(route, asked, { 'items.offering': [OFFERINGS_READ] })
    if (!expand.ok) return fail(c, expand.failure)
    const { id, data } = route.project
    const offering = expand.value.has('items.offering')
    return pageOf(
      c,
      paywallsOf(data).map((p) => ({ key: p.id, wire: paywallWire(id, data, p, { offering }) })),
      apiPath(id, 'paywalls'),
      carryExpand(asked),
    )
  })

  /** operationId: create-paywall */
  table.route('create-paywall', (c, r) => {
    const route = projectOf(r)
    const body = readBody<{ offering_id: string }>(c, route.op)
    if (!body.ok) return fail(c, body.failure)
    const { id, data } = route.project
    const created = createPaywall(data, body.value.offering_id, nowOf(route), route.state.store.ids)
    if (isFailure(created)) return fail(c, created)
    audit(route, { action: 'created', targetType: 'paywall', targetId: created.id })
    return ok(c, paywallWire(id, data, created), 201)
  })

  /** operationId: get-paywall */
  table.route('get-paywall', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const expand = expansions(route, query.value.list('expand'), {
      offering: [OFFERINGS_READ],
      components: [OFFERINGS_READ],
    })
    if (!expand.ok) return fail(c, expand.failure)
    const { id, data } = route.project
    const paywall = findRecord(c, route, data.paywalls, 'paywall_id', 'Paywall')
    if (!paywall.ok) return fail(c, paywall.failure)
    return ok(
      c,
      paywallWire(id, data, paywall.value, {
        offering: expand.value.has('offering'),
        components: expand.value.has('components'),
      }),
    )
  })

  /** operationId: delete-paywall */
  table.route('delete-paywall', (c, r) => {
    const route = projectOf(r)
    const paywall = findRecord(c, route, route.project.data.paywalls, 'paywall_id', 'Paywall')
    if (!paywall.ok) return fail(c, paywall.failure)
    const deleted = deletePaywall(route.project.data, paywall.value)
    return deletedAnswer(c, route, 'paywall', deleted.id)
  })
}
