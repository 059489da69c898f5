/** Refund Saver routes: read and change a profile's refund preference and data-sharing consent. */
import { Hono } from 'hono'
import { type AdaptyEnv, identity, requireProfile, route, validBody } from '../env.ts'
import { adaptyError } from '../errors.ts'
import { refundSaverResource } from '../resources.ts'
import { malformedProfileId } from '../state/integrations.ts'
import { type RefundSaverInput, setRefundSaverSettings } from '../state/refund-saver.ts'

/** The Refund Saver routes of the Adapty emulator. */
export const refundSaverRoutes = new Hono<AdaptyEnv>()

/** operationId: getRefundSaverSettings */
route(refundSaverRoutes, 'getRefundSaverSettings', (c) => {
  const malformed = malformedProfileId(identity(c).profileId)
  if (malformed !== undefined) return adaptyError(c, malformed)
  const profile = requireProfile(c)
  if (profile instanceof Response) return profile
  return c.json(refundSaverResource(profile), 200)
})

/** operationId: setRefundSaverSettings */
route(refundSaverRoutes, 'setRefundSaverSettings', (c) => {
  const malformed = malformedProfileId(identity(c).profileId)
  if (malformed !== undefined) return adaptyError(c, malformed)
  const profile = requireProfile(c)
  if (profile instanceof Response) return profile
  const input = validBody<RefundSaverInput>(c)
  if ('response' in input) return input.response
  const result = setRefundSaverSettings(profile, input.body)
  if (!result.ok) return adaptyError(c, result.error)
  return c.json(refundSaverResource(result.value), 200)
})
