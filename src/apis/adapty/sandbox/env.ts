/** The Hono environment of the Adapty emulator, and the helpers every route uses. */
import type { Context, Handler, Hono } from 'hono'
import type { SandboxVariables } from '../../../api/api-definition.ts'
import { indexOf } from '../../../registry/operations.ts'
import type { Operation } from '../../../registry/types.ts'
import { ADAPTY_OPERATIONS } from '../operations.ts'
import { adaptyError, profileNotFound } from './errors.ts'
import { expireAccessLevels } from './state/access-levels.ts'
import type { AdaptyStore, ProfileRecord } from './state/store.ts'
import { validateRequestBody } from './validation.ts'

/** Variables set by the shared pipeline (and app.ts) before any route runs. */
export interface AdaptyEnv {
  Variables: SandboxVariables & {
    /** The app the API key belongs to (the pipeline's `state`, typed). */
    store: AdaptyStore
  }
}

/** The context type of Adapty routes. */
export type AdaptyContext = Context<AdaptyEnv>

/** Express-style path of a registry operation (`{id}` → `:id`). */
export function honoPath(op: Operation): string {
  return op.path.replace(/\{([^}]+)\}/g, ':$1')
}

/** Registers a handler for a registry operation: method and path come from the registry only. */
export function route(
  app: Hono<AdaptyEnv>,
  operationId: string,
  handler: Handler<AdaptyEnv>,
): void {
  const op = indexOf(ADAPTY_OPERATIONS).get('adapty', operationId)
  app.on(op.method, honoPath(op), handler)
}

/** The identification headers of a request. */
export interface Identity {
  customerUserId: string | undefined
  profileId: string | undefined
}

/** Reads `adapty-customer-user-id` / `adapty-profile-id`; blank values count as absent. */
export function identity(c: AdaptyContext): Identity {
  const clean = (v: string | undefined) =>
    v === undefined || v.trim() === '' ? undefined : v.trim()
  return {
    customerUserId: clean(c.req.header('adapty-customer-user-id')),
    profileId: clean(c.req.header('adapty-profile-id')),
  }
}

/**
 * Finds the profile a request names, or answers with that operation's documented not-found
 * error. A request that names no profile cannot find one either (DECISIONS.md, A-10).
 */
export function requireProfile(c: AdaptyContext): ProfileRecord | Response {
  const { customerUserId, profileId } = identity(c)
  const store = c.get('store')
  const id =
    profileId ??
    (customerUserId === undefined ? undefined : store.profileIdByCustomerUserId.get(customerUserId))
  const profile = id === undefined ? undefined : store.profiles.get(id)
  if (profile !== undefined) expireAccessLevels(store, profile)
  return profile ?? adaptyError(c, profileNotFound(c.get('op').operationId))
}

/**
 * The request body, validated against the operation's request schema. Returns the 400 (or the
 * given status) to answer with when it is invalid.
 */
export function validBody<T>(
  c: AdaptyContext,
  options: { status?: number; errorCode?: string } = {},
): { body: T } | { response: Response } {
  const schema = c.get('op').request?.schema
  if (schema === undefined) return { body: undefined as T }
  const problem = validateRequestBody(c.get('contract'), schema, c.get('body'), options)
  return problem === undefined
    ? { body: c.get('body') as T }
    : { response: adaptyError(c, problem) }
}
