import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  createTestCustomer,
  customerPath,
  errorParamOf,
  errorTypeOf,
  expectMissing,
  expectParameterError,
  itemsOf,
  missingId,
  SDK_CUSTOMER_IDS,
  whileLocked,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'set-customer-attributes'
const api = useTarget('revenuecat')

interface Attribute {
  object: string
  name: string
  value: string | null
  updated_at: number
}
interface Page {
  object: string
  items: Attribute[]
  next_page?: string | null
  url: string
}

const pairs = (items: Attribute[]) => items.map((a) => [a.name, a.value])

describe(op, () => {
  it('sets reserved and custom attributes and answers the full list [set-customer-attributes]', async () => {
    const id = await createTestCustomer(api, [{ name: 'first', value: '1' }])
    const name = api.faker.person.fullName()
    const res = await api.call(op, {
      path: customerPath(api, id),
      body: {
        attributes: [
          { name: '$displayName', value: name },
          { name: 'subcontract_note', value: 'set by the suite' },
        ],
      },
    })
    expect(res).toMatchContract(200)
    const page = bodyOf<Page>(res)
    expect(page.object).toBe('list')
    expect(page.url).toBe(
      `/v2/projects/${api.need('projectId')}/customers/${encodeURIComponent(id)}/attributes`,
    )
    expect(pairs(page.items)).toEqual([
      ['first', '1'],
      ['$displayName', name],
      ['subcontract_note', 'set by the suite'],
    ])
    const read = await api.call('list-customer-attributes', { path: customerPath(api, id) })
    expect(read).toMatchContract(200)
    expect(itemsOf<Attribute>(read)).toEqual(page.items)
  })

  it('deletes an attribute whose value is null [set-customer-attributes: delete with null]', async () => {
    const id = await createTestCustomer(api, [
      { name: 'keep', value: 'k' },
      { name: 'subcontract_note', value: 'gone soon' },
    ])
    const res = await api.call(op, {
      path: customerPath(api, id),
      body: { attributes: [{ name: 'subcontract_note', value: null }] },
    })
    expect(res).toMatchContract(200)
    expect(pairs(itemsOf<Attribute>(res))).toEqual([['keep', 'k']])
    const read = await api.call('get-customer', {
      path: customerPath(api, id),
      query: { expand: 'attributes' },
    })
    expect(read).toMatchContract(200)
    expect(pairs(bodyOf<{ attributes: Page }>(read).attributes.items)).toEqual([['keep', 'k']])
  })

  it('updates a known attribute in its place and stamps it again; the others keep their time', async () => {
    const id = await createTestCustomer(api, [
      { name: 'a', value: '1' },
      { name: 'b', value: '2' },
    ])
    const before = itemsOf<Attribute>(
      await api.call('list-customer-attributes', { path: customerPath(api, id) }),
    )
    const res = await api.call(op, {
      path: customerPath(api, id),
      body: { attributes: [{ name: 'a', value: 'one' }] },
    })
    expect(res).toMatchContract(200)
    const after = itemsOf<Attribute>(res)
    expect(pairs(after)).toEqual([
      ['a', 'one'],
      ['b', '2'],
    ])
    expect(after[0]?.updated_at).toBeGreaterThanOrEqual(before[0]?.updated_at ?? 0)
    expect(after[1]?.updated_at).toBe(before[1]?.updated_at)
  })

  it('answers every attribute in one list, more than a page of list-customer-attributes', async () => {
    const id = await createTestCustomer(api)
    const attributes = Array.from({ length: 50 }, (_, i) => ({ name: `n${i}`, value: `${i}` }))
    const first = await api.call(op, { path: customerPath(api, id), body: { attributes } })
    expect(first).toMatchContract(200)
    const res = await api.call(op, {
      path: customerPath(api, id),
      body: { attributes: [{ name: 'n50', value: '50' }] },
    })
    expect(res).toMatchContract(200)
    expect(itemsOf(res)).toHaveLength(51)
    expect(bodyOf<Page>(res).next_page ?? null).toBeNull()
  })

  it.each(SDK_CUSTOMER_IDS)(
    'reaches the SDK-made customer %j through its encoded id',
    async (id) => {
      api.needSandbox()
      // A name no other test reads, removed again: the seeded customer ends as it began.
      const name = `subcontract_probe_${api.faker.string.alphanumeric(8)}`
      const set = await api.call(op, {
        path: customerPath(api, id),
        body: { attributes: [{ name, value: 'probe' }] },
      })
      expect(set).toMatchContract(200)
      expect(pairs(itemsOf<Attribute>(set))).toContainEqual([name, 'probe'])
      const removed = await api.call(op, {
        path: customerPath(api, id),
        body: { attributes: [{ name, value: null }] },
      })
      expect(removed).toMatchContract(200)
      expect(itemsOf<Attribute>(removed).map((a) => a.name)).not.toContain(name)
    },
  )

  it('returns 400 parameter_error for a $ name that is not reserved [set-customer-attributes: unreserved $ name]', async () => {
    await expectParameterError(
      api,
      op,
      {
        path: customerPath(api, await createTestCustomer(api)),
        body: { attributes: [{ name: '$favourite', value: 'x' }] },
      },
      'attributes.0.name',
    )
  })

  it('returns 400 parameter_error for no attributes, 51 of them, or a value over 500 characters', async () => {
    const id = await createTestCustomer(api, [{ name: 'kept', value: 'k' }])
    const cases = [
      { attributes: [], param: 'attributes' },
      {
        attributes: Array.from({ length: 51 }, (_, i) => ({ name: `a${i}`, value: 'v' })),
        param: 'attributes',
      },
      { attributes: [{ name: 'a', value: 'v'.repeat(501) }], param: 'attributes.0.value' },
      { attributes: [{ name: 'a'.repeat(41), value: 'v' }], param: 'attributes.0.name' },
      { attributes: [{ name: 'a' }], param: 'attributes.0.value' },
    ]
    for (const { attributes, param } of cases) {
      const res = await api.call(op, { path: customerPath(api, id), body: { attributes } })
      expect(res).toMatchContract(400)
      expect(errorParamOf(res)).toBe(param)
    }
    const read = await api.call('list-customer-attributes', { path: customerPath(api, id) })
    expect(pairs(itemsOf<Attribute>(read)), 'a refused request changes nothing').toEqual([
      ['kept', 'k'],
    ])
  })

  it('returns 400 parameter_error for an id longer than 1500 characters', async () => {
    await expectParameterError(
      api,
      op,
      {
        path: customerPath(api, 'x'.repeat(1501)),
        body: { attributes: [{ name: 'a', value: 'b' }] },
      },
      'customer_id',
    )
  })

  it('returns 404 resource_missing for an unknown customer [set-customer-attributes: unknown customer]', async () => {
    await expectMissing(api, op, {
      path: customerPath(api, missingId(api, 'customer')),
      body: { attributes: [{ name: 'a', value: 'b' }] },
    })
  })

  it('returns 423 resource_locked_error while another request changes the customer', async () => {
    const id = await createTestCustomer(api)
    const res = await whileLocked(api, id, () =>
      api.call(op, {
        path: customerPath(api, id),
        body: { attributes: [{ name: 'a', value: 'b' }] },
      }),
    )
    expect(res).toMatchContract(423)
    expect(errorTypeOf(res)).toBe('resource_locked_error')
    const read = await api.call('list-customer-attributes', { path: customerPath(api, id) })
    expect(itemsOf(read)).toEqual([])
  })
})
