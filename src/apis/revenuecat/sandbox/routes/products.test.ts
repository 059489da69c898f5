// The App and Product routes in the shared pipeline, on the default seed: what the suites cannot
// show from a seeded target variable (a key that may read products but not apps, S-34) and the
// audit entries their writes record.
import { describe, expect, it } from 'vitest'
import { revenueCatPipeline } from '../test-pipeline.ts'

/** The seeded key that may read and write products but not read apps. */
const NO_APPS_KEY = 'sk_sandbox_fake_noapps'

function setup() {
  const pipeline = revenueCatPipeline({ selfCheck: false })
  const request = (path: string, init: RequestInit = {}, key?: string) =>
    pipeline.request(
      `/v2/projects/${pipeline.project}${path}`,
      {
        ...init,
        headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
      },
      key,
    )
  return { request }
}

describe('App and Product routes', () => {
  it('refuses to expand a product’s app for a key that may not read apps (403)', async () => {
    const { request } = setup()
    const plain = await request('/products/prod5eed0001', {}, NO_APPS_KEY)
    expect(plain.status).toBe(200)
    const expanded = await request('/products/prod5eed0001?expand=app', {}, NO_APPS_KEY)
    expect(expanded.status).toBe(403)
    expect(await expanded.json()).toMatchObject({
      type: 'authorization_error',
      message: expect.stringContaining('project_configuration:apps:read'),
    })
    const list = await request('/products?expand=items.app', {}, NO_APPS_KEY)
    expect(list.status).toBe(403)
  })

  it('records every write in the audit log', async () => {
    const { request } = setup()
    const created = await request('/apps', {
      method: 'POST',
      body: JSON.stringify({
        name: 'Audited',
        type: 'play_store',
        play_store: { package_name: 'a.b' },
      }),
    })
    expect(created.status).toBe(201)
    const appId = ((await created.json()) as { id: string }).id
    const updated = await request(`/apps/${appId}`, {
      method: 'POST',
      body: JSON.stringify({ name: 'Audited 2' }),
    })
    expect(updated.status).toBe(200)
    const product = await request('/products', {
      method: 'POST',
      body: JSON.stringify({ store_identifier: 'audited', app_id: appId, type: 'consumable' }),
    })
    const productId = ((await product.json()) as { id: string }).id
    expect((await request(`/products/${productId}`, { method: 'DELETE' })).status).toBe(200)
    expect((await request(`/apps/${appId}`, { method: 'DELETE' })).status).toBe(200)
    const logs = await request('/audit_logs?limit=100')
    const entries = ((await logs.json()) as { items: Array<Record<string, unknown>> }).items
    expect(
      entries
        .filter((e) => e.target_identifier === appId || e.target_identifier === productId)
        .map((e) => e.action_type),
    ).toEqual(
      ['app.created', 'app.updated', 'product.created', 'product.deleted', 'app.deleted'].reverse(),
    )
  })
})
