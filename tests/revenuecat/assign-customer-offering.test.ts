import { describe, expect, it } from 'vitest'
import {
  createTestCustomer,
  customerPath,
  errorParamOf,
  errorTypeOf,
  expectParameterError,
  missingId,
  SDK_CUSTOMER_IDS,
  whileLocked,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'assign-customer-offering'
const api = useTarget('revenuecat')

// No v2 response shows a customer's offering override (it shapes what the SDK is offered), so
// these tests read the answer of each write: 200 with no body, or the refusal.
describe(op, () => {
  it('assigns an offering to a customer, answering 200 with no body [assign-customer-offering]', async () => {
    const id = await createTestCustomer(api)
    const res = await api.call(op, {
      path: customerPath(api, id),
      body: { offering_id: api.need('offeringId') },
    })
    expect(res).toMatchContract(200)
    expect(res.response.bodyText).toBe('')
  })

  it('assigns the same offering twice without complaint', async () => {
    const id = await createTestCustomer(api)
    const offering = api.need('offeringId')
    for (const body of [{ offering_id: offering }, { offering_id: offering }]) {
      const res = await api.call(op, { path: customerPath(api, id), body })
      expect(res).toMatchContract(200)
    }
  })

  it('clears the override with null [assign-customer-offering: clear]', async () => {
    const id = await createTestCustomer(api)
    const set = await api.call(op, {
      path: customerPath(api, id),
      body: { offering_id: api.need('offeringId') },
    })
    expect(set).toMatchContract(200)
    const cleared = await api.call(op, { path: customerPath(api, id), body: { offering_id: null } })
    expect(cleared).toMatchContract(200)
    const again = await api.call(op, { path: customerPath(api, id), body: { offering_id: null } })
    expect(again, 'clearing no override is no error').toMatchContract(200)
  })

  it.each(SDK_CUSTOMER_IDS)(
    'reaches the SDK-made customer %j through its encoded id',
    async (id) => {
      api.needSandbox()
      // The seeded SDK customers have no override: clearing it leaves them as they are.
      const res = await api.call(op, { path: customerPath(api, id), body: { offering_id: null } })
      expect(res).toMatchContract(200)
    },
  )

  it('returns 404 resource_missing for an offering the project does not have [assign-customer-offering: unknown offering]', async () => {
    const id = await createTestCustomer(api)
    const res = await api.call(op, {
      path: customerPath(api, id),
      body: { offering_id: missingId(api, 'offering') },
    })
    expect(res).toMatchContract(404)
    expect(errorTypeOf(res)).toBe('resource_missing')
    expect(errorParamOf(res)).toBe('offering_id')
  })

  it('returns 404 resource_missing for an unknown customer [assign-customer-offering: unknown customer]', async () => {
    const res = await api.call(op, {
      path: customerPath(api, missingId(api, 'customer')),
      body: { offering_id: null },
    })
    expect(res).toMatchContract(404)
    expect(errorTypeOf(res)).toBe('resource_missing')
    expect(errorParamOf(res)).toBeUndefined()
  })

  it('returns 400 parameter_error for a missing, empty or non-string offering_id', async () => {
    const id = await createTestCustomer(api)
    for (const body of [
      {},
      { offering_id: '' },
      { offering_id: 7 },
      { offering_id: 'o'.repeat(256) },
    ]) {
      const res = await api.call(op, { path: customerPath(api, id), body })
      expect(res).toMatchContract(400)
      expect(errorTypeOf(res)).toBe('parameter_error')
      expect(errorParamOf(res)).toBe('offering_id')
    }
  })

  it('returns 400 parameter_error for an id longer than 1500 characters', async () => {
    await expectParameterError(
      api,
      op,
      {
        path: customerPath(api, 'x'.repeat(1501)),
        body: { offering_id: null },
      },
      'customer_id',
    )
  })

  it('returns 423 resource_locked_error while another request changes the customer', async () => {
    const id = await createTestCustomer(api)
    const res = await whileLocked(api, id, () =>
      api.call(op, { path: customerPath(api, id), body: { offering_id: api.need('offeringId') } }),
    )
    expect(res).toMatchContract(423)
    expect(errorTypeOf(res)).toBe('resource_locked_error')
  })
})
