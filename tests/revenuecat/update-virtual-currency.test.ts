import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  errorParamOf,
  errorTypeOf,
  expectMissing,
  expectParameterError,
  missingId,
  runLabel,
} from '../support/revenuecat-data.ts'
import {
  type Currency,
  catalogProducts,
  createTestCurrency,
  currencyPath,
  deleteTestCurrency,
} from '../support/revenuecat-entitlements.ts'
import { useTarget } from '../support/target.ts'

const op = 'update-virtual-currency'
const api = useTarget('revenuecat')

describe(op, () => {
  it('changes the name, description and product grants, and keeps the code [update-virtual-currency]', async () => {
    const [product] = await catalogProducts(api, 1)
    const created = await createTestCurrency(api, { description: 'Before' })
    const name = runLabel(api)
    const res = await api.call(op, {
      path: currencyPath(api, created.code),
      body: {
        name,
        description: 'After',
        product_grants: [{ product_ids: [product], amount: 3, trial_amount: 0 }],
      },
    })
    expect(res).toMatchContract(200)
    const updated = bodyOf<Currency>(res)
    expect(updated).toMatchObject({
      code: created.code,
      created_at: created.created_at,
      name,
      description: 'After',
      product_grants: [expect.objectContaining({ product_ids: [product], amount: 3 })],
    })
    const read = await api.call('get-virtual-currency', { path: currencyPath(api, created.code) })
    expect(bodyOf(read)).toEqual(updated)
    await deleteTestCurrency(api, created.code)
  })

  it('keeps what the body leaves out; null removes the description and the grants', async () => {
    const [product] = await catalogProducts(api, 1)
    const created = await createTestCurrency(api, {
      description: 'Kept',
      product_grants: [{ product_ids: [product], amount: 7 }],
    })
    const path = currencyPath(api, created.code)
    const renamed = await api.call(op, { path, body: { name: `${created.name}-2` } })
    expect(renamed).toMatchContract(200)
    expect(bodyOf<Currency>(renamed)).toEqual({ ...created, name: `${created.name}-2` })
    const cleared = await api.call(op, { path, body: { description: null, product_grants: null } })
    expect(cleared).toMatchContract(200)
    expect(bodyOf<Currency>(cleared)).toMatchObject({ description: null })
    expect(bodyOf<Currency>(cleared).product_grants ?? []).toEqual([])
    await deleteTestCurrency(api, created.code)
  })

  it('returns 400 parameter_error for a name longer than 50 characters [update-virtual-currency: long name]', async () => {
    const created = await createTestCurrency(api)
    await expectParameterError(
      api,
      op,
      { path: currencyPath(api, created.code), body: { name: 'n'.repeat(51) } },
      'name',
    )
    await deleteTestCurrency(api, created.code)
  })

  it('returns 400 parameter_error for a code with other characters than letters, digits and _', async () => {
    await expectParameterError(
      api,
      op,
      { path: currencyPath(api, 'GE-MS'), body: { name: runLabel(api) } },
      'virtual_currency_code',
    )
  })

  it('returns 404 resource_missing for a grant of a product the project lacks, and changes nothing', async () => {
    const created = await createTestCurrency(api)
    const res = await expectMissing(api, op, {
      path: currencyPath(api, created.code),
      body: {
        name: runLabel(api),
        product_grants: [{ product_ids: [missingId(api, 'product')], amount: 1 }],
      },
    })
    expect(errorParamOf(res)).toBe('product_grants.0.product_ids.0')
    const read = await api.call('get-virtual-currency', { path: currencyPath(api, created.code) })
    expect(bodyOf(read)).toEqual(created)
    await deleteTestCurrency(api, created.code)
  })

  it('returns 422 unprocessable_entity_error for a product in two grants', async () => {
    api.needSandbox()
    const [product] = await catalogProducts(api, 1)
    const created = await createTestCurrency(api)
    const res = await api.call(op, {
      path: currencyPath(api, created.code),
      body: {
        product_grants: [
          { product_ids: [product], amount: 1 },
          { product_ids: [product], amount: 2 },
        ],
      },
    })
    expect(res).toMatchContract(422)
    expect(errorTypeOf(res)).toBe('unprocessable_entity_error')
    expect(errorParamOf(res)).toBe('product_grants')
    await deleteTestCurrency(api, created.code)
  })

  it('returns 404 resource_missing for a code the project lacks [update-virtual-currency: unknown code]', async () => {
    await expectMissing(api, op, {
      path: currencyPath(api, 'SCMISSING0'),
      body: { name: runLabel(api) },
    })
  })
})
