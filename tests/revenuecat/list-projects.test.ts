import { describe, expect, it } from 'vitest'
import { bodyOf, expectParameterError, itemsOf, missingId } from '../support/revenuecat-data.ts'
import { type Page, queryOf, walk } from '../support/revenuecat-webhooks.ts'
import { useTarget } from '../support/target.ts'

const op = 'list-projects'
const api = useTarget('revenuecat')

interface Project {
  object: string
  id: string
  name: string
  created_at: number
  icon_url?: string | null
  icon_url_large?: string | null
}

describe(op, () => {
  it('lists the projects the key opens, the target project among them [list-projects]', async () => {
    const res = await api.call(op)
    expect(res).toMatchContract(200)
    const page = bodyOf<Page<Project>>(res)
    expect(page.object).toBe('list')
    expect(page.url).toBe('/v2/projects')
    expect(page.items.map((p) => p.id)).toContain(api.need('projectId'))
    expect(page.items.every((p) => p.object === 'project')).toBe(true)
  })

  it('answers one project for the preflight read (limit=1)', async () => {
    const res = await api.call(op, { query: { limit: 1 } })
    expect(res).toMatchContract(200)
    const page = bodyOf<Page<Project>>(res)
    expect(page.items).toHaveLength(1)
    if (page.next_page !== null)
      expect(queryOf(page.next_page)).toEqual({ starting_after: page.items[0]?.id, limit: '1' })
  })

  it('answers the seeded project with its name and icons', async () => {
    api.needSandbox()
    const res = await api.call(op)
    expect(res).toMatchContract(200)
    expect(itemsOf<Project>(res).find((p) => p.id === api.need('projectId'))).toEqual({
      object: 'project',
      id: api.need('projectId'),
      name: 'Subcontract sandbox',
      created_at: expect.any(Number),
      icon_url: expect.stringMatching(/^https:\/\//),
      icon_url_large: expect.stringMatching(/^https:\/\//),
    })
  })

  it('lists no project the key does not open', async () => {
    const other = api.need('otherProjectId')
    const { items } = await walk<Project>(api, op, {}, { limit: 5 })
    expect(items.map((p) => p.id)).not.toContain(other)
  })

  it('walks the pages one project at a time: nothing repeats [list-projects: limit 1]', async () => {
    const { items } = await walk<Project>(api, op, {}, { limit: 1 })
    const ids = items.map((p) => p.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toContain(api.need('projectId'))
  })

  it('returns 400 parameter_error for a starting_after the list does not hold', async () => {
    await expectParameterError(
      api,
      op,
      { query: { starting_after: missingId(api, 'project') } },
      'starting_after',
    )
  })

  it('returns 400 parameter_error for a limit that is not a whole number from 1 [list-projects: limit 0]', async () => {
    for (const limit of ['0', 'all'])
      await expectParameterError(api, op, { query: { limit } }, 'limit')
  })
})
