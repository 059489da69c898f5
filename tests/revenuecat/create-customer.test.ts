import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  createTestCustomer,
  customerPath,
  errorParamOf,
  errorTypeOf,
  expectParameterError,
  itemsOf,
  SDK_CUSTOMER_IDS,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'create-customer'
const api = useTarget('revenuecat')

interface Customer {
  object: string
  id: string
  project_id: string
  first_seen_at: number
  last_seen_at: number | null
  active_entitlements: { items: unknown[] }
  attributes?: unknown
}

const projectPath = () => ({ project_id: api.need('projectId') })

describe(op, () => {
  it('creates a customer, first seen now, with no entitlements [create-customer]', async () => {
    const id = api.uniqueCustomerUserId()
    const res = await api.call(op, {
      path: projectPath(),
      body: { id, attributes: [{ name: '$email', value: `${id}@subcontract.invalid` }] },
    })
    expect(res).toMatchContract(201)
    const customer = bodyOf<Customer>(res)
    expect(customer).toMatchObject({
      object: 'customer',
      id,
      project_id: api.need('projectId'),
      last_seen_at: null,
    })
    expect(customer.active_entitlements.items).toEqual([])
    expect(customer.attributes).toBeUndefined()
    const read = await api.call('get-customer', { path: customerPath(api, id) })
    expect(read).toMatchContract(200)
    expect(bodyOf<Customer>(read).first_seen_at).toBe(customer.first_seen_at)
  })

  it('stores the attributes it was given, reserved and custom, in order', async () => {
    const attributes = [
      { name: '$displayName', value: api.faker.person.fullName() },
      { name: 'plan_tier', value: 'gold' },
      { name: 'telemetry_deck_user_id', value: 'td-1' },
    ]
    const id = await createTestCustomer(api, attributes)
    const res = await api.call('list-customer-attributes', { path: customerPath(api, id) })
    expect(res).toMatchContract(200)
    expect(itemsOf<{ name: string; value: string }>(res).map((a) => [a.name, a.value])).toEqual(
      attributes.map((a) => [a.name, a.value]),
    )
    const expanded = await api.call('get-customer', {
      path: customerPath(api, id),
      query: { expand: 'attributes' },
    })
    expect(expanded).toMatchContract(200)
    expect(bodyOf<{ attributes: { items: unknown[] } }>(expanded).attributes.items).toHaveLength(3)
  })

  it('takes 50 attributes, an id of 1500 characters, and the id pattern’s whole alphabet', async () => {
    const attributes = Array.from({ length: 50 }, (_, i) => ({ name: `attr_${i}`, value: `${i}` }))
    const id = await createTestCustomer(api, attributes)
    const listed = await api.call('list-customer-attributes', {
      path: customerPath(api, id),
      query: { limit: 100 },
    })
    expect(listed).toMatchContract(200)
    expect(itemsOf(listed)).toHaveLength(50)
    const long = `${api.uniqueCustomerUserId()}_AZaz09-`.padEnd(1500, 'x')
    const res = await api.call(op, { path: projectPath(), body: { id: long } })
    expect(res).toMatchContract(201)
    expect(bodyOf<Customer>(res).id).toBe(long)
  })

  it('returns 409 resource_already_exists for an id in use [create-customer: existing id]', async () => {
    const id = await createTestCustomer(api)
    const res = await api.call(op, { path: projectPath(), body: { id } })
    expect(res).toMatchContract(409)
    expect(errorTypeOf(res)).toBe('resource_already_exists')
    expect(errorParamOf(res)).toBe('id')
  })

  it('returns 400 parameter_error for an id outside the pattern [create-customer: bad id]', async () => {
    await expectParameterError(api, op, { path: projectPath(), body: { id: 'has a space' } }, 'id')
  })

  it.each(SDK_CUSTOMER_IDS)('refuses the SDK-made id %j with 400 on id', async (id) => {
    await expectParameterError(api, op, { path: projectPath(), body: { id } }, 'id')
  })

  it('returns 400 parameter_error for an id over 1500 characters, an empty or a missing id', async () => {
    for (const body of [{ id: 'x'.repeat(1501) }, { id: '' }, {}]) {
      const res = await api.call(op, { path: projectPath(), body })
      expect(res).toMatchContract(400)
      expect(errorTypeOf(res)).toBe('parameter_error')
      expect(errorParamOf(res)).toBe('id')
    }
  })

  it('returns 400 parameter_error for a $ name that is not reserved [create-customer: unreserved $ name]', async () => {
    await expectParameterError(
      api,
      op,
      {
        path: projectPath(),
        body: { id: api.uniqueCustomerUserId(), attributes: [{ name: '$favourite', value: 'x' }] },
      },
      'attributes.0.name',
    )
  })

  it('returns 400 parameter_error for 51 attributes, a null value or a value over 500 characters', async () => {
    const cases = [
      {
        body: Array.from({ length: 51 }, (_, i) => ({ name: `a${i}`, value: 'v' })),
        param: 'attributes',
      },
      { body: [{ name: 'a', value: null }], param: 'attributes.0.value' },
      { body: [{ name: 'a', value: 'v'.repeat(501) }], param: 'attributes.0.value' },
    ]
    for (const { body, param } of cases) {
      const id = api.uniqueCustomerUserId()
      const res = await api.call(op, { path: projectPath(), body: { id, attributes: body } })
      expect(res).toMatchContract(400)
      expect(errorParamOf(res)).toBe(param)
      const read = await api.call('get-customer', { path: customerPath(api, id) })
      expect(read, 'a refused create makes no customer').toMatchContract(404)
    }
  })
})
