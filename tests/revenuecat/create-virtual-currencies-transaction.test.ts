import { describe, expect, it } from 'vitest'
import {
  createTestCustomer,
  customerPath,
  errorParamOf,
  errorTypeOf,
  expectMissing,
  expectParameterError,
  itemsOf,
  missingId,
  whileLocked,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'create-virtual-currencies-transaction'
const api = useTarget('revenuecat')

interface Balance {
  currency_code: string
  balance: number
}

/** The customer's balance of each currency, by code (0 when it holds none). */
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

/** A test customer holding `start` of the first currency (credited by a transaction). */
async function customerWith(code: string, start: number): Promise<string> {
  const customerId = await createTestCustomer(api)
  const res = await api.call(op, {
    path: customerPath(api, customerId),
    body: { adjustments: { [code]: start } },
  })
  expect(res).toMatchContract(200)
  return customerId
}

describe(op, () => {
  it('credits several currencies at once and answers the balances [create-virtual-currencies-transaction]', async () => {
    const [a, b] = api.currencies(2) as [string, string]
    const customerId = await createTestCustomer(api)
    const res = await api.call(op, {
      path: customerPath(api, customerId),
      body: { adjustments: { [a]: 10, [b]: 3 }, reference: 'subcontract credit' },
    })
    expect(res).toMatchContract(200)
    expect(balancesIn(itemsOf<Balance>(res))).toEqual({ [a]: 10, [b]: 3 })
    expect(await readBalances(customerId)).toMatchObject({ [a]: 10, [b]: 3 })
  })

  it('debits a balance', async () => {
    const [a] = api.currencies(2) as [string, string]
    const customerId = await customerWith(a, 10)
    const res = await api.call(op, {
      path: customerPath(api, customerId),
      body: { adjustments: { [a]: -4 } },
    })
    expect(res).toMatchContract(200)
    expect(balancesIn(itemsOf<Balance>(res))[a]).toBe(6)
    expect((await readBalances(customerId))[a]).toBe(6)
  })

  it('answers every currency with include_empty_balances', async () => {
    const [a, b] = api.currencies(2) as [string, string]
    const customerId = await createTestCustomer(api)
    const res = await api.call(op, {
      path: customerPath(api, customerId),
      query: { include_empty_balances: 'true' },
      body: { adjustments: { [a]: 2 } },
    })
    expect(res).toMatchContract(200)
    expect(balancesIn(itemsOf<Balance>(res))).toMatchObject({ [a]: 2, [b]: 0 })
  })

  it('answers a repeated Idempotency-Key with the first result, without applying it again', async () => {
    const [a] = api.currencies(2) as [string, string]
    const customerId = await createTestCustomer(api)
    const send = () =>
      api.call(op, {
        path: customerPath(api, customerId),
        headers: { 'idempotency-key': key },
        body: { adjustments: { [a]: 5 }, reference: 'once' },
      })
    const key = api.faker.string.uuid()
    const first = await send()
    expect(first).toMatchContract(200)
    const second = await send()
    expect(second).toMatchContract(200)
    expect(itemsOf(second)).toEqual(itemsOf(first))
    expect((await readBalances(customerId))[a]).toBe(5)
  })

  it('returns 409 idempotency_error for a key reused with another body, and applies nothing', async () => {
    const [a] = api.currencies(2) as [string, string]
    const customerId = await createTestCustomer(api)
    const key = api.faker.string.uuid()
    const path = customerPath(api, customerId)
    const headers = { 'idempotency-key': key }
    expect(
      await api.call(op, { path, headers, body: { adjustments: { [a]: 5 } } }),
    ).toMatchContract(200)
    const res = await api.call(op, { path, headers, body: { adjustments: { [a]: 50 } } })
    expect(res).toMatchContract(409)
    expect(errorTypeOf(res)).toBe('idempotency_error')
    expect((await readBalances(customerId))[a]).toBe(5)
  })

  it('returns 422 unprocessable_entity_error for a balance that would go below zero, and applies nothing [create-virtual-currencies-transaction: below zero]', async () => {
    const [a, b] = api.currencies(2) as [string, string]
    const customerId = await customerWith(a, 3)
    const res = await api.call(op, {
      path: customerPath(api, customerId),
      body: { adjustments: { [a]: 1, [b]: -1 } },
    })
    expect(res).toMatchContract(422)
    expect(errorTypeOf(res)).toBe('unprocessable_entity_error')
    expect(await readBalances(customerId)).toMatchObject({ [a]: 3, [b]: 0 })
  })

  it('returns 400 parameter_error for a currency the project does not have [create-virtual-currencies-transaction: unknown currency]', async () => {
    const customerId = await createTestCustomer(api)
    await expectParameterError(
      api,
      op,
      {
        path: customerPath(api, customerId),
        body: { adjustments: { SUBCONTRACT_MISSING: 1 } },
      },
      'adjustments.SUBCONTRACT_MISSING',
    )
  })

  it('returns 400 parameter_error for an adjustment of 0', async () => {
    const [a] = api.currencies(2) as [string, string]
    const customerId = await createTestCustomer(api)
    const res = await api.call(op, {
      path: customerPath(api, customerId),
      body: { adjustments: { [a]: 0 } },
    })
    expect(res).toMatchContract(400)
    expect(errorParamOf(res)).toBe(`adjustments.${a}`)
  })

  it('returns 400 parameter_error for an amount that is not a whole number', async () => {
    const [a] = api.currencies(2) as [string, string]
    const customerId = await createTestCustomer(api)
    const res = await api.call(op, {
      path: customerPath(api, customerId),
      body: { adjustments: { [a]: 1.5 } },
    })
    expect(res).toMatchContract(400)
    expect(errorParamOf(res)).toBe(`adjustments.${a}`)
  })

  it('returns 400 parameter_error without adjustments [create-virtual-currencies-transaction: no adjustments]', async () => {
    await expectParameterError(
      api,
      op,
      {
        path: customerPath(api, api.need('customerId')),
        body: { reference: 'nothing' },
      },
      'adjustments',
    )
  })

  it('returns 404 resource_missing for an unknown customer [create-virtual-currencies-transaction: unknown customer]', async () => {
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
