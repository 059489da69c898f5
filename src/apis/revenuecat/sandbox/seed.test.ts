import { describe, expect, it } from 'vitest'
import { createFixedClock } from '../../../sandbox/clock.ts'
import { createIds } from '../../../sandbox/ids.ts'
import { buildSandbox, readSeed, SECRET_KEY_PATTERN, type Seed } from './seed.ts'

const clock = createFixedClock('2026-01-15T12:00:00.000Z')
const seed = readSeed('default')
const byName = (name: string) => seed.apiKeys.find((k) => k.name === name)
const scopesOf = (name: string) => byName(name)?.scopes ?? []

describe('RevenueCat seed', () => {
  it('holds projects with ids in RevenueCat’s style', () => {
    expect(seed.projects.length).toBeGreaterThan(0)
    for (const project of seed.projects) expect(project.id).toMatch(/^proj[0-9a-f]{8}$/)
  })

  it('holds plainly fake keys with the v2 prefix, none shaped like a real key, all different', () => {
    const keys = seed.apiKeys.map((k) => k.key)
    for (const key of keys) expect(key).toMatch(SECRET_KEY_PATTERN)
    for (const key of keys) expect(key).not.toMatch(/^sk_[A-Za-z0-9]{32}$/)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('gives the keys the scope sets their names promise', () => {
    const main = scopesOf('main')
    expect(main.length).toBe(16)
    expect(scopesOf('read-only')).toEqual(main.map((s) => s.replace(/:read_write$/, ':read')))
    expect(scopesOf('no-customer-information')).toEqual(
      main.filter((s) => !s.startsWith('customer_information:')),
    )
    expect(scopesOf('charts').every((s) => s.startsWith('charts_metrics:'))).toBe(true)
  })

  it('builds one state per key over one shared store', () => {
    const built = buildSandbox(seed, clock, createIds(1))
    const mainKey = built.keyByName.get('main') ?? ''
    const readOnlyKey = built.keyByName.get('read-only') ?? ''
    const main = built.keys.get(mainKey)
    const readOnly = built.keys.get(readOnlyKey)
    expect(main?.store).toBe(readOnly?.store)
    expect(main?.keyName).toBe('main')
    const projectId = seed.projects[0]?.id ?? ''
    expect(main?.project(projectId)).toMatchObject({
      id: projectId,
      name: seed.projects[0]?.name,
      createdAt: Date.parse('2026-01-15T12:00:00.000Z'),
      iconUrl: seed.projects[0]?.iconUrl,
      iconUrlLarge: seed.projects[0]?.iconUrlLarge,
    })
    expect(main?.project(projectId)?.data.customers.size).toBeGreaterThan(40)
    // The main key opens a second, empty project too (list-projects has a page of two).
    expect(main?.projects().map((p) => p.id)).toEqual([projectId, 'proj5eed0003'])
  })

  it('hides projects a key does not open', () => {
    const built = buildSandbox(seed, clock, createIds(1))
    const other = built.keys.get(built.keyByName.get('other-project') ?? '')
    const main = built.keys.get(built.keyByName.get('main') ?? '')
    const otherProject = other?.projects()[0]?.id ?? ''
    expect(otherProject).not.toBe('')
    expect(main?.project(otherProject)).toBeUndefined()
    expect(main?.project('proj00000000')).toBeUndefined()
  })

  it('replaces seeded keys by name', () => {
    const canary = 'sk_canary'
    const built = buildSandbox(seed, clock, createIds(1), { main: canary })
    expect(built.keyByName.get('main')).toBe(canary)
    expect(built.keys.get(canary)?.keyName).toBe('main')
    expect(built.keys.has(byName('main')?.key ?? '')).toBe(false)
  })

  it('refuses a seed with an unknown project, a repeated key or a malformed scope', () => {
    const key = { name: 'k', key: 'sk_x', projects: ['p1'], scopes: ['a:b:read'] }
    const base: Seed = { projects: [{ id: 'p1', name: 'P' }], apiKeys: [key] }
    const ids = createIds(1)
    expect(() => buildSandbox(base, clock, ids)).not.toThrow()
    const unknown = { ...base, apiKeys: [{ ...key, projects: ['p2'] }] }
    expect(() => buildSandbox(unknown, clock, ids)).toThrow(/opens project "p2"/)
    const twice = { ...base, apiKeys: [key, { ...key, name: 'k2' }] }
    expect(() => buildSandbox(twice, clock, ids)).toThrow(/repeats the key/)
    const malformed = { ...base, apiKeys: [{ ...key, scopes: ['a:b:write'] }] }
    expect(() => buildSandbox(malformed, clock, ids)).toThrow(/"a:b:write"/)
  })

  it('refuses an unknown seed name', () => {
    expect(() => readSeed('no-such-seed')).toThrow(/no such seed/)
    expect(() => readSeed('../adapty/default')).toThrow(/no such seed/)
  })
})
