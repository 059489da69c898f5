/**
 * What RevenueCat handlers share: reading the query and the body against the registry and the
 * contract, finding the path's customer, subscription or purchase, paging a list, and the
 * answers (`ok`, `fail`). Each refused input answers the spec's error with the `param` it is about.
 */
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { SandboxEnv } from '../../../../api/api-definition.ts'
import type { Operation } from '../../../../registry/types.ts'
import { paginate } from '../../../../sandbox/paginate.ts'
import { type Change, recordChange } from '../audit.ts'
import { type RevenueCatFailure, revenuecatError, revenuecatFailure } from '../errors.ts'
import {
  type CustomerRecord,
  cursorOf,
  type ProjectData,
  type PurchaseRecord,
  type SubscriptionRecord,
} from '../model.ts'
import { forbiddenMessage, missingScopes } from '../permissions.ts'
import type { ProjectRecord, RevenueCatState } from '../state.ts'
import type { RouteContext } from './table.ts'

/** A value, or the failure to answer instead. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: RevenueCatFailure }

/** The context of a handler whose operation is under a project. */
export interface ProjectRoute extends RouteContext {
  project: ProjectRecord
}

export const success = <T>(value: T): Outcome<T> => ({ ok: true, value })
export const failure = <T>(f: RevenueCatFailure): Outcome<T> => ({ ok: false, failure: f })

/** A JSON answer (through c.json, which the self-check reads without a copy). */
export function ok(c: Context<SandboxEnv>, body: unknown, status = 200): Response {
  return c.json(body as object, status as ContentfulStatusCode)
}

/** The error answer of a failure. */
export function fail(c: Context<SandboxEnv>, f: RevenueCatFailure): Response {
  return revenuecatError(c, f)
}

/** The sandbox clock, in ms. */
export function nowOf(route: RouteContext): number {
  return route.state.store.clock.now().getTime()
}

/** The project of a route under `/projects/{project_id}` (the table checked it exists). */
export function projectOf(route: RouteContext): ProjectRoute {
  if (route.project === undefined) throw new Error(`${route.op.operationId} has no project`)
  return route as ProjectRoute
}

/** The query of a request, read against the operation's declared parameters. */
export interface Query {
  /** The one value of a parameter, or undefined. */
  get(name: string): string | undefined
  /** A boolean parameter (`true`/`false`), false when absent. */
  flag(name: string): boolean
  /** An array parameter: repeated and comma-separated values, in order. */
  list(name: string): string[]
}

/**
 * Checks the query against the operation's declared parameters: required ones present, booleans
 * `true` or `false`, array values in their enum, strings within their length. Parameters the
 * operation does not declare are ignored, as the vendor does.
 */
export function readQuery(c: Context<SandboxEnv>, op: Operation): Outcome<Query> {
  const values = new Map<string, string[]>()
  for (const param of op.query) {
    const raw = c.req.queries(param.name) ?? []
    const given = param.type === 'array' ? raw.flatMap((v) => v.split(',')) : raw
    if (given.length === 0) {
      if (param.required)
        return failure(
          revenuecatFailure(400, 'parameter_error', `${param.name} is required.`, param.name),
        )
      continue
    }
    const bad = (problem: string) =>
      failure<Query>(
        revenuecatFailure(400, 'parameter_error', `${param.name} ${problem}`, param.name),
      )
    if (param.type !== 'array' && given.length > 1) return bad('is given more than once.')
    for (const value of given) {
      if (param.type === 'boolean' && value !== 'true' && value !== 'false')
        return bad(`must be true or false, not "${value}".`)
      if (param.type === 'integer' && !/^\d+$/.test(value))
        return bad(`must be a whole number, not "${value}".`)
      if (param.enum !== undefined && !param.enum.includes(value))
        return bad(`must be one of ${param.enum.join(', ')}, not "${value}".`)
      if (param.maxLength !== undefined && value.length > param.maxLength)
        return bad(`is longer than ${param.maxLength} characters.`)
      if (param.type !== 'array' && value === '') return bad('must not be empty.')
    }
    values.set(param.name, given)
  }
  return success({
    get: (name) => values.get(name)?.[0],
    flag: (name) => values.get(name)?.[0] === 'true',
    list: (name) => values.get(name) ?? [],
  })
}

