import { describe, expect, it } from 'vitest'
import { createFixedClock } from '../../../sandbox/clock.ts'
import { createIds } from '../../../sandbox/ids.ts'
import { isFailure, type RevenueCatFailure } from './errors.ts'
import { createProjectData, newCustomer, type ProjectData } from './model.ts'
import {
  attachProducts,
  createOffering,
  createPackage,
  deleteOffering,
  detachProducts,
  packagesOf,
  updateOffering,
  updatePackage,
} from './offerings.ts'
import { createPaywall } from './paywalls.ts'
import { offeringWire, packageWire } from './views.ts'

/** A project with an iOS app and a Play Store app, two products each. */
function fixture() {
  const clock = createFixedClock('2026-01-15T12:00:00.000Z')
  const ids = createIds(11)
  const data: ProjectData = createProjectData()
  const now = clock.now().getTime()
  data.apps.set('app_ios', { id: 'app_ios', name: 'iOS', type: 'app_store', createdAt: now })
  data.apps.set('app_play', { id: 'app_play', name: 'Android', type: 'play_store', createdAt: now })
  const product = (id: string, appId: string) =>
    data.products.set(id, {
      id,
      storeIdentifier: `store.${id}`,
      type: 'subscription',
      appId,
      displayName: id,
      createdAt: now,
      subscription: { duration: 'P1M', gracePeriodDuration: null, trialDuration: null },
      oneTime: null,
    })
  product('ios1', 'app_ios')
  product('ios2', 'app_ios')
  product('play1', 'app_play')
  product('play2', 'app_play')
  const offering = (lookup: string) => {
    const o = createOffering(data, { lookup_key: lookup, display_name: lookup }, now, ids)
    if (isFailure(o)) throw new Error(o.message)
    return o
  }
  const pkg = (offeringId: string, lookup: string, position?: number) => {
    const o = data.offerings.get(offeringId)
    if (o === undefined) throw new Error('no offering')
    const p = createPackage(
      data,
      o,
      { lookup_key: lookup, display_name: lookup, ...(position === undefined ? {} : { position }) },
      now,
      ids,
    )
    if (isFailure(p)) throw new Error(p.message)
    return p
  }
  return { data, now, ids, offering, pkg }
}

const failureOf = (value: unknown) => {
  expect(isFailure(value)).toBe(true)
  const f = value as RevenueCatFailure
  return { status: f.status, type: f.type, param: f.param }
}

describe('offerings: exactly one current offering (S-39)', () => {
  it('makes the first offering current, and later ones not', () => {
    const f = fixture()
    const a = f.offering('a')
    const b = f.offering('b')
    expect(a.isCurrent).toBe(true)
    expect(b.isCurrent).toBe(false)
    expect(a.id).toMatch(/^ofrng[0-9a-f]{14}$/)
    expect(a.metadata).toBeNull()
  })

  it('moves current with is_current: true, leaving every other offering not current', () => {
    const f = fixture()
    const a = f.offering('a')
    const b = f.offering('b')
    const c = f.offering('c')
    expect(isFailure(updateOffering(f.data, c, { is_current: true }))).toBe(false)
    expect([a.isCurrent, b.isCurrent, c.isCurrent]).toEqual([false, false, true])
    updateOffering(f.data, c, { is_current: true })
    expect([...f.data.offerings.values()].filter((o) => o.isCurrent)).toEqual([c])
  })

  it('refuses is_current: false on the current offering (422), and ignores it on another', () => {
    const f = fixture()
    const a = f.offering('a')
    const b = f.offering('b')
    expect(failureOf(updateOffering(f.data, a, { is_current: false, display_name: 'x' }))).toEqual({
      status: 422,
      type: 'unprocessable_entity_error',
      param: 'is_current',
    })
    expect(a.displayName).toBe('a')
    expect(isFailure(updateOffering(f.data, b, { is_current: false }))).toBe(false)
    expect([a.isCurrent, b.isCurrent]).toEqual([true, false])
  })

  it('refuses a lookup_key the project has (409 on lookup_key)', () => {
    const f = fixture()
    f.offering('a')
    const again = createOffering(f.data, { lookup_key: 'a', display_name: 'A' }, f.now, f.ids)
    expect(failureOf(again)).toEqual({
      status: 409,
      type: 'resource_already_exists',
      param: 'lookup_key',
    })
  })

  it('keeps metadata as given, and null clears it', () => {
    const f = fixture()
    const a = f.offering('a')
    updateOffering(f.data, a, { metadata: { theme: 'dark', n: 1 } })
    expect(a.metadata).toEqual({ theme: 'dark', n: 1 })
    updateOffering(f.data, a, { display_name: 'A' })
    expect(a.metadata).toEqual({ theme: 'dark', n: 1 })
    updateOffering(f.data, a, { metadata: null })
    expect(a.metadata).toBeNull()
  })
})

