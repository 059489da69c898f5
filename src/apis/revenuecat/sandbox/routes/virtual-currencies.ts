/** The Virtual Currency operations: the project's currency definitions (S-36). */
import type { Context } from 'hono'
import type { SandboxEnv } from '../../../../api/api-definition.ts'
import {
  CURRENCY_CODE,
  type CurrencyInput,
  createCurrency,
  deleteCurrency,
  updateCurrency,
} from '../currencies.ts'
import { isFailure, revenuecatFailure } from '../errors.ts'
import type { VirtualCurrencyRecord } from '../model.ts'
import { apiPath, virtualCurrencyWire } from '../views.ts'
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
} from './helpers.ts'
import type { RouteTable } from './table.ts'

/** The path's currency: a code of the spec's pattern and length (400 on it), or 404. */
function findCurrency(c: Context<SandboxEnv>, route: ProjectRoute): Outcome<VirtualCurrencyRecord> {
  const code = c.req.param('virtual_currency_code') ?? ''
  if (code.length <= 10 && !CURRENCY_CODE.test(code))
    return failure(
      revenuecatFailure(
        400,
        'parameter_error',
        'virtual_currency_code must be letters, digits and underscores.',
        'virtual_currency_code',
      ),
    )
  return findRecord(
    c,
    route,
    route.project.data.virtualCurrencies,
    'virtual_currency_code',
    'Virtual currency',
    10,
  )
}

/** Declares the Virtual Currency operations. */
export function virtualCurrenciesRoutes(table: RouteTable): void {
  /** operationId: list-virtual-currencies */
  table.route('list-virtual-currencies', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const { id, data } = route.project
    return pageOf(
      c,
      [...data.virtualCurrencies.values()].map((vc) => ({
        key: vc.code,
        wire: virtualCurrencyWire(id, vc),
      })),
      apiPath(id, 'virtual_currencies'),
    )
  })

  /** operationId: create-virtual-currency */
  table.route('create-virtual-currency', (c, r) => {
    const route = projectOf(r)
    const body = readBody<CurrencyInput & { code: string; name: string }>(c, route.op)
    if (!body.ok) return fail(c, body.failure)
    const { id, data } = route.project
    const created = createCurrency(data, body.value, nowOf(route))
    if (isFailure(created)) return fail(c, created)
    audit(route, { action: 'created', targetType: 'virtual_currency', targetId: created.code })
    return ok(c, virtualCurrencyWire(id, created), 201)
  })

  /** operationId: get-virtual-currency */
  table.route('get-virtual-currency', (c, r) => {
    const route = projectOf(r)
    const currency = findCurrency(c, route)
    if (!currency.ok) return fail(c, currency.failure)
    return ok(c, virtualCurrencyWire(route.project.id, currency.value))
  })

  /** operationId: update-virtual-currency */
  table.route('update-virtual-currency', (c, r) => {
    const route = projectOf(r)
    const currency = findCurrency(c, route)
    if (!currency.ok) return fail(c, currency.failure)
    const body = readBody<CurrencyInput>(c, route.op)
    if (!body.ok) return fail(c, body.failure)
    const { id, data } = route.project
    const updated = updateCurrency(data, currency.value, body.value)
    if (isFailure(updated)) return fail(c, updated)
    audit(route, { action: 'updated', targetType: 'virtual_currency', targetId: updated.code })
    return ok(c, virtualCurrencyWire(id, updated))
  })

  /** operationId: delete-virtual-currency */
  table.route('delete-virtual-currency', (c, r) => {
    const route = projectOf(r)
    const currency = findCurrency(c, route)
    if (!currency.ok) return fail(c, currency.failure)
    deleteCurrency(route.project.data, currency.value)
    return deletedAnswer(c, route, 'virtual_currency', currency.value.code)
  })
}
