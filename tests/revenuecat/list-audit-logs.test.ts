import { describe, expect, it } from 'vitest'
import { bodyOf, expectParameterError, missingId, projectPath } from '../support/revenuecat-data.ts'
import {
  createTestWebhook,
  deleteTestWebhook,
  type Page,
  queryOf,
  walk,
} from '../support/revenuecat-webhooks.ts'
import { useTarget } from '../support/target.ts'

const op = 'list-audit-logs'
const api = useTarget('revenuecat')

interface AuditLog {
  object: string
  id: string
  project_id: string
  action_type: string
  target_type: string
  target_identifier: string
  actor_type: string
  actor_identifier: string
  occurred_at: number
  additional_data: Record<string, unknown>
}

/** A UTC calendar date (`format: date`) `days` from the ms `at`. */
const dateOf = (at: number, days = 0) => new Date(at + days * 86_400_000).toISOString().slice(0, 10)

/**
 * Makes a change of this test's own (a webhook created, then deleted), and answers the webhook's
 * id and when it was made.
 */
async function change(): Promise<{ id: string; at: number }> {
  const webhook = await createTestWebhook(api)
  await deleteTestWebhook(api, webhook.id)
  return { id: webhook.id, at: webhook.created_at }
}

/** The entries of a walk from the newest until both of the webhook's entries were seen. */
async function entriesOf(id: string, query: Record<string, string | number> = {}) {
  const { items } = await walk<AuditLog>(
    api,
    op,
    projectPath(api),
    { limit: 20, ...query },
    (seen) => seen.filter((e) => e.target_identifier === id).length >= 2,
  )
  return items
}

describe(op, () => {
  it('records the changes the key makes, newest first [list-audit-logs]', async () => {
    const { id } = await change()
    const res = await api.call(op, { path: projectPath(api) })
    expect(res).toMatchContract(200)
    const page = bodyOf<Page<AuditLog>>(res)
    expect(page.object).toBe('list')
    expect(page.url).toBe(`/v2/projects/${api.need('projectId')}/audit_logs`)
    const mine = (await entriesOf(id)).filter((e) => e.target_identifier === id)
    expect(mine).toHaveLength(2)
    expect(mine.every((e) => e.project_id === api.need('projectId'))).toBe(true)
    expect(mine.every((e) => e.actor_type === 'api_key')).toBe(true)
    const [deleted, created] = mine as [AuditLog, AuditLog]
    expect(deleted.occurred_at).toBeGreaterThanOrEqual(created.occurred_at)
  })

  it('names what changed: the webhook created and deleted (S-46)', async () => {
    api.needSandbox()
    const { id } = await change()
    const mine = (await entriesOf(id)).filter((e) => e.target_identifier === id)
    expect(mine).toEqual([
      expect.objectContaining({
        object: 'audit_log',
        action_type: 'webhook_integration.deleted',
        target_type: 'webhook_integration',
        actor_identifier: 'main',
      }),
      expect.objectContaining({
        action_type: 'webhook_integration.created',
        target_type: 'webhook_integration',
        actor_identifier: 'main',
      }),
    ])
  })

  it('answers the seeded history of users, API keys and the system', async () => {
    api.needSandbox()
    const { items } = await walk<AuditLog>(api, op, projectPath(api), { limit: 100 })
    const actors = new Set(items.map((e) => e.actor_type))
    expect([...actors].sort()).toEqual(['api_key', 'system', 'user'])
    expect(items.find((e) => e.target_type === 'collaborator')).toMatchObject({
      actor_type: 'user',
      additional_data: { role: 'developer' },
    })
  })

  it('keeps the days from start_date to end_date, and carries them to the next page [list-audit-logs: date range]', async () => {
    const { id, at } = await change()
    const range = { start_date: dateOf(at), end_date: dateOf(at, 1) }
    const first = await api.call(op, { path: projectPath(api), query: { ...range, limit: 1 } })
    expect(first).toMatchContract(200)
    const page = bodyOf<Page<AuditLog>>(first)
    expect(page.next_page).not.toBeNull()
    expect(queryOf(page.next_page ?? '')).toMatchObject({ ...range, limit: '1' })
    const items = await entriesOf(id, range)
    expect(items.filter((e) => e.target_identifier === id)).toHaveLength(2)
    const from = Date.parse(`${range.start_date}T00:00:00Z`)
    expect(items.every((e) => e.occurred_at >= from)).toBe(true)
  })

  it('answers nothing for a range that ended before the changes', async () => {
    const { id, at } = await change()
    const range = { start_date: dateOf(at, -3), end_date: dateOf(at, -2) }
    const { items } = await walk<AuditLog>(api, op, projectPath(api), { ...range, limit: 100 })
    expect(items.map((e) => e.target_identifier)).not.toContain(id)
    const until = Date.parse(`${range.end_date}T00:00:00Z`) + 86_400_000
    expect(items.every((e) => e.occurred_at < until)).toBe(true)
  })

  it('walks the pages two at a time: nothing repeats, nothing goes missing [list-audit-logs: limit 2]', async () => {
    const one = await change()
    const two = await change()
    const mine = [one.id, two.id]
    const { items, pages } = await walk<AuditLog>(
      api,
      op,
      projectPath(api),
      { limit: 2, end_date: dateOf(two.at, 1) },
      (seen) => seen.filter((e) => mine.includes(e.target_identifier)).length >= 4,
    )
    expect(pages).toBeGreaterThanOrEqual(2)
    const ids = items.map((e) => e.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(
      items.filter((e) => mine.includes(e.target_identifier)).map((e) => e.target_identifier),
    ).toEqual([two.id, two.id, one.id, one.id])
    // Ids descend with time (S-46): the order the spec pages in.
    if (api.isLocal) expect([...ids].sort().reverse()).toEqual(ids)
  })

  it('returns 400 parameter_error for a start_date that is not a date [list-audit-logs: bad start_date]', async () => {
    for (const start_date of ['yesterday', '1713297600000', '2026-02-30'])
      await expectParameterError(
        api,
        op,
        { path: projectPath(api), query: { start_date } },
        'start_date',
      )
  })

  it('returns 400 parameter_error for an end_date that is not a date [list-audit-logs: bad end_date]', async () => {
    await expectParameterError(
      api,
      op,
      { path: projectPath(api), query: { end_date: '2026-01-15T00:00:00Z' } },
      'end_date',
    )
  })

  it('returns 400 parameter_error on end_date for an end before the start [list-audit-logs: end before start]', async () => {
    await expectParameterError(
      api,
      op,
      { path: projectPath(api), query: { start_date: '2026-01-15', end_date: '2026-01-14' } },
      'end_date',
    )
  })

  it('returns 400 parameter_error for a starting_after the log does not hold', async () => {
    await expectParameterError(
      api,
      op,
      { path: projectPath(api), query: { starting_after: missingId(api, 'log') } },
      'starting_after',
    )
  })
})
