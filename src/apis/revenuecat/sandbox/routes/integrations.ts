/** The Integration operations: webhook integrations of a project (webhooks.ts, S-44). */
import { isFailure } from '../errors.ts'
import { apiPath, webhookWire } from '../views.ts'
import {
  createWebhook,
  deleteWebhook,
  updateWebhook,
  type WebhookChanges,
  type WebhookInput,
  webhooksOf,
} from '../webhooks.ts'
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

const TARGET = 'webhook_integration'

/** Declares the Integration operations. */
export function integrationsRoutes(table: RouteTable): void {
  /** operationId: list-webhook-integrations */
  table.route('list-webhook-integrations', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const { id, data } = route.project
    return pageOf(
      c,
      webhooksOf(data).map((webhook) => ({ key: webhook.id, wire: webhookWire(id, webhook) })),
      apiPath(id, 'integrations', 'webhooks'),
    )
  })

  /** operationId: create-webhook-integration */
  table.route('create-webhook-integration', (c, r) => {
    const route = projectOf(r)
    const body = readBody<WebhookInput>(c, route.op)
    if (!body.ok) return fail(c, body.failure)
    const { id, data } = route.project
    const webhook = createWebhook(data, body.value, nowOf(route), route.state.store.ids)
    if (isFailure(webhook)) return fail(c, webhook)
    audit(route, { action: 'created', targetType: TARGET, targetId: webhook.id })
    return ok(c, webhookWire(id, webhook), 201)
  })

  /** operationId: get-webhook-integration */
  table.route('get-webhook-integration', (c, r) => {
    const route = projectOf(r)
    const { id, data } = route.project
    const webhook = findRecord(
      c,
      route,
      data.webhooks,
      'webhook_integration_id',
      'Webhook integration',
    )
    if (!webhook.ok) return fail(c, webhook.failure)
    return ok(c, webhookWire(id, webhook.value))
  })

  /** operationId: update-webhook-integration */
  table.route('update-webhook-integration', (c, r) => {
    const route = projectOf(r)
    const { id, data } = route.project
    const found = findRecord(
      c,
      route,
      data.webhooks,
      'webhook_integration_id',
      'Webhook integration',
    )
    if (!found.ok) return fail(c, found.failure)
    const body = readBody<WebhookChanges>(c, route.op)
    if (!body.ok) return fail(c, body.failure)
    const webhook = updateWebhook(data, found.value, body.value)
    if (isFailure(webhook)) return fail(c, webhook)
    audit(route, {
      action: 'updated',
      targetType: TARGET,
      targetId: webhook.id,
      additionalData: { fields: Object.keys(body.value).sort() },
    })
    return ok(c, webhookWire(id, webhook))
  })

  /** operationId: delete-webhook-integration */
  table.route('delete-webhook-integration', (c, r) => {
    const route = projectOf(r)
    const { data } = route.project
    const webhook = findRecord(
      c,
      route,
      data.webhooks,
      'webhook_integration_id',
      'Webhook integration',
    )
    if (!webhook.ok) return fail(c, webhook.failure)
    deleteWebhook(data, webhook.value)
    return deletedAnswer(c, route, TARGET, webhook.value.id)
  })
}
