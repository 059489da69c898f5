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

const balances = (items: Balance[]) => items.map((b) => [b.currency_code, b.balance])

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
    expect(balances(itemsOf<Balance>(all))).toEqual([
      ['GEMS', 120],
      ['COINS', 40],
      ['TOKENS', 0],
    ])
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
    expect(walk.pages).toHaveLength(2)
    for (const page of walk.pages) expect(page).toMatchContract(200)
    expect((walk.items as Balance[]).map((b) => b.currency_code)).toEqual([
      'GEMS',
      'COINS',
      'TOKENS',
    ])
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
