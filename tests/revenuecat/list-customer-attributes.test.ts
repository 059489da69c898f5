import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  createTestCustomer,
  customerPath,
  expectMissing,
  expectParameterError,
  itemsOf,
  missingId,
  SANDBOX_CUSTOMERS,
  SDK_CUSTOMER_IDS,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'list-customer-attributes'
const api = useTarget('revenuecat')

interface Attribute {
  object: string
  name: string
  value: string | null
  updated_at: number
}
interface Page {
  items: Attribute[]
  next_page: string | null
  url: string
}

describe(op, () => {
  it('lists the customer’s attributes [list-customer-attributes]', async () => {
    const id = api.need('customerId')
    const res = await api.call(op, { path: customerPath(api, id) })
    expect(res).toMatchContract(200)
    const page = bodyOf<Page>(res)
    expect(page.items.length).toBeGreaterThan(0)
    expect(page.items.every((a) => a.object === 'customer.attribute')).toBe(true)
    expect(page.url).toBe(
      `/v2/projects/${api.need('projectId')}/customers/${encodeURIComponent(id)}/attributes`,
    )
  })

  it('lists the seeded attributes by name and value', async () => {
    api.needSandbox()
    const res = await api.call(op, { path: customerPath(api, SANDBOX_CUSTOMERS.active) })
    expect(res).toMatchContract(200)
    expect(itemsOf<Attribute>(res).map((a) => [a.name, a.value])).toEqual([
      ['$email', 'active@subcontract.invalid'],
      ['$displayName', 'Active Seed'],
      ['favourite_color', 'teal'],
    ])
  })

  it('lists what create-customer was given, updated when it was first seen', async () => {
    const id = await createTestCustomer(api, [{ name: 'onboarding', value: 'done' }])
    const customer = await api.call('get-customer', { path: customerPath(api, id) })
    const res = await api.call(op, { path: customerPath(api, id) })
    expect(res).toMatchContract(200)
    expect(itemsOf<Attribute>(res)).toEqual([
      {
        object: 'customer.attribute',
        name: 'onboarding',
        value: 'done',
        updated_at: bodyOf<{ first_seen_at: number }>(customer).first_seen_at,
      },
    ])
  })

  it('answers an empty list for a customer with no attributes', async () => {
    const id = await createTestCustomer(api)
    const res = await api.call(op, { path: customerPath(api, id) })
    expect(res).toMatchContract(200)
    expect(bodyOf<Page>(res)).toMatchObject({ items: [], next_page: null })
  })

  it('pages through 25 attributes: 20, then the other 5', async () => {
    api.needSandbox()
    const path = customerPath(api, SANDBOX_CUSTOMERS.many)
    const first = await api.call(op, { path })
    expect(first).toMatchContract(200)
    const page = bodyOf<Page>(first)
    expect(page.items).toHaveLength(20)
    expect(page.next_page).toContain(`starting_after=${page.items.at(-1)?.name}`)
    const second = await api.call(op, {
      path,
      query: { starting_after: page.items.at(-1)?.name ?? '' },
    })
    expect(second).toMatchContract(200)
    const rest = bodyOf<Page>(second)
    expect(rest.items).toHaveLength(5)
    expect(rest.next_page).toBeNull()
    const names = [...page.items, ...rest.items].map((a) => a.name)
    expect(new Set(names).size).toBe(25)
  })

  it.each(SDK_CUSTOMER_IDS)(
    'reaches the SDK-made customer %j through its encoded id',
    async (id) => {
      api.needSandbox()
      const res = await api.call(op, { path: customerPath(api, id) })
      expect(res).toMatchContract(200)
      expect(itemsOf<Attribute>(res).map((a) => a.name)).toContain('$displayName')
    },
  )

  it('returns 400 parameter_error for a cursor that is no attribute’s name [list-customer-attributes: unknown starting_after]', async () => {
    await expectParameterError(
      api,
      op,
      {
        path: customerPath(api, api.need('customerId')),
        query: { starting_after: 'subcontract_missing_attribute' },
      },
      'starting_after',
    )
  })

  it('returns 400 parameter_error for a limit that is not a whole number', async () => {
    await expectParameterError(
      api,
      op,
      {
        path: customerPath(api, api.need('customerId')),
        query: { limit: '2.5' },
      },
      'limit',
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

  it('returns 404 resource_missing for an unknown customer [list-customer-attributes: unknown customer]', async () => {
    await expectMissing(api, op, { path: customerPath(api, missingId(api, 'customer')) })
  })
})
