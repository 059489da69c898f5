import { describe, expect, it } from 'vitest'
import { createFixedClock } from '../../../sandbox/clock.ts'
import { createIds } from '../../../sandbox/ids.ts'
import { simulatePurchase, simulateSubscription } from './checkout.ts'
import {
  attachProducts,
  createEntitlement,
  deleteEntitlement,
  detachProducts,
  updateEntitlement,
} from './entitlements.ts'
import { isFailure } from './errors.ts'
import { createProjectData, newCustomer, type ProductRecord, type ProjectData } from './model.ts'
import { grantEntitlement } from './subscriptions.ts'
import { activeEntitlements, entitlementWire } from './views.ts'

const product = (id: string, now: number): ProductRecord => ({
  id,
  storeIdentifier: `store_${id}`,
  type: 'subscription',
  appId: 'app1',
  displayName: id,
  createdAt: now,
  subscription: { duration: 'P1M', gracePeriodDuration: null, trialDuration: null },
  oneTime: null,
})

/** A project with two products and no entitlement, a customer, a fixed clock and seeded ids. */
function fixture() {
  const clock = createFixedClock('2026-01-15T12:00:00.000Z')
  const ids = createIds(11)
  const project: ProjectData = createProjectData()
  const now = clock.now().getTime()
  for (const id of ['prod1', 'prod2']) project.products.set(id, product(id, now))
  const customer = newCustomer('c1', now)
  project.customers.set(customer.id, customer)
  return { ids, project, customer, now }
}

function created(f: ReturnType<typeof fixture>, lookupKey = 'pro') {
  const e = createEntitlement(
    f.project,
    { lookup_key: lookupKey, display_name: 'Pro' },
    f.now,
    f.ids,
  )
  if (isFailure(e)) throw new Error(e.message)
  return e
}

describe('createEntitlement', () => {
  it('creates an entitlement with no products, created now, with an id of its own', () => {
    const f = fixture()
    const e = created(f)
    expect(e).toEqual({
      id: expect.stringMatching(/^entl[0-9a-f]{14}$/),
      lookupKey: 'pro',
      displayName: 'Pro',
      createdAt: f.now,
      productIds: [],
    })
    expect(f.project.entitlements.get(e.id)).toBe(e)
    expect(created(f, 'other').id).not.toBe(e.id)
  })

  it('refuses a lookup key the project already has: 409 on lookup_key, nothing created', () => {
    const f = fixture()
    created(f)
    const again = createEntitlement(
      f.project,
      { lookup_key: 'pro', display_name: 'Again' },
      f.now,
      f.ids,
    )
    expect(again).toMatchObject({
      status: 409,
      type: 'resource_already_exists',
      param: 'lookup_key',
    })
    expect(f.project.entitlements.size).toBe(1)
    // Lookup keys are compared exactly.
    expect(isFailure(created(f, 'Pro'))).toBe(false)
  })
})

describe('updateEntitlement', () => {
  it('renames it and keeps everything else', () => {
    const f = fixture()
    const e = created(f)
    attachProducts(f.project, e, ['prod1'])
    updateEntitlement(e, { display_name: 'Pro plus' })
    expect(e).toMatchObject({ lookupKey: 'pro', displayName: 'Pro plus', productIds: ['prod1'] })
  })
})

describe('attachProducts and detachProducts', () => {
  it('attach each product once, in the order first attached', () => {
    const f = fixture()
    const e = created(f)
    attachProducts(f.project, e, ['prod2'])
    attachProducts(f.project, e, ['prod1', 'prod2', 'prod1'])
    expect(e.productIds).toEqual(['prod2', 'prod1'])
  })

  it('refuses a product the project lacks: 404 on product_ids, nothing attached', () => {
    const f = fixture()
    const e = created(f)
    const res = attachProducts(f.project, e, ['prod1', 'prod_missing'])
    expect(res).toMatchObject({ status: 404, type: 'resource_missing', param: 'product_ids' })
    expect(e.productIds).toEqual([])
    expect(detachProducts(f.project, e, ['prod_missing'])).toMatchObject({ status: 404 })
  })

  it('detach what is attached; a product not attached is no error', () => {
    const f = fixture()
    const e = created(f)
    attachProducts(f.project, e, ['prod1', 'prod2'])
    expect(isFailure(detachProducts(f.project, e, ['prod1', 'prod1']))).toBe(false)
    expect(e.productIds).toEqual(['prod2'])
    expect(isFailure(detachProducts(f.project, e, ['prod1']))).toBe(false)
    expect(e.productIds).toEqual(['prod2'])
  })

  it('detach a product still attached after it left the catalog', () => {
    const f = fixture()
    const e = created(f)
    attachProducts(f.project, e, ['prod1'])
    f.project.products.delete('prod1')
    expect(isFailure(detachProducts(f.project, e, ['prod1']))).toBe(false)
    expect(e.productIds).toEqual([])
  })

  it('decide what a purchase of the product unlocks from now on', () => {
    const f = fixture()
    const e = created(f)
    attachProducts(f.project, e, ['prod1'])
    const sub = simulateSubscription(f.project, f.customer, { productId: 'prod1' }, f.now, f.ids)
    expect(sub?.entitlementIds).toEqual([e.id])
    detachProducts(f.project, e, ['prod1'])
    const later = simulatePurchase(f.project, f.customer, { productId: 'prod1' }, f.now, f.ids)
    expect(later?.entitlementIds).toEqual([])
  })
})

describe('deleteEntitlement', () => {
  it('removes it, and the access subscriptions, purchases and grants gave to it', () => {
    const f = fixture()
    const e = created(f)
    const kept = created(f, 'kept')
    attachProducts(f.project, e, ['prod1'])
    attachProducts(f.project, kept, ['prod1'])
    simulateSubscription(f.project, f.customer, { productId: 'prod1' }, f.now, f.ids)
    simulatePurchase(f.project, f.customer, { productId: 'prod1' }, f.now, f.ids)
    grantEntitlement(
      f.project,
      f.customer,
      { entitlement_id: e.id, expires_at: f.now + 86_400_000 },
      f.now,
      f.ids,
    )
    const active = () => activeEntitlements(f.project, 'c1', f.now).map((a) => a.entitlementId)
    expect(active()).toEqual([e.id, kept.id])
    deleteEntitlement(f.project, e)
    expect(f.project.entitlements.has(e.id)).toBe(false)
    expect(active()).toEqual([kept.id])
    for (const owned of [...f.project.subscriptions.values(), ...f.project.purchases.values()])
      expect(owned.entitlementIds).not.toContain(e.id)
  })
})

describe('entitlementWire', () => {
  it('has products only when expanded: the attached ones the project has, inline', () => {
    const f = fixture()
    const e = created(f)
    attachProducts(f.project, e, ['prod2', 'prod1'])
    expect(entitlementWire('proj1', e)).not.toHaveProperty('products')
    f.project.products.delete('prod1')
    const wire = entitlementWire('proj1', e, f.project)
    expect((wire as { products?: unknown }).products).toEqual({
      object: 'list',
      items: [expect.objectContaining({ object: 'product', id: 'prod2' })],
      next_page: null,
      url: `/v2/projects/proj1/entitlements/${e.id}/products`,
    })
  })
})
