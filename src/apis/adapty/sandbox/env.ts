/** The Hono environment of the Adapty emulator, and the helpers every route uses. */
import type { Context, Handler, Hono } from 'hono'
import type { Contract } from '../../../contract/load-schemas.ts'
import { getOperation } from '../../../registry/operations.ts'
import type { Operation } from '../../../registry/types.ts'
import { adaptyError, profileNotFound } from './errors.ts'
import { expireAccessLevels } from './state/access-levels.ts'
import type { AdaptyStore, ProfileRecord } from './state/store.ts'
import { validateRequestBody } from './validation.ts'

/** Variables set by app.ts middleware before any route runs. */
export interface AdaptyEnv {
  Variables: {
    /** The app the API key belongs to. */
    store: AdaptyStore
    /** The registry operation this request matched. */
    op: Operation
    contract: Contract
    /** The parsed JSON body, set by parseBody middleware for operations that take one. */
    body: unknown
    /** Set when an injected fault shapes this answer (the self-check skips it). */
    fault: string
    /** Set when the client went away mid-request: nobody reads the answer (the self-check skips it). */
    disconnected: boolean
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
  const op = getOperation('adapty', operationId)
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
