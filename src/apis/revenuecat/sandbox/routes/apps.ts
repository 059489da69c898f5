/**
 * The App operations (S-31 to S-33): each handler reads its inputs (helpers.ts), calls one state
 * function (apps.ts) and answers the wire shape (views.ts). Every successful write is audited.
 */
import {
  type AppInput,
  type AppUpdate,
  CREATE_TYPES,
  createApp,
  deleteApp,
  publicKeysOf,
  storeKitConfig,
  updateApp,
} from '../apps.ts'
import { isFailure, revenuecatFailure } from '../errors.ts'
import { apiPath, appWire, inlineList, publicApiKeyWire, storeKitConfigWire } from '../views.ts'
import {
  audit,
  deletedAnswer,
  fail,
  findRecord,
  nowOf,
  ok,
  pageOf,
  projectOf,
  readBody,
  readQuery,
} from './helpers.ts'
import type { RouteTable } from './table.ts'

/** Declares the App operations. */
export function appsRoutes(table: RouteTable): void {
  /** operationId: list-app-public-api-keys */
  table.route('list-app-public-api-keys', (c, r) => {
    const route = projectOf(r)
    const { id, data } = route.project
    const app = findRecord(c, route, data.apps, 'app_id', 'App')
    if (!app.ok) return fail(c, app.failure)
    // The operation declares no paging: every key of the app, inline.
    return ok(
      c,
      inlineList(
        publicKeysOf(data, app.value.id).map(publicApiKeyWire),
        apiPath(id, 'apps', app.value.id, 'public_api_keys'),
      ),
    )
  })

  /** operationId: list-apps */
  table.route('list-apps', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const { id, data } = route.project
    return pageOf(
      c,
      [...data.apps.values()].map((app) => ({ key: app.id, wire: appWire(id, app) })),
      apiPath(id, 'apps'),
    )
  })

  /** operationId: create-app */
  table.route('create-app', (c, r) => {
    const route = projectOf(r)
    // The contract picks the branch by `type` (a discriminator), whose refusal names no field.
    const type = (c.get('body') as { type?: unknown } | null)?.type
    if (typeof type !== 'string' || !CREATE_TYPES.includes(type))
      return fail(
        c,
        revenuecatFailure(
          400,
          'parameter_error',
          `type must be one of ${CREATE_TYPES.join(', ')}.`,
          'type',
        ),
      )
    const body = readBody<AppInput>(c, route.op)
    if (!body.ok) return fail(c, body.failure)
    const { id, data } = route.project
    const app = createApp(data, body.value, nowOf(route), route.state.store.ids)
    if (isFailure(app)) return fail(c, app)
    audit(route, { action: 'created', targetType: 'app', targetId: app.id })
    return ok(c, appWire(id, app), 201)
  })

  /** operationId: get-app */
  table.route('get-app', (c, r) => {
    const route = projectOf(r)
    const { id, data } = route.project
    const app = findRecord(c, route, data.apps, 'app_id', 'App')
    if (!app.ok) return fail(c, app.failure)
    return ok(c, appWire(id, app.value))
  })

  /** operationId: update-app */
  table.route('update-app', (c, r) => {
    const route = projectOf(r)
    const { id, data } = route.project
    const app = findRecord(c, route, data.apps, 'app_id', 'App')
    if (!app.ok) return fail(c, app.failure)
    const body = readBody<AppUpdate>(c, route.op)
    if (!body.ok) return fail(c, body.failure)
    const updated = updateApp(app.value, body.value)
    if (isFailure(updated)) return fail(c, updated)
    audit(route, { action: 'updated', targetType: 'app', targetId: updated.id })
    return ok(c, appWire(id, updated))
  })

  /** operationId: delete-app */
  table.route('delete-app', (c, r) => {
    const route = projectOf(r)
    const { data } = route.project
    const app = findRecord(c, route, data.apps, 'app_id', 'App')
    if (!app.ok) return fail(c, app.failure)
    const deleted = deleteApp(data, app.value)
    if (isFailure(deleted)) return fail(c, deleted)
    return deletedAnswer(c, route, 'app', deleted.id)
  })

  /** operationId: get-app-storekit-config */
  table.route('get-app-storekit-config', (c, r) => {
    const route = projectOf(r)
    const { data } = route.project
    const app = findRecord(c, route, data.apps, 'app_id', 'App')
    if (!app.ok) return fail(c, app.failure)
    const contents = storeKitConfig(data, app.value)
    if (isFailure(contents)) return fail(c, contents)
    return ok(c, storeKitConfigWire(contents))
  })
}
