import { describe, expect, it } from 'vitest'
import {
  blockList,
  createTestCustomer,
  customerPath,
  errorParamOf,
  errorTypeOf,
  missingId,
  whileLocked,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

// A beta operation (label beta): only runs selected with --tag beta or --operation select it.
const op = 'unblock-customer'
const api = useTarget('revenuecat')

const unblock = (customerId: string) => api.call(op, { path: customerPath(api, customerId) })
const block = async (customerId: string) =>
  expect(await api.call('block-customer', { path: customerPath(api, customerId) })).toMatchContract(
    200,
  )

describe(op, () => {
  it('unblocks a blocked customer: 204, and the block list no longer has it [unblock-customer]', async () => {
    const id = await createTestCustomer(api)
    await block(id)
    expect(await blockList(api)).toHaveProperty([id])
    const res = await unblock(id)
    expect(res).toMatchContract(204)
    expect(await blockList(api)).not.toHaveProperty([id])
    // Blocked again, it is listed again.
    await block(id)
    expect(await blockList(api)).toHaveProperty([id])
    expect(await unblock(id)).toMatchContract(204)
  })

  it('answers 404 for a customer that is not blocked (sandbox, S-52) [unblock-customer: not blocked]', async () => {
    api.needSandbox()
    const id = await createTestCustomer(api)
    const res = await unblock(id)
    expect(res).toMatchContract(404)
    expect(errorTypeOf(res)).toBe('resource_missing')
  })

  it('answers 404 for a customer the project does not have [unblock-customer: unknown customer]', async () => {
    const res = await unblock(missingId(api, 'customer'))
    expect(res).toMatchContract(404)
    expect(errorTypeOf(res)).toBe('resource_missing')
  })

  it('answers 400 on customer_id for an id over 1500 characters', async () => {
    const res = await unblock('x'.repeat(1501))
    expect(res).toMatchContract(400)
    expect(errorTypeOf(res)).toBe('parameter_error')
    expect(errorParamOf(res)).toBe('customer_id')
  })

  it('answers 423 while another request holds the customer, and keeps the block (sandbox)', async () => {
    const id = await createTestCustomer(api)
    await block(id)
    const res = await whileLocked(api, id, () => unblock(id))
    expect(res).toMatchContract(423)
    expect(errorTypeOf(res)).toBe('resource_locked_error')
    expect(await blockList(api)).toHaveProperty([id])
    expect(await unblock(id)).toMatchContract(204)
  })
})
