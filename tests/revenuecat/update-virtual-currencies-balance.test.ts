import { describe, expect, it } from 'vitest'
import {
  createTestCustomer,
  customerPath,
  errorTypeOf,
  expectMissing,
  expectParameterError,
  itemsOf,
  missingId,
  whileLocked,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'update-virtual-currencies-balance'
const api = useTarget('revenuecat')

interface Balance {
  currency_code: string
  balance: number
}

function balancesIn(items: Balance[]): Record<string, number> {
  return Object.fromEntries(items.map((b) => [b.currency_code, b.balance]))
}

/** The customer's balances as list-virtual-currencies-balances reads them now. */
async function readBalances(customerId: string): Promise<Record<string, number>> {
  const res = await api.call('list-virtual-currencies-balances', {
    path: customerPath(api, customerId),
    query: { include_empty_balances: 'true' },
  })
  expect(res).toMatchContract(200)
  return balancesIn(itemsOf<Balance>(res))
}

describe(op, () => {
  it('adjusts balances and answers them [update-virtual-currencies-balance]', async () => {
    const [a, b] = api.currencies(2) as [string, string]
    const customerId = await createTestCustomer(api)
    const res = await api.call(op, {
      path: customerPath(api, customerId),
      body: { adjustments: { [a]: 8, [b]: 2 }, reference: 'subcontract correction' },
    })
    expect(res).toMatchContract(200)
    expect(balancesIn(itemsOf<Balance>(res))).toEqual({ [a]: 8, [b]: 2 })
    const down = await api.call(op, {
      path: customerPath(api, customerId),
      query: { include_empty_balances: 'true' },
      body: { adjustments: { [a]: -8 } },
    })
    expect(down).toMatchContract(200)
    expect(balancesIn(itemsOf<Balance>(down))).toMatchObject({ [a]: 0, [b]: 2 })
    expect(await readBalances(customerId)).toMatchObject({ [a]: 0, [b]: 2 })
  })

  it('answers a repeated Idempotency-Key with the first result, without applying it again', async () => {
    const [a] = api.currencies(2) as [string, string]
    const customerId = await createTestCustomer(api)
    const key = api.faker.string.uuid()
    const send = () =>
      api.call(op, {
        path: customerPath(api, customerId),
        headers: { 'idempotency-key': key },
        body: { adjustments: { [a]: 4 } },
      })
    const first = await send()
    expect(first).toMatchContract(200)
    const second = await send()
    expect(second).toMatchContract(200)
    expect(itemsOf(second)).toEqual(itemsOf(first))
    expect((await readBalances(customerId))[a]).toBe(4)
  })

  it('returns 409 idempotency_error for a key reused with another body, and applies nothing', async () => {
    const [a] = api.currencies(2) as [string, string]
    const customerId = await createTestCustomer(api)
    const path = customerPath(api, customerId)
    const headers = { 'idempotency-key': api.faker.string.uuid() }
    expect(
      await api.call(op, { path, headers, body: { adjustments: { [a]: 4 } } }),
    ).toMatchContract(200)
    const res = await api.call(op, {
      path,
      headers,
      body: { adjustments: { [a]: 4 }, reference: 'other' },
    })
    expect(res).toMatchContract(409)
    expect(errorTypeOf(res)).toBe('idempotency_error')
    expect((await readBalances(customerId))[a]).toBe(4)
  })

  it('returns 409 idempotency_error for a key a transaction used already', async () => {
    const [a] = api.currencies(2) as [string, string]
    const customerId = await createTestCustomer(api)
    const path = customerPath(api, customerId)
    const headers = { 'idempotency-key': api.faker.string.uuid() }
    const body = { adjustments: { [a]: 3 } }
    const created = await api.call('create-virtual-currencies-transaction', { path, headers, body })
    expect(created).toMatchContract(200)
    const res = await api.call(op, { path, headers, body })
    expect(res).toMatchContract(409)
    expect(errorTypeOf(res)).toBe('idempotency_error')
    expect((await readBalances(customerId))[a]).toBe(3)
  })

  it('returns 422 unprocessable_entity_error for a balance that would go below zero, and applies nothing [update-virtual-currencies-balance: below zero]', async () => {
    const [a, b] = api.currencies(2) as [string, string]
    const customerId = await createTestCustomer(api)
    const res = await api.call(op, {
      path: customerPath(api, customerId),
      body: { adjustments: { [a]: 5, [b]: -1 } },
    })
    expect(res).toMatchContract(422)
    expect(errorTypeOf(res)).toBe('unprocessable_entity_error')
    expect(await readBalances(customerId)).toMatchObject({ [a]: 0, [b]: 0 })
  })

  it('returns 400 parameter_error for a currency the project does not have [update-virtual-currencies-balance: unknown currency]', async () => {
    const customerId = await createTestCustomer(api)
    await expectParameterError(
      api,
      op,
      {
        path: customerPath(api, customerId),
        body: { adjustments: { SUBCONTRACT_MISSING: -1 } },
      },
      'adjustments.SUBCONTRACT_MISSING',
    )
  })

  it('returns 400 parameter_error for an empty adjustments object', async () => {
    const customerId = await createTestCustomer(api)
    await expectParameterError(
      api,
      op,
      {
        path: customerPath(api, customerId),
        body: { adjustments: {} },
      },
      'adjustments',
    )
  })

  it('returns 400 parameter_error for include_empty_balances that is not a boolean', async () => {
    await expectParameterError(
      api,
      op,
      {
        path: customerPath(api, api.need('customerId')),
        query: { include_empty_balances: 'always' },
        body: { adjustments: { [api.anyCurrency()]: 1 } },
      },
      'include_empty_balances',
    )
  })

  it('returns 404 resource_missing for an unknown customer [update-virtual-currencies-balance: unknown customer]', async () => {
    await expectMissing(api, op, {
      path: customerPath(api, missingId(api, 'customer')),
      body: { adjustments: { [api.anyCurrency()]: 1 } },
    })
  })

  it('returns 423 resource_locked_error while the customer is being changed, and applies nothing', async () => {
    const [a] = api.currencies(2) as [string, string]
    const customerId = await createTestCustomer(api)
    const res = await whileLocked(api, customerId, () =>
      api.call(op, { path: customerPath(api, customerId), body: { adjustments: { [a]: 1 } } }),
    )
    expect(res).toMatchContract(423)
    expect(errorTypeOf(res)).toBe('resource_locked_error')
    expect((await readBalances(customerId))[a]).toBe(0)
  })
})
