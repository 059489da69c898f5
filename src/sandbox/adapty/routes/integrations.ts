/** Integration identifier routes: read and set a profile's third-party ids. */
import { Hono } from 'hono'
import { type AdaptyEnv, requireProfile, route, validBody } from '../env.ts'
import { adaptyError } from '../errors.ts'
import { integrationIdentifiers, setIntegrationIdentifiers } from '../state/integrations.ts'

/** The Integration routes of the Adapty emulator. */
export const integrationRoutes = new Hono<AdaptyEnv>()

/** operationId: getIntegrationIdentifiers */
route(integrationRoutes, 'getIntegrationIdentifiers', (c) => {
  const profile = requireProfile(c)
  if (profile instanceof Response) return profile
  return c.json(integrationIdentifiers(profile), 200)
})

/** operationId: setIntegrationIdentifiers */
route(integrationRoutes, 'setIntegrationIdentifiers', (c) => {
  const profile = requireProfile(c)
  if (profile instanceof Response) return profile
  const input = validBody<Record<string, string | null>>(c)
  if ('response' in input) return input.response
  const result = setIntegrationIdentifiers(profile, input.body)
  if (!result.ok) return adaptyError(c, result.error)
  // Documented: 200 with a blank body.
  return c.body(null, 200)
})
