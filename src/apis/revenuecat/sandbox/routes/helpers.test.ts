import { describe, expect, it } from 'vitest'
import { REVENUECAT_OPERATIONS } from '../../operations.ts'
import { carryExpand, expansions, type ProjectRoute } from './helpers.ts'

const getOffering = REVENUECAT_OPERATIONS.find((op) => op.operationId === 'get-offering')
if (getOffering === undefined) throw new Error('no get-offering')

/** A route of get-offering for a key holding `scopes` (what expansions reads). */
const routeWith = (...scopes: string[]) =>
  ({ op: getOffering, state: { scopes: new Set(scopes) } }) as unknown as ProjectRoute

const SCOPES = {
  package: ['project_configuration:packages:read'],
  'package.product': ['project_configuration:packages:read', 'project_configuration:products:read'],
}

describe('expansions (S-43)', () => {
  it('answers the values asked for when the key holds the scopes each one needs', () => {
    const route = routeWith(
      'project_configuration:offerings:read',
      'project_configuration:packages:read_write',
      'project_configuration:products:read',
    )
    const outcome = expansions(route, ['package', 'package.product'], SCOPES)
    expect(outcome.ok && [...outcome.value]).toEqual(['package', 'package.product'])
    expect(expansions(route, [], SCOPES).ok).toBe(true)
  })

  it('is 403 authorization_error naming the scope an expansion lacks', () => {
    const route = routeWith(
      'project_configuration:offerings:read',
      'project_configuration:packages:read',
    )
    expect(expansions(route, ['package'], SCOPES).ok).toBe(true)
    const refused = expansions(route, ['package.product'], SCOPES)
    expect(refused.ok).toBe(false)
    if (refused.ok) return
    expect(refused.failure).toMatchObject({ status: 403, type: 'authorization_error' })
    expect(refused.failure.message).toContain('project_configuration:products:read')
    expect(refused.failure.message).not.toContain('packages:read')
  })

  it('repeats expand values into next_page', () => {
    expect(carryExpand(['items.package', 'items.package.product'])).toEqual([
      ['expand', 'items.package'],
      ['expand', 'items.package.product'],
    ])
  })
})

describe("expansions of an entitlement's products", () => {
  it('lets a key that reads products expand them, and refuses one that cannot with 403', () => {
    const products = { product: ['project_configuration:products:read'] }
    expect(
      expansions(routeWith('project_configuration:products:read'), ['product'], products).ok,
    ).toBe(true)
    expect(
      expansions(routeWith('project_configuration:products:read_write'), ['product'], products).ok,
    ).toBe(true)
    const refused = expansions(
      routeWith('project_configuration:entitlements:read'),
      ['items.product'],
      { 'items.product': ['project_configuration:products:read'] },
    )
    expect(refused.ok).toBe(false)
    if (!refused.ok)
      expect(refused.failure).toMatchObject({ status: 403, type: 'authorization_error' })
  })
})
