import { describe, expect, it } from 'vitest'
import { createFixedClock } from '../../../sandbox/clock.ts'
import { CURRENCY_CODE, createCurrency, deleteCurrency, updateCurrency } from './currencies.ts'
import { isFailure } from './errors.ts'
import { createProjectData, newCustomer, type ProjectData } from './model.ts'
import { balancesWire, virtualCurrencyWire } from './views.ts'
import { adjustBalances } from './virtual-currency.ts'

/** A project with two products and a customer, on a fixed clock. */
function fixture() {
  const now = createFixedClock('2026-01-15T12:00:00.000Z').now().getTime()
  const project: ProjectData = createProjectData()
  for (const id of ['prod1', 'prod2'])
    project.products.set(id, {
      id,
      storeIdentifier: id,
      type: 'consumable',
      appId: 'app1',
      displayName: null,
      createdAt: now,
      subscription: null,
      oneTime: { isConsumable: true },
    })
  const customer = newCustomer('c1', now)
  project.customers.set(customer.id, customer)
  return { project, customer, now }
}

function gold(f: ReturnType<typeof fixture>) {
  const vc = createCurrency(f.project, { code: 'GLD', name: 'Gold' }, f.now)
  if (isFailure(vc)) throw new Error(vc.message)
  return vc
}

describe('createCurrency', () => {
  it('creates a currency, created now, without a description or grants unless given', () => {
    const f = fixture()
    const vc = gold(f)
    expect(vc).toEqual({
      code: 'GLD',
      name: 'Gold',
      description: null,
      createdAt: f.now,
      productGrants: [],
    })
    expect(virtualCurrencyWire('proj1', vc)).toEqual({
      object: 'virtual_currency',
      project_id: 'proj1',
      code: 'GLD',
      name: 'Gold',
      created_at: f.now,
      description: null,
      product_grants: [],
    })
  })

  it('keeps product grants, trial_amount 0 and expire_at_cycle_end false unless given', () => {
    const f = fixture()
    const vc = createCurrency(
      f.project,
      {
        code: 'GEMS',
        name: 'Gems',
        description: 'Shiny',
        product_grants: [
          { product_ids: ['prod1'], amount: 100 },
          { product_ids: ['prod2'], amount: 5, trial_amount: 1, expire_at_cycle_end: true },
        ],
      },
      f.now,
    )
    expect(isFailure(vc)).toBe(false)
    expect(virtualCurrencyWire('proj1', vc as never).product_grants).toEqual([
      {
        object: 'virtual_currency.product_grant',
        product_ids: ['prod1'],
        amount: 100,
        trial_amount: 0,
        expire_at_cycle_end: false,
      },
      {
        object: 'virtual_currency.product_grant',
        product_ids: ['prod2'],
        amount: 5,
        trial_amount: 1,
        expire_at_cycle_end: true,
      },
    ])
  })

  it('refuses a code the project has: 409 on code', () => {
    const f = fixture()
    gold(f)
    expect(createCurrency(f.project, { code: 'GLD', name: 'Again' }, f.now)).toMatchObject({
      status: 409,
      type: 'resource_already_exists',
      param: 'code',
    })
    expect(f.project.virtualCurrencies.get('GLD')?.name).toBe('Gold')
  })

  it('refuses a grant of a product the project lacks (404 on its place), or a product in two grants (422)', () => {
    const f = fixture()
    const missing = createCurrency(
      f.project,
      {
        code: 'X',
        name: 'X',
        product_grants: [{ product_ids: ['prod1', 'prod_missing'], amount: 1 }],
      },
      f.now,
    )
    expect(missing).toMatchObject({
      status: 404,
      type: 'resource_missing',
      param: 'product_grants.0.product_ids.1',
    })
    const twice = createCurrency(
      f.project,
      {
        code: 'X',
        name: 'X',
        product_grants: [
          { product_ids: ['prod1'], amount: 1 },
          { product_ids: ['prod1'], amount: 2 },
        ],
      },
      f.now,
    )
    expect(twice).toMatchObject({ status: 422, type: 'unprocessable_entity_error' })
    expect(f.project.virtualCurrencies.size).toBe(0)
  })

  it('takes codes of letters, digits and underscores, at most 10', () => {
    expect(CURRENCY_CODE.test('GEMS_2')).toBe(true)
    expect(CURRENCY_CODE.test('GE-MS')).toBe(false)
    expect(CURRENCY_CODE.test('A'.repeat(11))).toBe(false)
  })
})

describe('updateCurrency', () => {
  it('changes what the body gives and keeps the rest; null removes a description or the grants', () => {
    const f = fixture()
    const vc = gold(f)
    updateCurrency(f.project, vc, {
      description: 'Old money',
      product_grants: [{ product_ids: ['prod1'], amount: 3 }],
    })
    expect(vc).toMatchObject({ name: 'Gold', description: 'Old money' })
    expect(vc.productGrants).toHaveLength(1)
    updateCurrency(f.project, vc, { name: 'Gold bars' })
    expect(vc).toMatchObject({ name: 'Gold bars', description: 'Old money' })
    expect(vc.productGrants).toHaveLength(1)
    updateCurrency(f.project, vc, { description: null, product_grants: null })
    expect(vc).toMatchObject({ description: null, productGrants: [] })
  })

  it('changes nothing when a grant is refused', () => {
    const f = fixture()
    const vc = gold(f)
    const res = updateCurrency(f.project, vc, {
      name: 'Changed',
      product_grants: [{ product_ids: ['prod_missing'], amount: 1 }],
    })
    expect(res).toMatchObject({ status: 404, param: 'product_grants.0.product_ids.0' })
    expect(vc.name).toBe('Gold')
  })
})

describe('deleteCurrency', () => {
  it('removes it and every balance of it: made again, it starts at 0', () => {
    const f = fixture()
    const vc = gold(f)
    adjustBalances(
      f.project,
      f.customer,
      'update-virtual-currencies-balance',
      { adjustments: { GLD: 7 } },
      { now: f.now },
    )
    deleteCurrency(f.project, vc)
    expect(f.project.virtualCurrencies.has('GLD')).toBe(false)
    expect(f.customer.balances.has('GLD')).toBe(false)
    gold(f)
    expect(balancesWire(f.project, f.customer.balances, true)).toEqual([
      { object: 'virtual_currency_balance', currency_code: 'GLD', balance: 0, name: 'Gold' },
    ])
  })
})
