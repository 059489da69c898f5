/** Integration identifier routes: read and set a profile's third-party ids. */
import { Hono } from 'hono'
import { type AdaptyEnv, identity, requireProfile, route, validBody } from '../env.ts'
import { adaptyError } from '../errors.ts'
import {
  integrationIdentifiers,
  malformedProfileId,
  setIntegrationIdentifiers,
} from '../state/integrations.ts'

/** The Integration routes of the Adapty emulator. */
export const integrationRoutes = new Hono<AdaptyEnv>()

/** operationId: getIntegrationIdentifiers */
route(integrationRoutes, 'getIntegrationIdentifiers', (c) => {
  // No 400 is documented here: a profile id that is not a UUID names no profile, so it gets the
  // operation's 404 profile_not_found from requireProfile.
  const profile = requireProfile(c)
  if (profile instanceof Response) return profile
  return c.json(integrationIdentifiers(profile), 200)
})

/** operationId: setIntegrationIdentifiers */
route(integrationRoutes, 'setIntegrationIdentifiers', (c) => {
  const malformed = malformedProfileId(identity(c).profileId)
  if (malformed !== undefined) return adaptyError(c, malformed)
  const profile = requireProfile(c)
  if (profile instanceof Response) return profile
  const input = validBody<Record<string, string | null>>(c)
  if ('response' in input) return input.response
  const result = setIntegrationIdentifiers(profile, input.body)
  if (!result.ok) return adaptyError(c, result.error)
  // Documented: 200 with a blank body.
  return c.body(null, 200)
})
