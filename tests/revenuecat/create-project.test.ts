// create-project runs on the sandbox only: the API has no operation that deletes a project, so a
// project a test made on a real account would stay there (DECISIONS S-45).
import { describe, expect, it } from 'vitest'
import { bodyOf, expectParameterError, itemsOf, runLabel } from '../support/revenuecat-data.ts'
import { walk } from '../support/revenuecat-webhooks.ts'
import { useTarget } from '../support/target.ts'

const op = 'create-project'
const api = useTarget('revenuecat')

interface Project {
  object: string
  id: string
  name: string
  created_at: number
  icon_url: string | null
  icon_url_large: string | null
}

async function create(name: string): Promise<Project> {
  const res = await api.call(op, { body: { name } })
  expect(res).toMatchContract(200)
  return bodyOf<Project>(res)
}

describe(op, () => {
  it('creates an empty project that the key then lists and opens [create-project]', async () => {
    api.needSandbox()
    const name = runLabel(api)
    const project = await create(name)
    expect(project).toEqual({
      object: 'project',
      id: expect.stringMatching(/^proj[0-9a-f]{8}$/),
      name,
      created_at: expect.any(Number),
      icon_url: null,
      icon_url_large: null,
    })
    const { items } = await walk<Project>(api, 'list-projects', {}, { limit: 20 }, (seen) =>
      seen.some((p) => p.id === project.id),
    )
    expect(items.find((p) => p.id === project.id)).toEqual(project)
    const path = { project_id: project.id }
    const webhooks = await api.call('list-webhook-integrations', { path })
    expect(webhooks).toMatchContract(200)
    expect(itemsOf(webhooks)).toEqual([])
    const customers = await api.call('list-customers', { path })
    expect(customers).toMatchContract(200)
    expect(itemsOf(customers)).toEqual([])
  })

  it('records the creation in the new project audit log, by the key', async () => {
    api.needSandbox()
    const project = await create(runLabel(api))
    const res = await api.call('list-audit-logs', { path: { project_id: project.id } })
    expect(res).toMatchContract(200)
    expect(itemsOf(res)).toEqual([
      expect.objectContaining({
        project_id: project.id,
        action_type: 'project.created',
        target_type: 'project',
        target_identifier: project.id,
        actor_type: 'api_key',
        occurred_at: project.created_at,
      }),
    ])
  })

  it('opens the new project to no other key (S-45)', async () => {
    api.needSandbox()
    const project = await create(runLabel(api))
    const other = { authorization: api.authorizationFor(api.need('readOnlyApiKey')) }
    const listed = await api.call('list-projects', { query: { limit: 100 }, ...other })
    expect(listed).toMatchContract(200)
    expect(itemsOf<Project>(listed).map((p) => p.id)).not.toContain(project.id)
    const read = await api.call('list-webhook-integrations', {
      path: { project_id: project.id },
      ...other,
    })
    expect(read).toMatchContract(404)
  })

  it('returns 400 parameter_error for a missing or empty name [create-project: missing name]', async () => {
    api.needSandbox()
    await expectParameterError(api, op, { body: {} }, 'name')
    await expectParameterError(api, op, { body: { name: '' } }, 'name')
  })

  it('returns 400 parameter_error for a name over 255 characters', async () => {
    api.needSandbox()
    await expectParameterError(api, op, { body: { name: 'p'.repeat(256) } }, 'name')
  })
})
