import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  errorParamOf,
  expectMissing,
  expectParameterError,
  itemsOf,
  missingId,
  projectPath,
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

const op = 'create-webhook-integration'
const api = useTarget('revenuecat')

/** Sends a create with the run's label as its name, `body` on top; deletes what it made. */
async function create(body: Record<string, unknown>) {
  const name = runLabel(api)
  const res = await api.call(op, {
    path: projectPath(api),
    body: { name, url: hookUrl(name), ...body },
  })
  if (res.response.status === 201) await deleteTestWebhook(api, bodyOf<Webhook>(res).id)
  return res
}

describe(op, () => {
  it('creates a webhook with every field, and reads it back [create-webhook-integration]', async () => {
    const appId = await anyAppId(api)
    const name = runLabel(api)
    const res = await api.call(op, {
      path: projectPath(api),
      body: {
        name,
        url: hookUrl(name),
        authorization_header: 'Bearer subcontract-test-secret',
        environment: 'sandbox',
        event_types: ['initial_purchase', 'renewal', 'virtual_currency_transaction'],
        app_id: appId,
      },
    })
    expect(res).toMatchContract(201)
    const webhook = bodyOf<Webhook>(res)
    try {
      expect(webhook).toEqual({
        object: 'webhook_integration',
        id: expect.any(String),
        project_id: api.need('projectId'),
        name,
        url: hookUrl(name),
        environment: 'sandbox',
        event_types: ['initial_purchase', 'renewal', 'virtual_currency_transaction'],
        app_id: appId,
        created_at: expect.any(Number),
      })
      // The authorization header is a secret: never answered back.
      expect(res.response.bodyText).not.toContain('subcontract-test-secret')
      const read = await api.call('get-webhook-integration', { path: webhookPath(api, webhook.id) })
      expect(read).toMatchContract(200)
      expect(bodyOf(read)).toEqual(webhook)
      const list = await api.call('list-webhook-integrations', {
        path: projectPath(api),
        query: { limit: 100 },
      })
      expect(list).toMatchContract(200)
      expect(itemsOf<Webhook>(list).find((w) => w.id === webhook.id)).toEqual(webhook)
    } finally {
      await deleteTestWebhook(api, webhook.id)
    }
  })

  it('creates a webhook of every app, environment and event type from a name and a url', async () => {
    const name = runLabel(api)
    const res = await api.call(op, { path: projectPath(api), body: { name, url: hookUrl(name) } })
    expect(res).toMatchContract(201)
    const webhook = bodyOf<Webhook>(res)
    await deleteTestWebhook(api, webhook.id)
    expect(webhook).toMatchObject({ name, environment: null, event_types: null, app_id: null })
  })

  it('takes explicit nulls as every app, environment and event type', async () => {
    const webhook = await createTestWebhook(api, {
      authorization_header: null,
      environment: null,
      event_types: null,
      app_id: null,
    })
    await deleteTestWebhook(api, webhook.id)
    expect(webhook).toMatchObject({ environment: null, event_types: null, app_id: null })
  })

  it('accepts an http URL and a host that is not public: the sandbox never calls it (S-44)', async () => {
    api.needSandbox()
    for (const url of ['http://localhost:8080/revenuecat', 'https://10.1.2.3/hooks']) {
      const res = await create({ url, environment: 'production' })
      expect(res, url).toMatchContract(201)
      expect(bodyOf<Webhook>(res).url).toBe(url)
    }
  })

  it('returns 400 parameter_error for a missing or empty name', async () => {
    const url = hookUrl(runLabel(api))
    await expectParameterError(api, op, { path: projectPath(api), body: { url } }, 'name')
    await expectParameterError(api, op, { path: projectPath(api), body: { name: '', url } }, 'name')
  })

  it('returns 400 parameter_error for a name over 1500 characters', async () => {
    const name = `${runLabel(api)}-${'n'.repeat(1500)}`
    await expectParameterError(
      api,
      op,
      { path: projectPath(api), body: { name, url: hookUrl('long') } },
      'name',
    )
  })

  it('returns 400 parameter_error for a missing url [create-webhook-integration: missing url]', async () => {
    await expectParameterError(
      api,
      op,
      { path: projectPath(api), body: { name: runLabel(api) } },
      'url',
    )
  })

  it('returns 400 parameter_error for a url that is not an absolute http(s) URL [create-webhook-integration: ftp url]', async () => {
    for (const url of [
      'not a url',
      '/relative/hook',
      'ftp://example.com/hook',
      'mailto:hooks@example.com',
    ]) {
      const res = await create({ url })
      expect(res, url).toMatchContract(400)
      expect(errorParamOf(res), url).toBe('url')
    }
  })

  it('returns 400 parameter_error for a url over 5000 characters', async () => {
    const res = await create({ url: `https://example.com/${'u'.repeat(5000)}` })
    expect(res).toMatchContract(400)
    expect(errorParamOf(res)).toBe('url')
  })

  it('returns 400 parameter_error for an authorization header over 5000 characters', async () => {
    const res = await create({ authorization_header: `Bearer ${'a'.repeat(5000)}` })
    expect(res).toMatchContract(400)
    expect(errorParamOf(res)).toBe('authorization_header')
  })

  it('returns 400 parameter_error for an environment that is not production or sandbox', async () => {
    const res = await create({ environment: 'staging' })
    expect(res).toMatchContract(400)
    expect(errorParamOf(res)).toBe('environment')
  })

  it('returns 400 parameter_error for an event type the spec does not list, naming its place', async () => {
    const res = await create({ event_types: ['renewal', 'subcontract_event'] })
    expect(res).toMatchContract(400)
    expect(errorParamOf(res)).toBe('event_types.1')
  })

  it('returns 400 parameter_error for no event type, or one named twice (S-44)', async () => {
    for (const event_types of [[], ['renewal', 'renewal']]) {
      const res = await create({ event_types })
      expect(res, JSON.stringify(event_types)).toMatchContract(400)
      expect(errorParamOf(res)).toBe('event_types')
    }
  })

  it('returns 404 resource_missing on app_id for an app the project lacks [create-webhook-integration: unknown app]', async () => {
    const res = await create({ app_id: missingId(api, 'app') })
    expect(res).toMatchContract(404)
    expect(errorParamOf(res)).toBe('app_id')
  })

  it('returns 404 resource_missing on app_id for an app of another project', async () => {
    api.needSandbox()
    const res = await create({ app_id: SANDBOX_CONFIG.otherProjectApp })
    expect(res).toMatchContract(404)
    expect(errorParamOf(res)).toBe('app_id')
  })

  it('creates nothing when refused', async () => {
    const name = runLabel(api)
    await expectMissing(api, op, {
      path: projectPath(api),
      body: { name, url: hookUrl(name), app_id: missingId(api, 'app') },
    })
    const list = await api.call('list-webhook-integrations', {
      path: projectPath(api),
      query: { limit: 100 },
    })
    expect(list).toMatchContract(200)
    expect(itemsOf<Webhook>(list).map((w) => w.name)).not.toContain(name)
  })
})
