/** Access level routes: grant and revoke. */
import { Hono } from 'hono'
import { type AdaptyEnv, requireProfile, route, validBody } from '../env.ts'
import { adaptyError } from '../errors.ts'
import { profileResource } from '../resources.ts'
import {
  type GrantInput,
  grantAccessLevel,
  type RevokeInput,
  revokeAccessLevel,
} from '../state/access-levels.ts'

/** The access level routes of the Adapty emulator. */
export const accessLevelRoutes = new Hono<AdaptyEnv>()

/** operationId: grantAccessLevel */
route(accessLevelRoutes, 'grantAccessLevel', (c) => {
  const profile = requireProfile(c)
  if (profile instanceof Response) return profile
  const input = validBody<GrantInput>(c)
  if ('response' in input) return input.response
  const result = grantAccessLevel(c.get('store'), profile, input.body)
  if (!result.ok) return adaptyError(c, result.error)
  return c.json(profileResource(c.get('store'), result.value), 200)
})

/** operationId: revokeAccessLevel */
route(accessLevelRoutes, 'revokeAccessLevel', (c) => {
  const profile = requireProfile(c)
  if (profile instanceof Response) return profile
  const input = validBody<RevokeInput>(c)
  if ('response' in input) return input.response
  const result = revokeAccessLevel(c.get('store'), profile, input.body)
  if (!result.ok) return adaptyError(c, result.error)
  return c.json(profileResource(c.get('store'), result.value), 200)
})