describe('deleteOffering (S-40)', () => {
  it('deletes its packages and paywall and clears customer overrides', () => {
    const f = fixture()
    f.offering('a')
    const b = f.offering('b')
    const p = f.pkg(b.id, 'monthly')
    const keep = f.pkg([...f.data.offerings.keys()][0] as string, 'monthly')
    const pw = createPaywall(f.data, b.id, f.now, f.ids)
    const customer = newCustomer('c1', f.now)
    customer.offeringId = b.id
    f.data.customers.set('c1', customer)
    expect(isFailure(deleteOffering(f.data, b))).toBe(false)
    expect(f.data.offerings.has(b.id)).toBe(false)
    expect(f.data.packages.has(p.id)).toBe(false)
    expect(f.data.packages.has(keep.id)).toBe(true)
    expect(isFailure(pw) ? undefined : f.data.paywalls.has(pw.id)).toBe(false)
    expect(customer.offeringId).toBeNull()
  })

  it('refuses the current offering while others exist (422), and deletes it when alone', () => {
    const f = fixture()
    const a = f.offering('a')
    const b = f.offering('b')
    expect(failureOf(deleteOffering(f.data, a))).toEqual({
      status: 422,
      type: 'unprocessable_entity_error',
      param: undefined,
    })
    deleteOffering(f.data, b)
    expect(isFailure(deleteOffering(f.data, a))).toBe(false)
    expect(f.data.offerings.size).toBe(0)
    expect(f.offering('c').isCurrent).toBe(true)
  })
})

describe('packages', () => {
  it('orders an offering by position, packages without one last, then by creation', () => {
    const f = fixture()
    const o = f.offering('a')
    const none = f.pkg(o.id, 'none')
    const two = f.pkg(o.id, 'two', 2)
    const one = f.pkg(o.id, 'one', 1)
    expect(packagesOf(f.data, o.id).map((p) => p.lookupKey)).toEqual(['one', 'two', 'none'])
    updatePackage(one, { position: 3 })
    expect(packagesOf(f.data, o.id)).toEqual([two, one, none])
    expect(none.position).toBeNull()
  })

  it('refuses a lookup_key of the same offering (409), allows it in another', () => {
    const f = fixture()
    const a = f.offering('a')
    const b = f.offering('b')
    f.pkg(a.id, 'monthly')
    expect(f.pkg(b.id, 'monthly').lookupKey).toBe('monthly')
    expect(
      failureOf(
        createPackage(f.data, a, { lookup_key: 'monthly', display_name: 'M' }, f.now, f.ids),
      ),
    ).toEqual({ status: 409, type: 'resource_already_exists', param: 'lookup_key' })
  })
})

