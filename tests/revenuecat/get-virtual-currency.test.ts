import { describe, expect, it } from 'vitest'
import { bodyOf, expectMissing, expectParameterError } from '../support/revenuecat-data.ts'
import { type Currency, currencyPath } from '../support/revenuecat-entitlements.ts'
import { useTarget } from '../support/target.ts'

const op = 'get-virtual-currency'
const api = useTarget('revenuecat')

describe(op, () => {
  it("answers one of the target's currencies [get-virtual-currency]", async () => {
    const [code] = api.currencies(1) as [string]
    const res = await api.call(op, { path: currencyPath(api, code) })
    expect(res).toMatchContract(200)
    expect(bodyOf<Currency>(res)).toMatchObject({
      object: 'virtual_currency',
      project_id: api.need('projectId'),
      code,
      name: expect.any(String),
      created_at: expect.any(Number),
    })
  })

  it('answers the products that grant a seeded currency', async () => {
    api.needSandbox()
    const res = await api.call(op, { path: currencyPath(api, 'COINS') })
    expect(res).toMatchContract(200)
    expect(bodyOf<Currency>(res)).toMatchObject({
      code: 'COINS',
      name: 'Coins',
      description: 'Earned by playing',
      product_grants: [
        {
          object: 'virtual_currency.product_grant',
          product_ids: ['prod5eed0001', 'prod5eed0003'],
          amount: 500,
          trial_amount: 50,
          expire_at_cycle_end: true,
        },
      ],
    })
  })

  it('returns 400 parameter_error for a code with other characters than letters, digits and _ [get-virtual-currency: bad code]', async () => {
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

  it('returns 404 resource_missing for a code the project lacks [get-virtual-currency: unknown code]', async () => {
    await expectMissing(api, op, { path: currencyPath(api, 'SCMISSING0') })
  })
})
