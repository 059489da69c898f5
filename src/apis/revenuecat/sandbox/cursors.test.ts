// A list walked while other clients delete: a page cursor that names an item deleted since the
// client read it resumes where that item stood (model.ts removeFrom and cursorOf, routes/helpers.ts
// pageOf), so the walk neither breaks with 400 nor repeats or skips what is still listed.
import { describe, expect, it } from 'vitest'
import { createProjectData, cursorOf, removeFrom } from './model.ts'
import { revenueCatPipeline } from './test-pipeline.ts'

describe('page cursors of deleted items', () => {
  it('stand for the nearest item before them that is still listed, or the start', () => {
    const data = createProjectData()
    const list = new Map(['a', 'b', 'c', 'd'].map((id) => [id, id]))
    removeFrom(data, list, 'b')
    removeFrom(data, list, 'c')
    removeFrom(data, list, 'a')
    const listed = (id: string) => list.has(id)
    expect(cursorOf(data, listed, 'd')).toBe('d')
    // c stood after b, which stood after a: all gone, so the walk starts over at what is left.
    expect(cursorOf(data, listed, 'c')).toBeNull()
    expect(cursorOf(data, listed, 'never-listed')).toBeUndefined()
    expect([...list.keys()]).toEqual(['d'])
  })

  it('let a walk of list-customers go on after its cursor customer was deleted', async () => {
    const { request, project } = revenueCatPipeline()
    const base = `/v2/projects/${project}/customers`
    const first = await request(`${base}?limit=3`)
    expect(first.status).toBe(200)
    const page = (await first.json()) as { items: Array<{ id: string }> }
    const cursor = page.items.at(-1)?.id ?? ''
    const whole = (await (await request(`${base}?limit=100`)).json()) as {
      items: Array<{ id: string }>
    }
    const deleted = await request(`${base}/${encodeURIComponent(cursor)}`, { method: 'DELETE' })
    expect(deleted.status).toBe(200)
    const next = await request(`${base}?limit=3&starting_after=${encodeURIComponent(cursor)}`)
    expect(next.status).toBe(200)
    const after = (await next.json()) as { items: Array<{ id: string }> }
    const position = whole.items.findIndex((c) => c.id === cursor)
    expect(after.items.map((c) => c.id)).toEqual(
      whole.items.slice(position + 1, position + 4).map((c) => c.id),
    )
    // An id the list never held is still refused, naming the parameter.
    const unknown = await request(`${base}?starting_after=subcontract-never-a-customer`)
    expect(unknown.status).toBe(400)
    expect(await unknown.json()).toMatchObject({ param: 'starting_after' })
  })
})
