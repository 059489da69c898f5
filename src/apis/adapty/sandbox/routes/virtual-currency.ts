/** Virtual currency routes: atomic transactions with idempotency, balances and history. */
import { Hono } from 'hono'
import { type AdaptyContext, type AdaptyEnv, requireProfile, route } from '../env.ts'
import { adaptyError } from '../errors.ts'
import {
  vcBalanceListResource,
  vcHistoryResource,
  vcTransactionResultResource,
} from '../resources.ts'
import type { ProfileRecord } from '../state/store.ts'
import {
  admitTransaction,
  balancesOf,
  beginTransaction,
  checkFeature,
  completeTransaction,
  listTransactions,
} from '../state/virtual-currency.ts'
import { validateRequestBody } from '../validation.ts'

/** The Virtual Currency routes of the Adapty emulator. */
export const virtualCurrencyRoutes = new Hono<AdaptyEnv>()

/** Schema violations of a transaction body are 422s, not the usual 400 (spec). */
const UNPROCESSABLE = { status: 422, errorCode: 'validation_error' } as const

/** The feature gate, then the profile: shared by the read operations. */
function gate(c: AdaptyContext): ProfileRecord | Response {
  const feature = checkFeature(c.get('store'))
  if (!feature.ok) return adaptyError(c, feature.error)
  return requireProfile(c)
}

/** operationId: createVirtualCurrencyTransaction */
route(virtualCurrencyRoutes, 'createVirtualCurrencyTransaction', async (c) => {
  const store = c.get('store')
  const admitted = admitTransaction(store)
  if (!admitted.ok) return adaptyError(c, admitted.error)
  const profile = requireProfile(c)
  if (profile instanceof Response) return profile
  const started = await beginTransaction(store, profile, c.req.header('idempotency-key'))
  if (!started.ok) return adaptyError(c, started.error)
  if (started.value.kind === 'replay')
    return c.json(vcTransactionResultResource(started.value.result), 200)
  const body = c.get('body')
  const schema = c.get('op').request?.schema ?? ''
  const problem = validateRequestBody(c.get('contract'), schema, body, UNPROCESSABLE)
  const result = completeTransaction(store, profile, started.value, body, problem)
  if (!result.ok) return adaptyError(c, result.error)
  return c.json(vcTransactionResultResource(result.value), 200)
})

/** operationId: listVirtualCurrencyTransactions */
route(virtualCurrencyRoutes, 'listVirtualCurrencyTransactions', (c) => {
  const profile = gate(c)
  if (profile instanceof Response) return profile
  const result = listTransactions(c.get('store'), profile, {
    currencyCode: c.req.query('currency_code'),
    cursor: c.req.query('cursor'),
    limit: c.req.query('limit'),
  })
  if (!result.ok) return adaptyError(c, result.error)
  return c.json(vcHistoryResource(result.value.items, result.value.nextCursor), 200)
})

/** operationId: listVirtualCurrencyBalances */
route(virtualCurrencyRoutes, 'listVirtualCurrencyBalances', (c) => {
  const profile = gate(c)
  if (profile instanceof Response) return profile
  const store = c.get('store')
  const now = store.clock.now().getTime()
  return c.json(vcBalanceListResource(now, balancesOf(store, profile)), 200)
})
