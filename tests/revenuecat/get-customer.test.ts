import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  createTestCustomer,
  customerPath,
  expectMissing,
  expectParameterError,
  missingId,
  SANDBOX_CUSTOMERS,
  SANDBOX_ENTITLEMENTS,
  SDK_CUSTOMER_IDS,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'get-customer'
const api = useTarget('revenuecat')

interface Customer {
  id: string
  project_id: string
  active_entitlements: { items: Array<{ entitlement_id: string; expires_at: number | null }> }
  experiment: { id: string; variant: string } | null
  attributes?: { items: Array<{ name: string; value: string | null }> }
}

describe(op, () => {
  it('returns a customer [get-customer]', async () => {
    const id = api.need('customerId')
    const res = await api.call(op, { path: customerPath(api, id) })
    expect(res).toMatchContract(200)
    const customer = bodyOf<Customer>(res)
    expect(customer).toMatchObject({ id, project_id: api.need('projectId') })
    expect(customer.attributes).toBeUndefined()
  })

  it('expands the attributes when asked to [get-customer: expand attributes]', async () => {
    const id = api.need('customerId')
    const res = await api.call(op, { path: customerPath(api, id), query: { expand: 'attributes' } })
    expect(res).toMatchContract(200)
    expect(bodyOf<Customer>(res).attributes?.items.length).toBeGreaterThan(0)
  })

  it('shows a new customer with no entitlements and the attributes it was created with', async () => {
    const id = await createTestCustomer(api, [{ name: '$email', value: 'new@subcontract.invalid' }])
    const res = await api.call(op, { path: customerPath(api, id), query: { expand: 'attributes' } })
    expect(res).toMatchContract(200)
    const customer = bodyOf<Customer>(res)
    expect(customer.active_entitlements.items).toEqual([])
    expect(customer.experiment).toBeNull()
    expect(customer.attributes?.items).toEqual([
      expect.objectContaining({ name: '$email', value: 'new@subcontract.invalid' }),
    ])
  })

  it('shows the seeded active subscription as an active entitlement, and the experiment', async () => {
    api.needSandbox()
    const res = await api.call(op, { path: customerPath(api, SANDBOX_CUSTOMERS.active) })
    expect(res).toMatchContract(200)
    const customer = bodyOf<Customer>(res)
    expect(customer.active_entitlements.items.map((e) => e.entitlement_id)).toEqual([
      SANDBOX_ENTITLEMENTS.pro,
    ])
    expect(customer.experiment).toMatchObject({ variant: 'b' })
  })

  it.each(SDK_CUSTOMER_IDS)(
    'reaches the SDK-made customer %j through its encoded id',
    async (id) => {
      api.needSandbox()
      const res = await api.call(op, { path: customerPath(api, id) })
      expect(res).toMatchContract(200)
      expect(bodyOf<Customer>(res).id).toBe(id)
    },
  )

  it('returns 400 parameter_error for an unknown expand value [get-customer: bad expand]', async () => {
    await expectParameterError(
      api,
      op,
      {
        path: customerPath(api, api.need('customerId')),
        query: { expand: 'subscriptions' },
      },
      'expand',
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

  it('returns 404 resource_missing for an unknown customer [get-customer: unknown customer]', async () => {
    await expectMissing(api, op, { path: customerPath(api, missingId(api, 'customer')) })
  })
})
