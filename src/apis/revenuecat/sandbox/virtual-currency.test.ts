import { describe, expect, it } from 'vitest'
import { createProjectData, newCustomer } from './model.ts'
import { adjustBalances, MAX_BALANCE, transactionsOf } from './virtual-currency.ts'

function project() {
  const data = createProjectData()
  for (const code of ['GEMS', 'COINS'])
    data.virtualCurrencies.set(code, {
      code,
      name: code,
      description: '',
      createdAt: 0,
      productGrants: [],
    })
  const customer = newCustomer('c1', 0)
  data.customers.set(customer.id, customer)
  return { data, customer }
}

const CREATE = 'create-virtual-currencies-transaction'
const UPDATE = 'update-virtual-currencies-balance'

describe('virtual currency balances', () => {
  it('applies every adjustment and records a transaction with its reference', () => {
    const { data, customer } = project()
    const result = adjustBalances(
      data,
      customer,
      CREATE,
      { adjustments: { GEMS: 10, COINS: 3 }, reference: 'order-1' },
      { now: 5 },
    )
    expect(result).toMatchObject({ replayed: false })
    expect([...customer.balances]).toEqual([
      ['GEMS', 10],
      ['COINS', 3],
    ])
    expect(transactionsOf(customer)).toEqual([
      { adjustments: { GEMS: 10, COINS: 3 }, reference: 'order-1', createdAt: 5 },
    ])
  })

  it('updates a balance without recording a transaction', () => {
    const { data, customer } = project()
    adjustBalances(data, customer, UPDATE, { adjustments: { GEMS: 7 } }, { now: 1 })
    expect(customer.balances.get('GEMS')).toBe(7)
    expect(transactionsOf(customer)).toEqual([])
  })

  it('applies nothing when one balance would go below zero', () => {
    const { data, customer } = project()
    customer.balances.set('GEMS', 5)
    const result = adjustBalances(
      data,
      customer,
      CREATE,
      { adjustments: { GEMS: -2, COINS: -1 } },
      { now: 1 },
    )
    expect(result).toMatchObject({ status: 422, type: 'unprocessable_entity_error' })
    expect(customer.balances.get('GEMS')).toBe(5)
    expect(customer.balances.has('COINS')).toBe(false)
    expect(transactionsOf(customer)).toEqual([])
  })

  it('refuses a balance over the 32-bit limit', () => {
    const { data, customer } = project()
    customer.balances.set('GEMS', MAX_BALANCE)
    const result = adjustBalances(data, customer, UPDATE, { adjustments: { GEMS: 1 } }, { now: 1 })
    expect(result).toMatchObject({ status: 422 })
  })

  it.each([
    [{}, 'adjustments'],
    [{ RUBIES: 1 }, 'adjustments.RUBIES'],
    [{ GEMS: 0 }, 'adjustments.GEMS'],
  ])('refuses the adjustments %j on %s', (adjustments, param) => {
    const { data, customer } = project()
    const result = adjustBalances(data, customer, CREATE, { adjustments }, { now: 1 })
    expect(result).toMatchObject({ status: 400, type: 'parameter_error', param })
    expect(customer.balances.size).toBe(0)
  })

  it('replays a key with the same body, and refuses it with another body or operation', () => {
    const { data, customer } = project()
    const options = { idempotencyKey: 'k1', now: 1 }
    const input = { adjustments: { GEMS: 4, COINS: 1 }, reference: null }
    adjustBalances(data, customer, CREATE, input, options)
    const again = adjustBalances(
      data,
      customer,
      CREATE,
      { adjustments: { COINS: 1, GEMS: 4 } },
      options,
    )
    expect(again).toMatchObject({ replayed: true })
    expect(customer.balances.get('GEMS')).toBe(4)
    expect(transactionsOf(customer)).toHaveLength(1)
    expect(
      adjustBalances(data, customer, CREATE, { adjustments: { GEMS: 5 } }, options),
    ).toMatchObject({ status: 409, type: 'idempotency_error' })
    expect(adjustBalances(data, customer, UPDATE, input, options)).toMatchObject({ status: 409 })
    expect(customer.balances.get('GEMS')).toBe(4)
  })

  it('does not remember a refused request under its key', () => {
    const { data, customer } = project()
    const options = { idempotencyKey: 'k2', now: 1 }
    adjustBalances(data, customer, CREATE, { adjustments: { GEMS: -1 } }, options)
    const result = adjustBalances(data, customer, CREATE, { adjustments: { GEMS: 2 } }, options)
    expect(result).toMatchObject({ replayed: false })
    expect(customer.balances.get('GEMS')).toBe(2)
  })
})
