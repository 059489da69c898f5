/** Virtual currency routes: atomic transactions with idempotency, balances and history. */
import { Hono } from 'hono'
import { type AdaptyContext, type AdaptyEnv, requireProfile, route, validBody } from '../env.ts'
import { adaptyError } from '../errors.ts'
import { vcTransactionResource } from '../resources.ts'
import type { ProfileRecord } from '../state/store.ts'
import {
  applyTransaction,
  balancesOf,
  beginIdempotent,
  checkFeature,
  finishIdempotent,
  listTransactions,
  takeRateLimit,
  type VcTransactionInput,
} from '../state/virtual-currency.ts'

/** The Virtual Currency routes of the Adapty emulator. */
export const virtualCurrencyRoutes = new Hono<AdaptyEnv>()

/** The feature gate, then the profile: shared by every virtual currency operation. */
function gate(c: AdaptyContext): ProfileRecord | Response {
  const feature = checkFeature(c.get('store'))
  if (!feature.ok) return adaptyError(c, feature.error)
  return requireProfile(c)
}

/** operationId: createVirtualCurrencyTransaction */
route(virtualCurrencyRoutes, 'createVirtualCurrencyTransaction', async (c) => {
  const store = c.get('store')
  const feature = checkFeature(store)
  if (!feature.ok) return adaptyError(c, feature.error)
  const limited = takeRateLimit(store)
  if (!limited.ok) return adaptyError(c, limited.error)
  const profile = requireProfile(c)
  if (profile instanceof Response) return profile
  const idempotency = beginIdempotent(store, profile, c.req.header('idempotency-key'))
  if (!idempotency.ok) return adaptyError(c, idempotency.error)
  const decision = idempotency.value
  if (decision.kind === 'replay') return c.json(decision.body as object, decision.status as 200)
  const hold = store.vcHolds.get(profile.profileId)
  if (hold !== undefined) {
    store.vcHolds.delete(profile.profileId)
    hold.signalArrived()
    await hold.released
  }
  // Empty items is its own documented 400; every other schema violation is a 422.
  const raw = c.get('body') as { items?: unknown }
  const input =
    Array.isArray(raw?.items) && raw.items.length === 0
      ? { body: raw as VcTransactionInput }
      : validBody<VcTransactionInput>(c, { status: 422, errorCode: 'validation_error' })
  if ('response' in input) {
    finishIdempotent(store, profile, decision, 422, undefined)
    return input.response
  }
  const result = applyTransaction(store, profile, input.body)
  if (!result.ok) {
    finishIdempotent(store, profile, decision, result.error.status, undefined)
    return adaptyError(c, result.error)
  }
  finishIdempotent(store, profile, decision, 200, result.value)
  return c.json(result.value, 200)
})

/** operationId: listVirtualCurrencyTransactions */
route(virtualCurrencyRoutes, 'listVirtualCurrencyTransactions', (c) => {
  const profile = gate(c)
  if (profile instanceof Response) return profile
  const query = {
    ...(c.req.query('currency_code') === undefined
      ? {}
      : { currencyCode: c.req.query('currency_code') as string }),
    ...(c.req.query('cursor') === undefined ? {} : { cursor: c.req.query('cursor') as string }),
    ...(c.req.query('limit') === undefined ? {} : { limit: c.req.query('limit') as string }),
  }
  const result = listTransactions(c.get('store'), profile, query)
  if (!result.ok) return adaptyError(c, result.error)
  return c.json(
    {
      data: result.value.items.map(vcTransactionResource),
      pagination: { next_cursor: result.value.nextCursor },
    },
    200,
  )
})

/** operationId: listVirtualCurrencyBalances */
route(virtualCurrencyRoutes, 'listVirtualCurrencyBalances', (c) => {
  const profile = gate(c)
  if (profile instanceof Response) return profile
  const store = c.get('store')
  return c.json(
    {
      response_created_at: store.clock.now().getTime(),
      data: balancesOf(store, profile, store.currencies.keys()),
    },
    200,
  )
})
