import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  expectParameterError,
  itemsOf,
  missingId,
  projectPath,
} from '../support/revenuecat-data.ts'
import {
  createTestWebhook,
  deleteTestWebhook,
  type Page,
  queryOf,
  SANDBOX_CONFIG,
  type Webhook,
  walk,
} from '../support/revenuecat-webhooks.ts'
import { useTarget } from '../support/target.ts'

const op = 'list-webhook-integrations'
const api = useTarget('revenuecat')

describe(op, () => {
  it('lists the project webhooks, the one just created among them [list-webhook-integrations]', async () => {
    const created = await createTestWebhook(api)
    try {
      const res = await api.call(op, { path: projectPath(api), query: { limit: 100 } })
      expect(res).toMatchContract(200)
      const page = bodyOf<Page<Webhook>>(res)
      expect(page.object).toBe('list')
      expect(page.url).toBe(`/v2/projects/${api.need('projectId')}/integrations/webhooks`)
      expect(page.items.find((w) => w.id === created.id)).toEqual(created)
      expect(page.items.every((w) => w.project_id === api.need('projectId'))).toBe(true)
      expect(res.response.bodyText).not.toContain('authorization_header')
    } finally {
      await deleteTestWebhook(api, created.id)
    }
  })

  it('answers the seeded webhooks first, in the order they were created', async () => {
    api.needSandbox()
    const res = await api.call(op, { path: projectPath(api) })
    expect(res).toMatchContract(200)
    expect(itemsOf<Webhook>(res).slice(0, 2)).toEqual([
      expect.objectContaining({ id: SANDBOX_CONFIG.scopedWebhook, app_id: SANDBOX_CONFIG.webApp }),
      expect.objectContaining({
        id: SANDBOX_CONFIG.plainWebhook,
        app_id: null,
        environment: null,
        event_types: null,
      }),
    ])
    expect(res.response.bodyText).not.toContain(SANDBOX_CONFIG.webhookSecret)
  })

  it('walks the pages one webhook at a time: nothing repeats, nothing goes missing [list-webhook-integrations: limit 1]', async () => {
    const made = [await createTestWebhook(api), await createTestWebhook(api)]
    try {
      const first = await api.call(op, { path: projectPath(api), query: { limit: 1 } })
      expect(first).toMatchContract(200)
      const page = bodyOf<Page<Webhook>>(first)
      expect(page.items).toHaveLength(1)
      expect(page.next_page).not.toBeNull()
      expect(queryOf(page.next_page ?? '')).toEqual({
        starting_after: page.items[0]?.id,
        limit: '1',
      })
      const mine = made.map((w) => w.id)
      const { items } = await walk<Webhook>(api, op, projectPath(api), { limit: 1 }, (seen) =>
        mine.every((id) => seen.some((w) => w.id === id)),
      )
      const ids = items.map((w) => w.id)
      expect(new Set(ids).size).toBe(ids.length)
      for (const id of mine) expect(ids).toContain(id)
    } finally {
      for (const webhook of made) await deleteTestWebhook(api, webhook.id)
    }
  })

  it('returns 400 parameter_error for a starting_after the list does not hold', async () => {
    await expectParameterError(
      api,
      op,
      { path: projectPath(api), query: { starting_after: missingId(api, 'webhook') } },
      'starting_after',
    )
  })

  it('returns 400 parameter_error for a limit that is not a whole number from 1', async () => {
    for (const limit of ['0', 'ten', '-1'])
      await expectParameterError(api, op, { path: projectPath(api), query: { limit } }, 'limit')
  })
})
