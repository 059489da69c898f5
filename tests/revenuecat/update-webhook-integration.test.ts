import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  errorParamOf,
  expectMissing,
  expectParameterError,
  missingId,
  runLabel,
} from '../support/revenuecat-data.ts'
import {
  anyAppId,
  createTestWebhook,
  deleteTestWebhook,
  hookUrl,
  SANDBOX_CONFIG,
  type Webhook,
  webhookPath,
} from '../support/revenuecat-webhooks.ts'
import { useTarget } from '../support/target.ts'

const op = 'update-webhook-integration'
const api = useTarget('revenuecat')

/** Runs `during` on a fresh test webhook made from `body`, and deletes it afterwards. */
async function withWebhook(
  body: Record<string, unknown>,
  during: (webhook: Webhook) => Promise<void>,
): Promise<void> {
  const webhook = await createTestWebhook(api, body)
  try {
    await during(webhook)
  } finally {
    await deleteTestWebhook(api, webhook.id)
  }
}

const update = (id: string, body: Record<string, unknown>) =>
  api.call(op, { path: webhookPath(api, id), body })

describe(op, () => {
  it('changes every field it is given, and reads back so [update-webhook-integration]', async () => {
    const appId = await anyAppId(api)
    await withWebhook({}, async (webhook) => {
      const name = runLabel(api)
      const res = await update(webhook.id, {
        name,
        url: hookUrl(name),
        authorization_header: 'Bearer subcontract-update-secret',
        environment: 'production',
        event_types: ['cancellation', 'uncancellation'],
        app_id: appId,
      })
      expect(res).toMatchContract(200)
      const updated = bodyOf<Webhook>(res)
      expect(updated).toEqual({
        ...webhook,
        name,
        url: hookUrl(name),
        environment: 'production',
        event_types: ['cancellation', 'uncancellation'],
        app_id: appId,
      })
      expect(res.response.bodyText).not.toContain('subcontract-update-secret')
      const read = await api.call('get-webhook-integration', { path: webhookPath(api, webhook.id) })
      expect(read).toMatchContract(200)
      expect(bodyOf(read)).toEqual(updated)
    })
  })

  it('keeps the fields it is not given', async () => {
    await withWebhook({ event_types: ['renewal'] }, async (webhook) => {
      const res = await update(webhook.id, { environment: 'production' })
      expect(res).toMatchContract(200)
      expect(bodyOf(res)).toEqual({ ...webhook, environment: 'production' })
    })
  })

  it('clears the environment, event types and app sent as null: every one again', async () => {
    const appId = await anyAppId(api)
    await withWebhook({ event_types: ['renewal'], app_id: appId }, async (webhook) => {
      const res = await update(webhook.id, {
        environment: null,
        event_types: null,
        app_id: null,
        authorization_header: null,
      })
      expect(res).toMatchContract(200)
      expect(bodyOf(res)).toEqual({
        ...webhook,
        environment: null,
        event_types: null,
        app_id: null,
      })
    })
  })

  it('changes nothing for an empty body', async () => {
    await withWebhook({}, async (webhook) => {
      const res = await update(webhook.id, {})
      expect(res).toMatchContract(200)
      expect(bodyOf(res)).toEqual(webhook)
    })
  })

  it('returns 400 parameter_error for a url that is not an absolute http(s) URL, and changes nothing', async () => {
    await withWebhook({}, async (webhook) => {
      const name = runLabel(api)
      const res = await update(webhook.id, { name, url: 'ftp://example.com/hook' })
      expect(res).toMatchContract(400)
      expect(errorParamOf(res)).toBe('url')
      const read = await api.call('get-webhook-integration', { path: webhookPath(api, webhook.id) })
      expect(bodyOf(read)).toEqual(webhook)
    })
  })

  it('returns 400 parameter_error for a name that is empty or null', async () => {
    await withWebhook({}, async (webhook) => {
      await expectParameterError(
        api,
        op,
        { path: webhookPath(api, webhook.id), body: { name: '' } },
        'name',
      )
      await expectParameterError(
        api,
        op,
        { path: webhookPath(api, webhook.id), body: { name: null } },
        'name',
      )
    })
  })

  it('returns 400 parameter_error for an environment or event type the spec does not list', async () => {
    await withWebhook({}, async (webhook) => {
      const path = webhookPath(api, webhook.id)
      await expectParameterError(api, op, { path, body: { environment: 'live' } }, 'environment')
      await expectParameterError(
        api,
        op,
        { path, body: { event_types: ['refund'] } },
        'event_types.0',
      )
      await expectParameterError(api, op, { path, body: { event_types: [] } }, 'event_types')
    })
  })

  it('returns 404 resource_missing on app_id for an app the project lacks [update-webhook-integration: unknown app]', async () => {
    await withWebhook({}, async (webhook) => {
      const res = await update(webhook.id, { app_id: missingId(api, 'app') })
      expect(res).toMatchContract(404)
      expect(errorParamOf(res)).toBe('app_id')
    })
  })

  it('returns 404 resource_missing on app_id for an app of another project', async () => {
    api.needSandbox()
    await withWebhook({}, async (webhook) => {
      const res = await update(webhook.id, { app_id: SANDBOX_CONFIG.otherProjectApp })
      expect(res).toMatchContract(404)
      expect(errorParamOf(res)).toBe('app_id')
    })
  })

  it('returns 404 resource_missing for a webhook the project lacks [update-webhook-integration: unknown webhook]', async () => {
    await expectMissing(api, op, {
      path: webhookPath(api, missingId(api, 'webhook')),
      body: { name: runLabel(api) },
    })
  })

  it('returns 400 parameter_error for an id over 255 characters', async () => {
    await expectParameterError(
      api,
      op,
      { path: webhookPath(api, 'w'.repeat(256)), body: {} },
      'webhook_integration_id',
    )
  })
})
