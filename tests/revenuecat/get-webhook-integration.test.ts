import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  expectMissing,
  expectParameterError,
  missingId,
} from '../support/revenuecat-data.ts'
import {
  createTestWebhook,
  deleteTestWebhook,
  SANDBOX_CONFIG,
  type Webhook,
  webhookPath,
} from '../support/revenuecat-webhooks.ts'
import { useTarget } from '../support/target.ts'

const op = 'get-webhook-integration'
const api = useTarget('revenuecat')

describe(op, () => {
  it('answers the webhook as it was created, without its authorization header [get-webhook-integration]', async () => {
    const created = await createTestWebhook(api, {
      authorization_header: 'Bearer subcontract-get-secret',
      event_types: ['expiration'],
    })
    try {
      const res = await api.call(op, { path: webhookPath(api, created.id) })
      expect(res).toMatchContract(200)
      expect(bodyOf(res)).toEqual(created)
      expect(bodyOf(res)).not.toHaveProperty('authorization_header')
      expect(res.response.bodyText).not.toContain('subcontract-get-secret')
    } finally {
      await deleteTestWebhook(api, created.id)
    }
  })

  it('answers a seeded webhook scoped to one app, one environment and four event types', async () => {
    api.needSandbox()
    const res = await api.call(op, { path: webhookPath(api, SANDBOX_CONFIG.scopedWebhook) })
    expect(res).toMatchContract(200)
    expect(bodyOf<Webhook>(res)).toMatchObject({
      id: SANDBOX_CONFIG.scopedWebhook,
      app_id: SANDBOX_CONFIG.webApp,
      environment: 'production',
      event_types: ['initial_purchase', 'renewal', 'cancellation', 'expiration'],
    })
    expect(res.response.bodyText).not.toContain(SANDBOX_CONFIG.webhookSecret)
  })

  it('returns 404 resource_missing for a webhook the project lacks [get-webhook-integration: unknown webhook]', async () => {
    await expectMissing(api, op, { path: webhookPath(api, missingId(api, 'webhook')) })
  })

  it('returns 404 resource_missing for a deleted webhook', async () => {
    const created = await createTestWebhook(api)
    await deleteTestWebhook(api, created.id)
    await expectMissing(api, op, { path: webhookPath(api, created.id) })
  })

  it('returns 400 parameter_error for an id over 255 characters', async () => {
    await expectParameterError(
      api,
      op,
      { path: webhookPath(api, 'w'.repeat(256)) },
      'webhook_integration_id',
    )
  })
})
