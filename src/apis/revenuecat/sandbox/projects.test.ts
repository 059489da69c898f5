import { describe, expect, it } from 'vitest'
import { createFixedClock } from '../../../sandbox/clock.ts'
import { createIds } from '../../../sandbox/ids.ts'
import { recordChange } from './audit.ts'
import { isFailure } from './errors.ts'
import { createProjectData } from './model.ts'
import { auditLogsIn, createProject, dayStart } from './projects.ts'
import { addProject, createKeyState, createStore } from './state.ts'

const DAY = 86_400_000

function fixture() {
  const clock = createFixedClock('2026-01-15T12:00:00.000Z')
  const store = createStore(clock, createIds(5))
  addProject(store, { id: 'proj5eed0001', name: 'Main' })
  const main = createKeyState(store, { name: 'main', scopes: [], projectIds: ['proj5eed0001'] })
  const other = createKeyState(store, { name: 'other', scopes: [], projectIds: ['proj5eed0001'] })
  return { clock, store, main, other }
}

describe('createProject', () => {
  it('opens the new project to the key that created it, and to no other key', () => {
    const f = fixture()
    const project = createProject(f.main, 'Second')
    expect(project).toMatchObject({
      name: 'Second',
      createdAt: Date.parse('2026-01-15T12:00:00.000Z'),
      iconUrl: null,
      iconUrlLarge: null,
    })
    expect(project.id).toMatch(/^proj[0-9a-f]{8}$/)
    expect(f.main.projects().map((p) => p.id)).toEqual(['proj5eed0001', project.id])
    expect(f.main.project(project.id)).toBe(project)
    expect(f.other.project(project.id)).toBeUndefined()
    expect(f.other.projects().map((p) => p.id)).toEqual(['proj5eed0001'])
  })

  it('starts empty, its audit log holding its own creation by the key', () => {
    const f = fixture()
    const { data, id } = createProject(f.main, 'Second')
    expect([data.apps.size, data.customers.size, data.webhooks.size]).toEqual([0, 0, 0])
    expect(data.auditLogs).toEqual([
      expect.objectContaining({
        actionType: 'project.created',
        targetIdentifier: id,
        actorType: 'api_key',
        actorIdentifier: 'main',
      }),
    ])
  })

  it('never reuses a project id', () => {
    const f = fixture()
    const made = Array.from({ length: 50 }, (_, i) => createProject(f.main, `p${i}`).id)
    expect(new Set(made).size).toBe(50)
  })
})

describe('dayStart', () => {
  it('reads calendar dates as YYYY-MM-DD in UTC, and refuses anything else', () => {
    expect(dayStart('2026-01-15')).toBe(Date.parse('2026-01-15T00:00:00.000Z'))
    expect(dayStart('2024-02-29')).toBe(Date.parse('2024-02-29T00:00:00.000Z'))
    for (const bad of [
      '2025-02-29',
      '2026-13-01',
      '2026-1-5',
      '1736899200000',
      '2026-01-15T00:00:00Z',
      '',
    ])
      expect(dayStart(bad), bad).toBeUndefined()
  })
})

describe('auditLogsIn', () => {
  function withLog() {
    const data = createProjectData()
    const now = Date.parse('2026-01-15T12:00:00.000Z')
    const ids = createIds(9)
    for (const [i, at] of [now - 10 * DAY, now - DAY, now].entries())
      recordChange(
        data,
        { action: 'updated', targetType: 'app', targetId: `app${i}` },
        { actor: 'main', now: at, ids },
      )
    return data
  }

  it('answers the newest first, ids descending', () => {
    const entries = auditLogsIn(withLog(), {})
    if (isFailure(entries)) throw new Error(entries.message)
    expect(entries.map((e) => e.targetIdentifier)).toEqual(['app2', 'app1', 'app0'])
    const ids = entries.map((e) => e.id)
    expect([...ids].sort().reverse()).toEqual(ids)
  })

  it('keeps the whole days from start_date to end_date, both included', () => {
    const data = withLog()
    const read = (range: Record<string, string>) => {
      const entries = auditLogsIn(data, range)
      if (isFailure(entries)) throw new Error(entries.message)
      return entries.map((e) => e.targetIdentifier)
    }
    expect(read({ start_date: '2026-01-14' })).toEqual(['app2', 'app1'])
    expect(read({ end_date: '2026-01-14' })).toEqual(['app1', 'app0'])
    expect(read({ start_date: '2026-01-14', end_date: '2026-01-14' })).toEqual(['app1'])
    expect(read({ start_date: '2026-01-16' })).toEqual([])
  })

  it('refuses a value that is not a date (400 on it), and an end before the start (400 on end_date)', () => {
    const data = withLog()
    expect(auditLogsIn(data, { start_date: 'yesterday' })).toMatchObject({
      status: 400,
      param: 'start_date',
    })
    expect(auditLogsIn(data, { end_date: '1736899200000' })).toMatchObject({
      status: 400,
      param: 'end_date',
    })
    expect(auditLogsIn(data, { start_date: '2026-01-15', end_date: '2026-01-14' })).toMatchObject({
      status: 400,
      type: 'parameter_error',
      param: 'end_date',
    })
  })
})
