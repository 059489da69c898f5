import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  expectParameterError,
  itemsOf,
  missingId,
  projectPath,
} from '../support/revenuecat-data.ts'
import { type Page, SANDBOX_CONFIG, walk } from '../support/revenuecat-webhooks.ts'
import { useTarget } from '../support/target.ts'

const op = 'list-collaborators'
const api = useTarget('revenuecat')

interface Collaborator {
  object: string
  id: string
  name?: string | null
  email: string
  role: string
  accepted_at: number | null
  has_mfa: boolean
}

describe(op, () => {
  it('lists the people who work on the project [list-collaborators]', async () => {
    const res = await api.call(op, { path: projectPath(api) })
    expect(res).toMatchContract(200)
    const page = bodyOf<Page<Collaborator>>(res)
    expect(page.object).toBe('list')
    expect(page.url).toBe(`/v2/projects/${api.need('projectId')}/collaborators`)
    expect(page.items.length).toBeGreaterThan(0)
    expect(page.items.every((p) => p.object === 'collaborator' && p.email.includes('@'))).toBe(true)
  })

  it('answers the seeded collaborators: accepted with and without 2FA, and one invited', async () => {
    api.needSandbox()
    const res = await api.call(op, { path: projectPath(api) })
    expect(res).toMatchContract(200)
    expect(itemsOf<Collaborator>(res)).toEqual([
      {
        object: 'collaborator',
        id: SANDBOX_CONFIG.collaborators[0],
        name: 'Sandbox Owner',
        email: 'owner@subcontract.example',
        role: 'owner',
        accepted_at: expect.any(Number),
        has_mfa: true,
      },
      expect.objectContaining({ id: SANDBOX_CONFIG.collaborators[1], has_mfa: false }),
      {
        object: 'collaborator',
        id: SANDBOX_CONFIG.collaborators[2],
        name: null,
        email: 'invited@subcontract.example',
        role: 'viewer',
        accepted_at: null,
        has_mfa: false,
      },
    ])
  })

  it('walks the pages one collaborator at a time: nothing repeats [list-collaborators: limit 1]', async () => {
    const all = await api.call(op, { path: projectPath(api), query: { limit: 100 } })
    expect(all).toMatchContract(200)
    const { items } = await walk<Collaborator>(api, op, projectPath(api), { limit: 1 })
    expect(items.map((p) => p.id)).toEqual(itemsOf<Collaborator>(all).map((p) => p.id))
  })

  it('returns 400 parameter_error for a starting_after the list does not hold', async () => {
    await expectParameterError(
      api,
      op,
      { path: projectPath(api), query: { starting_after: missingId(api, 'collaborator') } },
      'starting_after',
    )
  })

  it('returns 400 parameter_error for a limit that is not a whole number from 1', async () => {
    await expectParameterError(api, op, { path: projectPath(api), query: { limit: '0' } }, 'limit')
  })
})
