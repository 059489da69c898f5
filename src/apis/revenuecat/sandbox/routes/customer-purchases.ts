/** The Customer operations about what a customer bought: its purchases and its virtual currency balances. */

import type { Context } from 'hono'
import type { SandboxEnv } from '../../../../api/api-definition.ts'
import { isFailure } from '../errors.ts'
import type { Environment } from '../model.ts'
import { customerPurchases } from '../purchases.ts'
import { apiPath, balancesWire, inlineList, purchaseWire } from '../views.ts'
import { type AdjustmentInput, adjustBalances, type BalanceWrite } from '../virtual-currency.ts'
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
import type { RouteContext, RouteTable } from './table.ts'

const lastSegment = (path: string) => path.slice(path.lastIndexOf('/') + 1)

/** create-virtual-currencies-transaction and update-virtual-currencies-balance (virtual-currency.ts). */
function balanceWrite(operationId: BalanceWrite) {
  return (c: Context<SandboxEnv>, r: RouteContext) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const customer = findCustomer(c, route)
    if (!customer.ok) return fail(c, customer.failure)
    const body = readBody<AdjustmentInput>(c, route.op)
    if (!body.ok) return fail(c, body.failure)
    const { data, id } = route.project
    const free = unlocked(data, customer.value.id)
    if (!free.ok) return fail(c, free.failure)
    const key = c.req.header('idempotency-key')
    const result = adjustBalances(data, customer.value, operationId, body.value, {
      idempotencyKey: key === '' ? undefined : key,
      now: nowOf(route),
    })
    if (isFailure(result)) return fail(c, result)
    const includeEmpty = query.value.flag('include_empty_balances')
    // The list is the answer of this request: its url is the request's own path (the last
    // segment of the operation's, `transactions` or `update_balance`).
    const url = apiPath(
      id,
      'customers',
      customer.value.id,
      'virtual_currencies',
      lastSegment(route.op.path),
    )
    return ok(c, inlineList(balancesWire(data, result.balances, includeEmpty), url))
  }
}

/** Declares them. */
export function customerPurchasesRoutes(table: RouteTable): void {
  /** operationId: list-purchases */
  table.route('list-purchases', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const customer = findCustomer(c, route)
    if (!customer.ok) return fail(c, customer.failure)
    const { data, id } = route.project
    const environment = query.value.get('environment') as Environment | undefined
    return pageOf(
      c,
      customerPurchases(data, customer.value.id, environment).map((purchase) => ({
        key: purchase.id,
        wire: purchaseWire(id, data, purchase),
      })),
      apiPath(id, 'customers', customer.value.id, 'purchases'),
      environment === undefined ? [] : [['environment', environment]],
    )
  })

  /** operationId: list-virtual-currencies-balances */
  table.route('list-virtual-currencies-balances', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const customer = findCustomer(c, route)
    if (!customer.ok) return fail(c, customer.failure)
    const { data, id } = route.project
    const includeEmpty = query.value.flag('include_empty_balances')
    return pageOf(
      c,
      balancesWire(data, customer.value.balances, includeEmpty).map((balance) => ({
        key: balance.currency_code,
        wire: balance,
      })),
      apiPath(id, 'customers', customer.value.id, 'virtual_currencies'),
      includeEmpty ? [['include_empty_balances', 'true']] : [],
    )
  })

  /** operationId: create-virtual-currencies-transaction */
  table.route(
    'create-virtual-currencies-transaction',
    balanceWrite('create-virtual-currencies-transaction'),
  )

  /** operationId: update-virtual-currencies-balance */
  table.route(
    'update-virtual-currencies-balance',
    balanceWrite('update-virtual-currencies-balance'),
  )
}
