/** Paywall routes: list (page by page), read and update remote configs. */
import { Hono } from 'hono'
import { type AdaptyEnv, route, validBody } from '../env.ts'
import { adaptyError } from '../errors.ts'
import { paywallListJson, paywallResource } from '../resources.ts'
import { findPaywall, listPaywalls, updatePaywall } from '../state/paywalls.ts'

/** The Paywalls routes of the Adapty emulator. */
export const paywallRoutes = new Hono<AdaptyEnv>()

/** operationId: listPaywalls */
route(paywallRoutes, 'listPaywalls', (c) => {
  const result = listPaywalls(
    c.get('store'),
    c.req.query('page[number]'),
    c.req.query('page[size]'),
  )
  if (!result.ok) return adaptyError(c, result.error)
  return c.body(paywallListJson(result.value), 200, { 'content-type': 'application/json' })
})

/** operationId: getPaywall */
route(paywallRoutes, 'getPaywall', (c) => {
  const result = findPaywall(c.get('store'), c.req.param('paywall_id') ?? '')
  if (!result.ok) return adaptyError(c, result.error)
  return c.json(paywallResource(result.value, true), 200)
})

/** operationId: updatePaywall */
route(paywallRoutes, 'updatePaywall', (c) => {
  const found = findPaywall(c.get('store'), c.req.param('paywall_id') ?? '')
  if (!found.ok) return adaptyError(c, found.error)
  const input = validBody<{ remote_configs: Array<{ locale: string; data: string }> }>(c)
  if ('response' in input) return input.response
  const result = updatePaywall(c.get('store'), found.value, input.body.remote_configs)
  if (!result.ok) return adaptyError(c, result.error)
  return c.json(paywallResource(result.value, true), 200)
})
