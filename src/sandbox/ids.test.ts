import { describe, expect, it } from 'vitest'
import { createFixedClock } from './clock.ts'
import { createIds } from './ids.ts'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('injected ids and clock', () => {
  it('gives the same ids for the same seed and different ones for another seed', () => {
    const a = createIds(7)
    const b = createIds(7)
    const c = createIds(8)
    const first = [a.uuid(), a.uuid(), a.token('cur')]
    expect([b.uuid(), b.uuid(), b.token('cur')]).toEqual(first)
    expect(c.uuid()).not.toBe(first[0])
  })

  it('produces RFC 4122 version 4 UUIDs', () => {
    const ids = createIds(1)
    for (let i = 0; i < 200; i++) expect(ids.uuid()).toMatch(UUID_V4)
  })

  it('keeps time still until advanced', () => {
    const clock = createFixedClock('2026-01-01T00:00:00.000Z')
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z')
    clock.advance(1500)
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:01.500Z')
  })
})
