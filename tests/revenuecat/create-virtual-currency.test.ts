import { describe, expect, it } from 'vitest'
import {
  allItems,
  bodyOf,
  createTestCustomer,
  customerPath,
  errorParamOf,
  errorTypeOf,
  expectMissing,
  expectParameterError,
  itemsOf,
  missingId,
  projectPath,
  runLabel,
  UNKNOWN_PROJECT,
} from '../support/revenuecat-data.ts'
import {
  type Currency,
  catalogProducts,
  createTestCurrency,
  currencyPath,
  deleteTestCurrency,
  testCurrencyCode,
} from '../support/revenuecat-entitlements.ts'
import { useTarget } from '../support/target.ts'

const op = 'create-virtual-currency'
const api = useTarget('revenuecat')

const create = (body: Record<string, unknown>) => api.call(op, { path: projectPath(api), body })

describe(op, () => {
  it('creates a currency with its code, name, description and product grants [create-virtual-currency]', async () => {
    const products = await catalogProducts(api, 2)
    const code = testCurrencyCode(api)
    const name = runLabel(api)
    const res = await create({
      code,
      name,
      description: 'Earned in tests',
      product_grants: [
        { product_ids: [products[0]], amount: 100 },
        { product_ids: [products[1]], amount: 10, trial_amount: 1, expire_at_cycle_end: true },
      ],
    })
    expect(res).toMatchContract(201)
    const created = bodyOf<Currency>(res)
    expect(created).toMatchObject({
      object: 'virtual_currency',
      project_id: api.need('projectId'),
      code,
      name,
      description: 'Earned in tests',
      created_at: expect.any(Number),
      product_grants: [
        expect.objectContaining({ product_ids: [products[0]], amount: 100 }),
        {
          object: 'virtual_currency.product_grant',
          product_ids: [products[1]],
          amount: 10,
          trial_amount: 1,
          expire_at_cycle_end: true,
        },
      ],
    })
    const read = await api.call('get-virtual-currency', { path: currencyPath(api, code) })
    expect(read).toMatchContract(200)
    expect(bodyOf(read)).toEqual(created)
    await deleteTestCurrency(api, code)
  })

  it('starts every customer at a balance of 0 in it', async () => {
    const currency = await createTestCurrency(api)
    const customer = await createTestCustomer(api)
    const res = await api.call('list-virtual-currencies-balances', {
      path: customerPath(api, customer),
      query: { include_empty_balances: 'true' },
    })
    expect(res).toMatchContract(200)
    expect(itemsOf(res)).toContainEqual(
      expect.objectContaining({ currency_code: currency.code, balance: 0, name: currency.name }),
    )
    await deleteTestCurrency(api, currency.code)
  })

  it('lists it among the project currencies', async () => {
    const currency = await createTestCurrency(api)
    const all = await allItems<Currency>(api, 'list-virtual-currencies', projectPath(api), 'code')
    expect(all.filter((vc) => vc.name === currency.name)).toEqual([currency])
    await deleteTestCurrency(api, currency.code)
  })

  it('returns 409 resource_already_exists for a code the project has [create-virtual-currency: existing code]', async () => {
    const first = await createTestCurrency(api)
    const res = await create({ code: first.code, name: runLabel(api) })
    expect(res).toMatchContract(409)
    expect(errorTypeOf(res)).toBe('resource_already_exists')
    expect(errorParamOf(res)).toBe('code')
    const read = await api.call('get-virtual-currency', { path: currencyPath(api, first.code) })
    expect(bodyOf<Currency>(read).name).toBe(first.name)
    await deleteTestCurrency(api, first.code)
  })

  it('returns 400 parameter_error for a code with other characters than letters, digits and _ [create-virtual-currency: bad code]', async () => {
    await expectParameterError(
      api,
      op,
      { path: projectPath(api), body: { code: 'SC-BAD', name: runLabel(api) } },
      'code',
    )
  })

  it('returns 400 parameter_error for a code longer than 10 characters', async () => {
    await expectParameterError(
      api,
      op,
      { path: projectPath(api), body: { code: 'SC123456789', name: runLabel(api) } },
      'code',
    )
  })

  it('returns 400 parameter_error without a name', async () => {
    await expectParameterError(
      api,
      op,
      { path: projectPath(api), body: { code: testCurrencyCode(api) } },
      'name',
    )
  })

  it('returns 400 parameter_error for a grant of amount 0', async () => {
    const [product] = await catalogProducts(api, 1)
    await expectParameterError(
      api,
      op,
      {
        path: projectPath(api),
        body: {
          code: testCurrencyCode(api),
          name: runLabel(api),
          product_grants: [{ product_ids: [product], amount: 0 }],
        },
      },
      'product_grants.0.amount',
    )
  })

  it('returns 404 resource_missing for a grant of a product the project lacks [create-virtual-currency: unknown product]', async () => {
    const code = testCurrencyCode(api)
    const res = await expectMissing(api, op, {
      path: projectPath(api),
      body: {
        code,
        name: runLabel(api),
        product_grants: [{ product_ids: [missingId(api, 'product')], amount: 5 }],
      },
    })
    expect(errorParamOf(res)).toBe('product_grants.0.product_ids.0')
    await expectMissing(api, 'get-virtual-currency', { path: currencyPath(api, code) })
  })

  it('returns 422 unprocessable_entity_error for a product in two grants [create-virtual-currency: product granted twice]', async () => {
    api.needSandbox()
    const [product] = await catalogProducts(api, 1)
    const res = await create({
      code: testCurrencyCode(api),
      name: runLabel(api),
      product_grants: [
        { product_ids: [product], amount: 5 },
        { product_ids: [product], amount: 6 },
      ],
    })
    expect(res).toMatchContract(422)
    expect(errorTypeOf(res)).toBe('unprocessable_entity_error')
    expect(errorParamOf(res)).toBe('product_grants')
  })

  it('returns 404 resource_missing for a project the key does not open', async () => {
    await expectMissing(api, op, {
      path: { project_id: UNKNOWN_PROJECT },
      body: { code: testCurrencyCode(api), name: runLabel(api) },
    })
  })
})
