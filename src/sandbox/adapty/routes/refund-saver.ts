/** Refund Saver routes: read and change a profile's refund preference and data-sharing consent. */
import { Hono } from 'hono'
import { type AdaptyEnv, requireProfile, route, validBody } from '../env.ts'
import { refundSaverResource } from '../resources.ts'
import { type RefundSaverInput, setRefundSaverSettings } from '../state/integrations.ts'

/** The Refund Saver routes of the Adapty emulator. */
export const refundSaverRoutes = new Hono<AdaptyEnv>()

/** operationId: getRefundSaverSettings */
route(refundSaverRoutes, 'getRefundSaverSettings', (c) => {
  const profile = requireProfile(c)
  if (profile instanceof Response) return profile
  return c.json(refundSaverResource(profile), 200)
})

/** operationId: setRefundSaverSettings */
route(refundSaverRoutes, 'setRefundSaverSettings', (c) => {
  const profile = requireProfile(c)
  if (profile instanceof Response) return profile
  const input = validBody<RefundSaverInput>(c)
  if ('response' in input) return input.response
  setRefundSaverSettings(profile, input.body)
  return c.json(refundSaverResource(profile), 200)
})