describe('attachProducts and detachProducts (S-41)', () => {
  it('attaches one product per app, or the two Google SDK products of a Play Store app', () => {
    const f = fixture()
    const p = f.pkg(f.offering('a').id, 'monthly')
    const done = attachProducts(f.data, p, [
      { product_id: 'ios1', eligibility_criteria: 'all' },
      { product_id: 'play1', eligibility_criteria: 'google_sdk_lt_6' },
      { product_id: 'play2', eligibility_criteria: 'google_sdk_ge_6' },
    ])
    expect(isFailure(done)).toBe(false)
    expect(p.products).toEqual([
      { productId: 'ios1', eligibilityCriteria: 'all' },
      { productId: 'play1', eligibilityCriteria: 'google_sdk_lt_6' },
      { productId: 'play2', eligibilityCriteria: 'google_sdk_ge_6' },
    ])
  })

  it('refuses a second product of an app (409), all or none', () => {
    const f = fixture()
    const p = f.pkg(f.offering('a').id, 'monthly')
    attachProducts(f.data, p, [{ product_id: 'ios1', eligibility_criteria: 'all' }])
    const refused = attachProducts(f.data, p, [
      { product_id: 'play1', eligibility_criteria: 'all' },
      { product_id: 'ios2', eligibility_criteria: 'all' },
    ])
    expect(failureOf(refused)).toEqual({
      status: 409,
      type: 'resource_already_exists',
      param: 'products.1.product_id',
    })
    expect(p.products.map((x) => x.productId)).toEqual(['ios1'])
    const mixed = attachProducts(f.data, p, [
      { product_id: 'play1', eligibility_criteria: 'all' },
      { product_id: 'play2', eligibility_criteria: 'google_sdk_ge_6' },
    ])
    expect(failureOf(mixed).param).toBe('products.1.product_id')
  })

  it('refuses Google criteria on another store (422) and an unknown product (404)', () => {
    const f = fixture()
    const p = f.pkg(f.offering('a').id, 'monthly')
    expect(
      failureOf(
        attachProducts(f.data, p, [
          { product_id: 'ios1', eligibility_criteria: 'google_sdk_ge_6' },
        ]),
      ),
    ).toEqual({
      status: 422,
      type: 'unprocessable_entity_error',
      param: 'products.0.eligibility_criteria',
    })
    expect(
      failureOf(attachProducts(f.data, p, [{ product_id: 'nope', eligibility_criteria: 'all' }])),
    ).toEqual({ status: 404, type: 'resource_missing', param: 'products.0.product_id' })
    expect(p.products).toEqual([])
  })

  it('attaching a held product again sets its criteria; detaching one not held is no error', () => {
    const f = fixture()
    const p = f.pkg(f.offering('a').id, 'monthly')
    attachProducts(f.data, p, [{ product_id: 'play1', eligibility_criteria: 'all' }])
    attachProducts(f.data, p, [{ product_id: 'play1', eligibility_criteria: 'google_sdk_lt_6' }])
    expect(p.products).toEqual([{ productId: 'play1', eligibilityCriteria: 'google_sdk_lt_6' }])
    expect(isFailure(detachProducts(f.data, p, ['ios1', 'play1']))).toBe(false)
    expect(p.products).toEqual([])
    expect(failureOf(detachProducts(f.data, p, ['ios1', 'nope']))).toEqual({
      status: 404,
      type: 'resource_missing',
      param: 'product_ids.1',
    })
  })
})

describe('offering and package wire shapes', () => {
  it('leaves packages and products out unless expanded (S-20)', () => {
    const f = fixture()
    const o = f.offering('a')
    const p = f.pkg(o.id, 'monthly', 1)
    attachProducts(f.data, p, [{ product_id: 'ios1', eligibility_criteria: 'all' }])
    const plain = offeringWire('proj1', f.data, o, packagesOf(f.data, o.id))
    expect(plain).not.toHaveProperty('packages')
    expect(plain).toMatchObject({ object: 'offering', is_current: true, metadata: null })
    const deep = offeringWire('proj1', f.data, o, packagesOf(f.data, o.id), { products: true })
    expect(deep.packages).toMatchObject({
      object: 'list',
      next_page: null,
      url: `/v2/projects/proj1/offerings/${o.id}/packages`,
      items: [
        {
          id: p.id,
          products: {
            url: `/v2/projects/proj1/packages/${p.id}/products`,
            items: [{ product: { id: 'ios1' }, eligibility_criteria: 'all' }],
          },
        },
      ],
    })
    expect(packageWire('proj1', f.data, p)).not.toHaveProperty('products')
    f.data.products.delete('ios1')
    expect(packageWire('proj1', f.data, p, { expandProducts: true }).products).toMatchObject({
      items: [],
    })
  })
})
