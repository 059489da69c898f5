import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  createTestCustomer,
  customerPath,
  expectMissing,
  expectParameterError,
  itemsOf,
  projectPath,
  runLabel,
} from '../support/revenuecat-data.ts'
import {
  createTestCurrency,
  currencyPath,
  deleteTestCurrency,
} from '../support/revenuecat-entitlements.ts'
import { useTarget } from '../support/target.ts'

const op = 'delete-virtual-currency'
const api = useTarget('revenuecat')

const balancesOf = async (customer: string) => {
  const res = await api.call('list-virtual-currencies-balances', {
    path: customerPath(api, customer),
    query: { include_empty_balances: 'true' },
  })
  expect(res).toMatchContract(200)
  return itemsOf<{ currency_code: string; balance: number }>(res)
}

describe(op, () => {
  it('deletes the currency: it answers a DeletedObject, and is gone from reads [delete-virtual-currency]', async () => {
    const created = await createTestCurrency(api)
    const res = await api.call(op, { path: currencyPath(api, created.code) })
    expect(res).toMatchContract(200)
    expect(bodyOf(res)).toEqual({
      object: 'virtual_currency',
      id: created.code,
      deleted_at: expect.any(Number),
    })
    await expectMissing(api, 'get-virtual-currency', { path: currencyPath(api, created.code) })
    await expectMissing(api, op, { path: currencyPath(api, created.code) })
  })

  it('deletes a currency customers hold, and their balances of it: made again, it starts at 0', async () => {
    const created = await createTestCurrency(api)
    const customer = await createTestCustomer(api)
    const credit = await api.call('update-virtual-currencies-balance', {
      path: customerPath(api, customer),
      body: { adjustments: { [created.code]: 25 } },
    })
    expect(credit).toMatchContract(200)
    expect(await api.call(op, { path: currencyPath(api, created.code) })).toMatchContract(200)
    expect((await balancesOf(customer)).map((b) => b.currency_code)).not.toContain(created.code)

    const again = await api.call('create-virtual-currency', {
      path: projectPath(api),
      body: { code: created.code, name: runLabel(api) },
    })
    expect(again).toMatchContract(201)
    expect(await balancesOf(customer)).toContainEqual(
      expect.objectContaining({ currency_code: created.code, balance: 0 }),
    )
    await deleteTestCurrency(api, created.code)
  })

  it('returns 400 parameter_error for a code with other characters than letters, digits and _', async () => {
    await expectParameterError(
      api,
      op,
      { path: currencyPath(api, 'GE-MS') },
      'virtual_currency_code',
    )
  })

  it('returns 400 parameter_error for a code longer than 10 characters', async () => {
    await expectParameterError(
      api,
      op,
      { path: currencyPath(api, 'C'.repeat(11)) },
      'virtual_currency_code',
    )
  })

  it('returns 404 resource_missing for a code the project lacks [delete-virtual-currency: unknown code]', async () => {
    await expectMissing(api, op, { path: currencyPath(api, 'SCMISSING0') })
  })
})
