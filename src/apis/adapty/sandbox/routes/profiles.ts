/** Profile routes: create, read, update, delete. */
import { Hono } from 'hono'
import { type AdaptyEnv, identity, requireProfile, route, validBody } from '../env.ts'
import { adaptyError } from '../errors.ts'
import { profileResource } from '../resources.ts'
import {
  createProfile,
  deleteProfile,
  type ProfileInput,
  updateProfile,
} from '../state/profiles.ts'

/** The Profile tag of the Adapty emulator. */
export const profileRoutes = new Hono<AdaptyEnv>()

/** operationId: createProfile */
route(profileRoutes, 'createProfile', (c) => {
  const input = validBody<ProfileInput>(c)
  if ('response' in input) return input.response
  const result = createProfile(c.get('store'), identity(c), input.body)
  if (!result.ok) return adaptyError(c, result.error)
  return c.json(profileResource(c.get('store'), result.value), 200)
})

/** operationId: getProfile */
route(profileRoutes, 'getProfile', (c) => {
  const profile = requireProfile(c)
  if (profile instanceof Response) return profile
  return c.json(profileResource(c.get('store'), profile), 200)
})

/** operationId: updateProfile */
route(profileRoutes, 'updateProfile', (c) => {
  const profile = requireProfile(c)
  if (profile instanceof Response) return profile
  const input = validBody<ProfileInput>(c)
  if ('response' in input) return input.response
  const result = updateProfile(profile, input.body)
  if (!result.ok) return adaptyError(c, result.error)
  return c.json(profileResource(c.get('store'), result.value), 200)
})

/** operationId: deleteProfile */
route(profileRoutes, 'deleteProfile', (c) => {
  const profile = requireProfile(c)
  if (profile instanceof Response) return profile
  deleteProfile(c.get('store'), profile)
  return c.body(null, 204)
})
