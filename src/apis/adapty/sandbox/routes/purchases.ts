/** Purchase routes: record a transaction made outside the SDK. */
import { Hono } from 'hono'
import { type AdaptyEnv, requireProfile, route, validBody } from '../env.ts'
import { adaptyError } from '../errors.ts'
import { profileResource } from '../resources.ts'
import { setTransaction, type TransactionInput } from '../state/purchases.ts'

/** The setTransaction route of the Adapty emulator. */
export const purchaseRoutes = new Hono<AdaptyEnv>()

/** operationId: setTransaction */
route(purchaseRoutes, 'setTransaction', (c) => {
  const profile = requireProfile(c)
  if (profile instanceof Response) return profile
  const input = validBody<TransactionInput>(c)
  if ('response' in input) return input.response
  const result = setTransaction(c.get('store'), profile, input.body)
  if (!result.ok) return adaptyError(c, result.error)
  return c.json(profileResource(c.get('store'), result.value), 200)
})
