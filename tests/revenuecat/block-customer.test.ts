import { describe, expect, it } from 'vitest'
import {
  blockList,
  bodyOf,
  createTestCustomer,
  customerPath,
  errorParamOf,
  errorTypeOf,
  missingId,
  whileLocked,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

// A beta operation (label beta): only runs selected with --tag beta or --operation select it.
const op = 'block-customer'
const api = useTarget('revenuecat')

const block = (customerId: string) => api.call(op, { path: customerPath(api, customerId) })
const unblock = (customerId: string) =>
  api.call('unblock-customer', { path: customerPath(api, customerId) })

describe(op, () => {
  it('blocks a customer: 200 with no body, and the block list shows it [block-customer]', async () => {
    const id = await createTestCustomer(api)
    const res = await block(id)
    expect(res).toMatchContract(200)
    expect(await blockList(api)).toMatchObject({ [id]: { updated_at_ms: expect.any(Number) } })
    expect(await unblock(id)).toMatchContract(204)
  })

  it('changes nothing else about the customer: it reads the same before and after (S-52)', async () => {
    const id = await createTestCustomer(api)
    const before = await api.call('get-customer', { path: customerPath(api, id) })
    expect(before).toMatchContract(200)
    expect(await block(id)).toMatchContract(200)
    const after = await api.call('get-customer', { path: customerPath(api, id) })
    expect(after).toMatchContract(200)
    expect(bodyOf(after)).toEqual(bodyOf(before))
    expect(await unblock(id)).toMatchContract(204)
  })

  it('answers 409 resource_already_exists for a customer blocked already (sandbox, S-52) [block-customer: twice]', async () => {
    api.needSandbox()
    const id = await createTestCustomer(api)
    expect(await block(id)).toMatchContract(200)
    const first = (await blockList(api))[id]
    const again = await block(id)
    expect(again).toMatchContract(409)
    expect(errorTypeOf(again)).toBe('resource_already_exists')
    // The first block's time stays.
    expect((await blockList(api))[id]).toEqual(first)
    expect(await unblock(id)).toMatchContract(204)
  })

  it('answers 404 for a customer the project does not have [block-customer: unknown customer]', async () => {
    const res = await block(missingId(api, 'customer'))
    expect(res).toMatchContract(404)
    expect(errorTypeOf(res)).toBe('resource_missing')
  })

  it('answers 400 on customer_id for an id over 1500 characters', async () => {
    const res = await block('x'.repeat(1501))
    expect(res).toMatchContract(400)
    expect(errorTypeOf(res)).toBe('parameter_error')
    expect(errorParamOf(res)).toBe('customer_id')
  })

  it('answers 423 while another request holds the customer (sandbox)', async () => {
    const id = await createTestCustomer(api)
    const res = await whileLocked(api, id, () => block(id))
    expect(res).toMatchContract(423)
    expect(errorTypeOf(res)).toBe('resource_locked_error')
    expect(await blockList(api)).not.toHaveProperty(id)
  })
})
