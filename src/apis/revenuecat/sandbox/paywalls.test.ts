import { describe, expect, it } from 'vitest'
import { createIds } from '../../../sandbox/ids.ts'
import { isFailure, type RevenueCatFailure } from './errors.ts'
import { createProjectData } from './model.ts'
import { createPaywall, deletePaywall, paywallsOf } from './paywalls.ts'
import { paywallWire } from './views.ts'

const NOW = Date.parse('2026-01-15T12:00:00.000Z')

function fixture() {
  const data = createProjectData()
  const ids = createIds(5)
  data.offerings.set('ofrng1', {
    id: 'ofrng1',
    lookupKey: 'default',
    displayName: 'Default',
    isCurrent: true,
    createdAt: NOW,
    metadata: null,
  })
  return { data, ids }
}

describe('paywalls (S-42)', () => {
  it('creates an unnamed, unpublished paywall for an offering', () => {
    const f = fixture()
    const paywall = createPaywall(f.data, 'ofrng1', NOW, f.ids)
    if (isFailure(paywall)) throw new Error(paywall.message)
    expect(paywall).toMatchObject({
      name: null,
      offeringId: 'ofrng1',
      createdAt: NOW,
      publishedAt: null,
      components: null,
    })
    expect(paywall.id).toMatch(/^pw[0-9a-f]{14}$/)
    expect(paywallsOf(f.data)).toEqual([paywall])
  })

  it('refuses an unknown offering (404) and a second paywall for one offering (409)', () => {
    const f = fixture()
    const missing = createPaywall(f.data, 'nope', NOW, f.ids) as RevenueCatFailure
    expect([missing.status, missing.type, missing.param]).toEqual([
      404,
      'resource_missing',
      'offering_id',
    ])
    const first = createPaywall(f.data, 'ofrng1', NOW, f.ids)
    const second = createPaywall(f.data, 'ofrng1', NOW, f.ids) as RevenueCatFailure
    expect([second.status, second.type, second.param]).toEqual([
      409,
      'resource_already_exists',
      'offering_id',
    ])
    if (isFailure(first)) throw new Error(first.message)
    deletePaywall(f.data, first)
    expect(isFailure(createPaywall(f.data, 'ofrng1', NOW, f.ids))).toBe(false)
  })

  it('shows offering and components only when expanded; components stay opaque', () => {
    const f = fixture()
    const paywall = createPaywall(f.data, 'ofrng1', NOW, f.ids)
    if (isFailure(paywall)) throw new Error(paywall.message)
    const plain = paywallWire('proj1', f.data, paywall)
    expect(plain).not.toHaveProperty('offering')
    expect(plain).not.toHaveProperty('components')
    const full = paywallWire('proj1', f.data, paywall, { offering: true, components: true })
    expect(full.offering).toMatchObject({ object: 'offering', id: 'ofrng1' })
    expect(full.offering).not.toHaveProperty('packages')
    expect(full.components).toEqual({ published: null, draft: null })
    const opaque = { published: null, draft: { revision: 1, anything: { deep: [1, 2] } } }
    paywall.components = opaque
    expect(paywallWire('proj1', f.data, paywall, { components: true }).components).toBe(opaque)
  })
})
