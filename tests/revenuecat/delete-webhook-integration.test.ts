import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  expectMissing,
  expectParameterError,
  itemsOf,
  missingId,
  projectPath,
} from '../support/revenuecat-data.ts'
import { createTestWebhook, type Webhook, webhookPath } from '../support/revenuecat-webhooks.ts'
import { useTarget } from '../support/target.ts'

const op = 'delete-webhook-integration'
const api = useTarget('revenuecat')

describe(op, () => {
  it('deletes the webhook: the list and a read no longer find it [delete-webhook-integration]', async () => {
    const created = await createTestWebhook(api)
    const res = await api.call(op, { path: webhookPath(api, created.id) })
    expect(res).toMatchContract(200)
    expect(bodyOf(res)).toEqual({
      object: 'webhook_integration',
      id: created.id,
      deleted_at: expect.any(Number),
    })
    expect(bodyOf<{ deleted_at: number }>(res).deleted_at).toBeGreaterThanOrEqual(
      created.created_at,
    )
    await expectMissing(api, 'get-webhook-integration', { path: webhookPath(api, created.id) })
    const list = await api.call('list-webhook-integrations', {
      path: projectPath(api),
      query: { limit: 100 },
    })
    expect(list).toMatchContract(200)
    expect(itemsOf<Webhook>(list).map((w) => w.id)).not.toContain(created.id)
  })

  it('returns 404 resource_missing when the webhook is deleted already', async () => {
    const created = await createTestWebhook(api)
    expect(await api.call(op, { path: webhookPath(api, created.id) })).toMatchContract(200)
    await expectMissing(api, op, { path: webhookPath(api, created.id) })
  })

  it('returns 404 resource_missing for a webhook the project lacks [delete-webhook-integration: unknown webhook]', async () => {
    await expectMissing(api, op, { path: webhookPath(api, missingId(api, 'webhook')) })
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
