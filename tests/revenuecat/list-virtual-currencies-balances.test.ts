import { describe, expect, it } from 'vitest'
import { walkPages } from '../../src/http/walk-pages.ts'
import {
  createTestCustomer,
  customerPath,
  expectMissing,
  expectParameterError,
  itemsOf,
  missingId,
  SANDBOX_CUSTOMERS,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'list-virtual-currencies-balances'
const api = useTarget('revenuecat')

interface Balance {
  object: string
  currency_code: string
  balance: number
}

const balances = (items: Balance[]) =>
  items.map((b): [string, number] => [b.currency_code, b.balance])

/** The sandbox's seeded currencies, in the project's order. */
const SEEDED_CODES = ['GEMS', 'COINS', 'TOKENS']

describe(op, () => {
  it('lists the balances of a customer, empty ones included [list-virtual-currencies-balances]', async () => {
    const codes = api.currencies(1)
    const res = await api.call(op, {
      path: customerPath(api, api.need('customerId')),
      query: { include_empty_balances: 'true' },
    })
    expect(res).toMatchContract(200)
    const items = itemsOf<Balance>(res)
    for (const code of codes) expect(items.map((b) => b.currency_code)).toContain(code)
    for (const item of items) expect(item.object).toBe('virtual_currency_balance')
  })

  it('lists the seeded balances the customer holds, and with include_empty_balances every currency', async () => {
    api.needSandbox()
    const path = customerPath(api, SANDBOX_CUSTOMERS.active)
    const held = await api.call(op, { path })
    expect(held).toMatchContract(200)
    expect(balances(itemsOf<Balance>(held))).toEqual([
      ['GEMS', 120],
      ['COINS', 40],
    ])
    const all = await api.call(op, { path, query: { include_empty_balances: 'true' } })
    expect(all).toMatchContract(200)
    // Every currency of the project, in its order: the seeded three, and any a suite beside this
    // one has just defined (the Virtual Currency suites make and delete their own), at 0.
    const every = balances(itemsOf<Balance>(all))
    expect(every.filter(([code]) => SEEDED_CODES.includes(code))).toEqual([
      ['GEMS', 120],
      ['COINS', 40],
      ['TOKENS', 0],
    ])
    for (const [code, balance] of every) if (!SEEDED_CODES.includes(code)) expect(balance).toBe(0)
  })

  it('lists nothing for a new customer, and every currency at 0 with include_empty_balances', async () => {
    const codes = api.currencies(2)
    const customerId = await createTestCustomer(api)
    const held = await api.call(op, { path: customerPath(api, customerId) })
    expect(held).toMatchContract(200)
    expect(itemsOf(held)).toEqual([])
    const all = await api.call(op, {
      path: customerPath(api, customerId),
      query: { include_empty_balances: 'true' },
    })
    expect(all).toMatchContract(200)
    const items = itemsOf<Balance>(all)
    for (const code of codes)
      expect(items).toContainEqual(expect.objectContaining({ currency_code: code, balance: 0 }))
  })

  it('walks every page of the balances, none repeated or missing', async () => {
    api.needSandbox()
    const walk = await walkPages(api, op, {
      path: customerPath(api, SANDBOX_CUSTOMERS.active),
      query: { include_empty_balances: 'true', limit: 2 },
    })
    expect(walk.stopped).toBeUndefined()
    // Two pages of two for the seeded three; more while a suite beside this one has a currency of
    // its own defined. Nothing repeats, and the seeded ones come in the project's order.
    expect(walk.pages.length).toBeGreaterThanOrEqual(2)
    for (const page of walk.pages) expect(page).toMatchContract(200)
    const codes = (walk.items as Balance[]).map((b) => b.currency_code)
    expect(new Set(codes).size).toBe(codes.length)
    expect(codes.filter((code) => SEEDED_CODES.includes(code))).toEqual(SEEDED_CODES)
  })

  it('returns 400 parameter_error for include_empty_balances that is not a boolean [list-virtual-currencies-balances: bad include_empty_balances]', async () => {
    await expectParameterError(
      api,
      op,
      {
        path: customerPath(api, api.need('customerId')),
        query: { include_empty_balances: 'yes' },
      },
      'include_empty_balances',
    )
  })

  it('returns 400 parameter_error for an id longer than 1500 characters', async () => {
    await expectParameterError(
      api,
      op,
      { path: customerPath(api, 'x'.repeat(1501)) },
      'customer_id',
    )
  })

  it('returns 404 resource_missing for an unknown customer [list-virtual-currencies-balances: unknown customer]', async () => {
    await expectMissing(api, op, { path: customerPath(api, missingId(api, 'customer')) })
  })
})
