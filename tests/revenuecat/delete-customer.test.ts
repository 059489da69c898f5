import { describe, expect, it } from 'vitest'
import {
  addPurchase,
  addSubscription,
  bodyOf,
  createTestCustomer,
  customerPath,
  errorTypeOf,
  expectMissing,
  expectParameterError,
  missingId,
  SANDBOX_PRODUCTS,
  SDK_CUSTOMER_IDS,
  whileLocked,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'delete-customer'
const api = useTarget('revenuecat')

interface Deleted {
  object: string
  id: string
  deleted_at: number
}

describe(op, () => {
  it('deletes a customer; reading it afterwards is 404 [delete-customer]', async () => {
    const id = await createTestCustomer(api)
    const res = await api.call(op, { path: customerPath(api, id) })
    expect(res).toMatchContract(200)
    const deleted = bodyOf<Deleted>(res)
    expect(deleted).toMatchObject({ object: 'customer', id })
    expect(Number.isInteger(deleted.deleted_at)).toBe(true)
    const read = await api.call('get-customer', { path: customerPath(api, id) })
    expect(read).toMatchContract(404)
    const listed = await api.call('list-customer-aliases', { path: customerPath(api, id) })
    expect(listed).toMatchContract(404)
  })

  it('deletes what the customer owned with it, and frees its id for a new customer', async () => {
    const id = await createTestCustomer(api)
    await addSubscription(api, id, { product_id: SANDBOX_PRODUCTS.webMonthly })
    await addPurchase(api, id, { product_id: SANDBOX_PRODUCTS.webLifetime })
    const res = await api.call(op, { path: customerPath(api, id) })
    expect(res).toMatchContract(200)
    const again = await api.call('create-customer', {
      path: { project_id: api.need('projectId') },
      body: { id },
    })
    expect(again).toMatchContract(201)
    const read = await api.call('get-customer', { path: customerPath(api, id) })
    expect(read).toMatchContract(200)
    expect(
      bodyOf<{ active_entitlements: { items: unknown[] } }>(read).active_entitlements.items,
    ).toEqual([])
  })

  it('returns 404 resource_missing when the customer is already deleted [delete-customer: again]', async () => {
    const id = await createTestCustomer(api)
    expect(await api.call(op, { path: customerPath(api, id) })).toMatchContract(200)
    await expectMissing(api, op, { path: customerPath(api, id) })
  })

  it('deletes the customer create-customer made [delete-customer: created by create-customer]', async () => {
    const id = await createTestCustomer(api, [
      { name: '$email', value: 'made@subcontract.invalid' },
    ])
    const res = await api.call(op, { path: customerPath(api, id) })
    expect(res).toMatchContract(200)
    expect(bodyOf<Deleted>(res).id).toBe(id)
  })

  it('returns 404 resource_missing for an unknown customer [delete-customer: unknown customer]', async () => {
    await expectMissing(api, op, { path: customerPath(api, missingId(api, 'customer')) })
  })

  it.each(SDK_CUSTOMER_IDS)(
    'reads an SDK-made id like %j whole from its encoded path (404 naming it)',
    async (sdkId) => {
      // The seeded SDK customers are read by other files: this deletes one that does not exist.
      const id = `${sdkId} ${api.faker.string.alphanumeric(6)}/gone`
      const res = await api.call(op, { path: customerPath(api, id) })
      expect(res).toMatchContract(404)
      expect(bodyOf<{ message: string }>(res).message).toContain(`"${id}"`)
    },
  )

  it('returns 400 parameter_error for an id longer than 1500 characters', async () => {
    await expectParameterError(
      api,
      op,
      { path: customerPath(api, 'x'.repeat(1501)) },
      'customer_id',
    )
  })

  it('returns 423 resource_locked_error while another request changes the customer', async () => {
    const id = await createTestCustomer(api)
    const res = await whileLocked(api, id, () => api.call(op, { path: customerPath(api, id) }))
    expect(res).toMatchContract(423)
    expect(errorTypeOf(res)).toBe('resource_locked_error')
    const read = await api.call('get-customer', { path: customerPath(api, id) })
    expect(read, 'the locked customer is still there').toMatchContract(200)
  })
})