/** The request body, checked against the operation's request schema. */
export function readBody<T>(c: Context<SandboxEnv>, op: Operation): Outcome<T> {
  const body = c.get('body')
  const schema = op.request?.schema
  if (schema === undefined) return success(body as T)
  const validate = c.get('contract').validator('revenuecat', schema)
  if (validate(body)) return success(body as T)
  const errors = validate.errors ?? []
  const specific = errors.filter((e) => !['anyOf', 'oneOf', 'if'].includes(e.keyword))
  const error = specific[0] ?? errors[0]
  const parts = (error?.instancePath ?? '').split('/').filter((p) => p !== '')
  if (error?.keyword === 'required') parts.push(String(error.params.missingProperty))
  const param = parts.length === 0 ? undefined : parts.join('.')
  const what = param ?? 'the body'
  const message =
    error?.keyword === 'required'
      ? `${what} is required.`
      : `${what} ${error?.message ?? 'is not valid'}.`
  return failure(revenuecatFailure(400, 'parameter_error', message, param))
}

/** A path id the spec limits to `max` characters: too long is 400 on that parameter. */
function pathId(c: Context<SandboxEnv>, name: string, max: number): Outcome<string> {
  const id = c.req.param(name) ?? ''
  if (id.length > max)
    return failure(
      revenuecatFailure(400, 'parameter_error', `${name} is too long (at most ${max}).`, name),
    )
  return success(id)
}

const missing = (what: string, id: string, projectId: string) =>
  revenuecatFailure(
    404,
    'resource_missing',
    `${what} "${id}" does not exist in project "${projectId}".`,
  )

/** The path's customer (`customer_id`, at most 1500 characters), or 400/404. */
export function findCustomer(
  c: Context<SandboxEnv>,
  route: ProjectRoute,
  name = 'customer_id',
): Outcome<CustomerRecord> {
  const id = pathId(c, name, 1500)
  if (!id.ok) return id
  const customer = route.project.data.customers.get(id.value)
  return customer === undefined
    ? failure(missing('Customer', id.value, route.project.id))
    : success(customer)
}

/** The path's subscription (`subscription_id`, at most 255 characters), or 400/404. */
export function findSubscription(
  c: Context<SandboxEnv>,
  route: ProjectRoute,
): Outcome<SubscriptionRecord> {
  const id = pathId(c, 'subscription_id', 255)
  if (!id.ok) return id
  const sub = route.project.data.subscriptions.get(id.value)
  return sub === undefined
    ? failure(missing('Subscription', id.value, route.project.id))
    : success(sub)
}

/** The path's purchase (`purchase_id`, at most 255 characters), or 400/404. */
export function findPurchase(c: Context<SandboxEnv>, route: ProjectRoute): Outcome<PurchaseRecord> {
  const id = pathId(c, 'purchase_id', 255)
  if (!id.ok) return id
  const purchase = route.project.data.purchases.get(id.value)
  return purchase === undefined
    ? failure(missing('Purchase', id.value, route.project.id))
    : success(purchase)
}

/**
 * 423 while another request holds the customer (a write in flight; the control route
 * `/__sandbox/projects/{project_id}/customers/{customer_id}/lock` holds one for tests, `…/unlock` lets it go).
 */
export function unlocked(project: ProjectData, customerId: string): Outcome<true> {
  if (!project.locked.has(customerId)) return success(true)
  return failure(
    revenuecatFailure(
      423,
      'resource_locked_error',
      `Customer "${customerId}" is being changed by another request; retry after backoff_ms.`,
    ),
  )
}

/**
 * The cursor a page starts after: `starting_after` as given while its item is listed; for an item
 * deleted since the client read it, the nearest item before it that is still listed (none: the
 * list's start), so a walk goes on while others delete (model.ts removeFrom). An id the project
 * never listed stays as it is, and paginate refuses it.
 */
