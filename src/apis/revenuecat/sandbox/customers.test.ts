import { describe, expect, it } from 'vitest'
import {
  assignOffering,
  createCustomer,
  deleteCustomer,
  searchByEmail,
  setAttributes,
  transferData,
  transferTarget,
} from './customers.ts'
import type { SubscriptionRecord } from './model.ts'
import {
  type CustomerRecord,
  createProjectData,
  newCustomer,
  type ProjectData,
  purchasesOf,
  subscriptionsOf,
} from './model.ts'

const NOW = 1_700_000_000_000

function project(): ProjectData {
  const data = createProjectData()
  data.apps.set('app_ios', { id: 'app_ios', name: 'iOS', type: 'app_store', createdAt: 0 })
  data.apps.set('app_web', { id: 'app_web', name: 'Web', type: 'rc_billing', createdAt: 0 })
  for (const [id, appId] of [
    ['prod_ios', 'app_ios'],
    ['prod_web', 'app_web'],
  ] as const)
    data.products.set(id, {
      id,
      storeIdentifier: id,
      type: 'subscription',
      appId,
      displayName: null,
      createdAt: 0,
      subscription: null,
      oneTime: null,
    })
  data.offerings.set('ofrng1', {
    id: 'ofrng1',
    lookupKey: 'default',
    displayName: 'Default',
    isCurrent: true,
    createdAt: 0,
  })
  return data
}

function customer(data: ProjectData, id: string): CustomerRecord {
  const record = newCustomer(id, NOW)
  data.customers.set(id, record)
  return record
}

function subscription(data: ProjectData, id: string, owner: string, productId: string) {
  const sub = { id, customerId: owner, originalCustomerId: owner, productId } as SubscriptionRecord
  data.subscriptions.set(id, sub)
  return sub
}

function purchase(data: ProjectData, id: string, owner: string, productId: string) {
  const record = { id, customerId: owner, originalCustomerId: owner, productId }
  data.purchases.set(id, record as never)
}

describe('createCustomer', () => {
  it('refuses an id another customer has as an alias, with 409 on id', () => {
    const data = project()
    customer(data, 'a').aliases.push({ id: 'alias-a', createdAt: NOW })
    expect(createCustomer(data, { id: 'alias-a' }, NOW)).toMatchObject({
      status: 409,
      type: 'resource_already_exists',
      param: 'id',
    })
  })

  it('keeps the last value of a name given twice, in first-set order', () => {
    const data = project()
    const created = createCustomer(
      data,
      {
        id: 'b',
        attributes: [
          { name: 'x', value: '1' },
          { name: 'y', value: '2' },
          { name: 'x', value: '3' },
        ],
      },
      NOW,
    ) as CustomerRecord
    expect([...created.attributes]).toEqual([
      ['x', { value: '3', updatedAt: NOW }],
      ['y', { value: '2', updatedAt: NOW }],
    ])
  })
})

describe('setAttributes', () => {
  it('updates in place, deletes on null and ignores deleting an unknown name', () => {
    const data = project()
    const c = customer(data, 'c')
    setAttributes(
      c,
      [
        { name: 'a', value: '1' },
        { name: 'b', value: '2' },
      ],
      NOW,
    )
    setAttributes(
      c,
      [
        { name: 'a', value: 'one' },
        { name: 'b', value: null },
        { name: 'zz', value: null },
      ],
      NOW + 5,
    )
    expect([...c.attributes]).toEqual([['a', { value: 'one', updatedAt: NOW + 5 }]])
  })
})

describe('assignOffering', () => {
  it('sets and clears the override; an unknown offering is 404 on offering_id', () => {
    const data = project()
    const c = customer(data, 'c')
    assignOffering(data, c, 'ofrng1')
    expect(c.offeringId).toBe('ofrng1')
    expect(assignOffering(data, c, 'nope')).toMatchObject({ status: 404, param: 'offering_id' })
    expect(c.offeringId).toBe('ofrng1')
    assignOffering(data, c, null)
    expect(c.offeringId).toBeNull()
  })
})

describe('transfer', () => {
  it('moves everything, or only what belongs to the apps given; original owner stays', () => {
    const data = project()
    const source = customer(data, 'src')
    const target = customer(data, 'dst')
    subscription(data, 's1', 'src', 'prod_ios')
    subscription(data, 's2', 'src', 'prod_web')
    purchase(data, 'p1', 'src', 'prod_web')
    const some = transferData(data, source, target, ['app_web'])
    expect(some).toMatchObject({ subscriptionIds: ['s2'], purchaseIds: ['p1'] })
    expect(subscriptionsOf(data, 'src').map((s) => s.id)).toEqual(['s1'])
    expect(purchasesOf(data, 'dst').map((p) => p.originalCustomerId)).toEqual(['src'])
    transferData(data, source, target, null)
    expect(subscriptionsOf(data, 'dst').map((s) => s.id)).toEqual(['s1', 's2'])
    expect(subscriptionsOf(data, 'dst').map((s) => s.originalCustomerId)).toEqual(['src', 'src'])
  })

  it('refuses an empty or unknown app list, itself, and an unknown or overlong target', () => {
    const data = project()
    const source = customer(data, 'src')
    const target = customer(data, 'dst')
    expect(transferData(data, source, target, [])).toMatchObject({ status: 400, param: 'app_ids' })
    expect(transferData(data, source, target, ['app_x'])).toMatchObject({
      status: 404,
      param: 'app_ids',
    })
    expect(transferTarget(data, source, 'src')).toMatchObject({
      status: 422,
      type: 'unprocessable_entity_error',
    })
    expect(transferTarget(data, source, 'ghost')).toMatchObject({ status: 404 })
    expect(transferTarget(data, source, 'x'.repeat(1501))).toMatchObject({ status: 400 })
    expect(transferTarget(data, source, 'dst')).toBe(target)
  })
})

describe('deleteCustomer and searchByEmail', () => {
  it('removes what the customer owns; search matches the exact $email only', () => {
    const data = project()
    const c = customer(data, 'c')
    setAttributes(c, [{ name: '$email', value: 'a@b.invalid' }], NOW)
    subscription(data, 's1', 'c', 'prod_ios')
    expect(searchByEmail(data, 'a@b.invalid')).toEqual([c])
    expect(searchByEmail(data, 'A@b.invalid')).toEqual([])
    deleteCustomer(data, c)
    expect(data.subscriptions.size).toBe(0)
    expect(data.customers.has('c')).toBe(false)
  })
})
