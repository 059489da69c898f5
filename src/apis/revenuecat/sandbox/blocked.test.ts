import { describe, expect, it } from 'vitest'
import { blockCustomer, blockedCustomers, isBlocked, unblockCustomer } from './blocked.ts'
import { isFailure } from './errors.ts'
import { createProjectData, newCustomer } from './model.ts'
import { blockedCustomersWire } from './views.ts'

const NOW = Date.parse('2026-01-15T12:00:00.000Z')

function fixture() {
  const project = createProjectData()
  for (const id of ['alice', 'bob', 'carol']) project.customers.set(id, newCustomer(id, NOW))
  return project
}

describe('the block list', () => {
  it('lists blocked customers in the order they were blocked, with when', () => {
    const project = fixture()
    expect(blockCustomer(project, 'bob', NOW)).toEqual({ customerId: 'bob', blockedAt: NOW })
    blockCustomer(project, 'alice', NOW + 5)
    expect(blockedCustomers(project).map((b) => b.customerId)).toEqual(['bob', 'alice'])
    expect(isBlocked(project, 'bob')).toBe(true)
    expect(isBlocked(project, 'carol')).toBe(false)
    expect(blockedCustomersWire(blockedCustomers(project))).toEqual({
      object: 'blocked_customer',
      bob: { updated_at_ms: NOW },
      alice: { updated_at_ms: NOW + 5 },
    })
  })

  it('refuses an unknown customer (404) and a second block (409), keeping the first time', () => {
    const project = fixture()
    const unknown = blockCustomer(project, 'nobody', NOW)
    expect(isFailure(unknown) && [unknown.status, unknown.type]).toEqual([404, 'resource_missing'])
    blockCustomer(project, 'bob', NOW)
    const again = blockCustomer(project, 'bob', NOW + 1)
    expect(isFailure(again) && [again.status, again.type]).toEqual([409, 'resource_already_exists'])
    expect(project.blockedCustomers.get('bob')?.blockedAt).toBe(NOW)
  })

  it('unblocks a blocked customer; a customer not blocked or unknown is 404', () => {
    const project = fixture()
    blockCustomer(project, 'bob', NOW)
    expect(unblockCustomer(project, 'bob')).toEqual({ customerId: 'bob', blockedAt: NOW })
    expect(blockedCustomers(project)).toEqual([])
    for (const id of ['bob', 'nobody']) {
      const refused = unblockCustomer(project, id)
      expect(isFailure(refused) && [refused.status, refused.type]).toEqual([
        404,
        'resource_missing',
      ])
    }
  })

  it('forgets the block of a deleted customer', () => {
    const project = fixture()
    blockCustomer(project, 'carol', NOW)
    project.customers.delete('carol')
    expect(blockedCustomers(project)).toEqual([])
    expect(isBlocked(project, 'carol')).toBe(false)
  })
})