function cursorIn(
  c: Context<SandboxEnv>,
  items: ReadonlyArray<{ key: string }>,
  after: string | undefined,
): string | undefined {
  if (after === undefined) return undefined
  const keys = new Set(items.map((item) => item.key))
  if (keys.has(after)) return after
  const state = c.get('state') as RevenueCatState | undefined
  const project = state?.project(c.req.param('project_id') ?? '')
  if (project === undefined) return after
  const at = cursorOf(project.data, (id) => keys.has(id), after)
  return at === undefined ? after : (at ?? undefined)
}

/**
 * One page of `items` (each with the key `starting_after` names), answered as a list, or the
 * 400 of a refused `limit` or `starting_after`. `carry` repeats query parameters in next_page.
 */
export function pageOf<T>(
  c: Context<SandboxEnv>,
  items: ReadonlyArray<{ key: string; wire: T }>,
  url: string,
  carry: ReadonlyArray<readonly [string, string]> = [],
): Response {
  const outcome = paginate(
    items.map((item) => ({ id: item.key, wire: item.wire })),
    {
      limit: c.req.query('limit'),
      starting_after: cursorIn(c, items, c.req.query('starting_after')),
    },
    { url, carry },
  )
  if (!outcome.ok)
    return fail(
      c,
      revenuecatFailure(400, 'parameter_error', outcome.failure.message, outcome.failure.param),
    )
  const { page } = outcome
  return ok(c, { ...page, items: page.items.map((item) => item.wire) })
}

/**
 * Records a configuration change in the project's audit log (list-audit-logs), made by this
 * request's key at the sandbox clock's now. Every configuration write calls it once it succeeded.
 */
export function audit(route: ProjectRoute, change: Change): void {
  recordChange(route.project.data, change, {
    actor: route.state.keyName,
    now: nowOf(route),
    ids: route.state.store.ids,
  })
}

/**
 * The path's configuration object: `param` read (at most `max` characters, 400 on that
 * parameter beyond) and looked up in `records`, or 404 naming `what` (`Entitlement`).
 */
export function findRecord<T>(
  c: Context<SandboxEnv>,
  route: ProjectRoute,
  records: ReadonlyMap<string, T>,
  param: string,
  what: string,
  max = 255,
): Outcome<T> {
  const id = pathId(c, param, max)
  if (!id.ok) return id
  const record = records.get(id.value)
  return record === undefined ? failure(missing(what, id.value, route.project.id)) : success(record)
}

/** A delete's answer (DeletedObject): the kind of object, its id, when (the clock's now). */
export function deletedWire(object: string, id: string, now: number) {
  return { object, id, deleted_at: now }
}

/**
 * The answer of a configuration delete that succeeded: audited as `deleted` of `object` (the
 * wire `object`, `app`) with `id`, and answered as a DeletedObject at the clock's now.
 */
export function deletedAnswer(
  c: Context<SandboxEnv>,
  route: ProjectRoute,
  object: string,
  id: string,
): Response {
  audit(route, { action: 'deleted', targetType: object, targetId: id })
  return ok(c, deletedWire(object, id, nowOf(route)))
}

/**
 * The expansions asked for, or 403 when the key lacks a scope one of them needs (the spec's
 * x-expandable-fields): `scopes` maps each expand value to the scopes it needs.
 */
export function expansions(
  route: ProjectRoute,
  asked: readonly string[],
  scopes: Readonly<Record<string, readonly string[]>>,
): Outcome<Set<string>> {
  const needed = [...new Set(asked.flatMap((value) => scopes[value] ?? []))]
  const missing = missingScopes(route.state.scopes, { ...route.op, scopes: needed })
  if (missing.length > 0)
    return failure(
      revenuecatFailure(403, 'authorization_error', forbiddenMessage(route.op, missing)),
    )
  return success(new Set(asked))
}

/** `expand` repeated into a list's next_page. */
export function carryExpand(asked: readonly string[]): Array<readonly [string, string]> {
  return asked.map((value) => ['expand', value] as const)
}
