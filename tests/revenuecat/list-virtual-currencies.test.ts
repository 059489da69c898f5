import { describe, expect, it } from 'vitest'
import {
  allItems,
  bodyOf,
  expectMissing,
  expectParameterError,
  itemsOf,
  projectPath,
  UNKNOWN_PROJECT,
} from '../support/revenuecat-data.ts'
import {
  type Currency,
  createTestCurrency,
  deleteTestCurrency,
} from '../support/revenuecat-entitlements.ts'
import { useTarget } from '../support/target.ts'

const op = 'list-virtual-currencies'
const api = useTarget('revenuecat')

describe(op, () => {
  it("lists the project's currencies: the target's and a created one [list-virtual-currencies]", async () => {
    const codes = api.currencies(1)
    const created = await createTestCurrency(api, { description: 'Listed' })
    const res = await api.call(op, { path: projectPath(api) })
    expect(res).toMatchContract(200)
    expect(bodyOf(res)).toMatchObject({
      object: 'list',
      url: expect.stringMatching(/virtual_currencies$/),
    })
    const all = await allItems<Currency>(api, op, projectPath(api), 'code')
    for (const code of codes) expect(all.map((vc) => vc.code)).toContain(code)
    expect(all.find((vc) => vc.code === created.code)).toEqual(created)
    await deleteTestCurrency(api, created.code)
  })

  it('answers the product grants of the seeded currencies', async () => {
    api.needSandbox()
    const res = await api.call(op, { path: projectPath(api) })
    expect(res).toMatchContract(200)
    const gems = itemsOf<Currency>(res).find((vc) => vc.code === 'GEMS')
    expect(gems?.product_grants).toEqual([
      {
        object: 'virtual_currency.product_grant',
        product_ids: ['prod5eed0006'],
        amount: 100,
        trial_amount: 0,
        expire_at_cycle_end: false,
      },
    ])
  })

  it('pages with limit and starting_after [list-virtual-currencies: limit 1]', async () => {
    api.currencies(2)
    const first = await api.call(op, { path: projectPath(api), query: { limit: '1' } })
    expect(first).toMatchContract(200)
    const [one] = itemsOf<Currency>(first)
    expect(bodyOf<{ next_page: string }>(first).next_page).toContain(`starting_after=${one?.code}`)
    const second = await api.call(op, {
      path: projectPath(api),
      query: { limit: '1', starting_after: String(one?.code) },
    })
    expect(second).toMatchContract(200)
    const [two] = itemsOf<Currency>(second)
    expect(two?.code).toEqual(expect.any(String))
    expect(two?.code).not.toBe(one?.code)
  })

  it('returns 400 parameter_error for a limit of 0 [list-virtual-currencies: bad limit]', async () => {
    await expectParameterError(api, op, { path: projectPath(api), query: { limit: '0' } }, 'limit')
  })

  it('returns 400 parameter_error for a starting_after that is no currency', async () => {
    await expectParameterError(
      api,
      op,
      { path: projectPath(api), query: { starting_after: 'SCMISSING0' } },
      'starting_after',
    )
  })

  it('returns 404 resource_missing for a project the key does not open', async () => {
    await expectMissing(api, op, { path: { project_id: UNKNOWN_PROJECT } })
  })
})
