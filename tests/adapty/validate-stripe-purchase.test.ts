import { describe, expect, it } from 'vitest'
import { accessLevelIds, errorCodeOf, profileOf } from '../support/adapty-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'validateStripePurchase'
const api = useTarget('adapty')
const { stripeToken, stripeOneTimeToken } = api.data

const body = (customerUserId: string, token: string) => ({
  data: { type: 'stripe_receipt_validation_result', attributes: { customer_user_id: customerUserId, stripe_token: token } },
})
const pointers = (res: { response: { json?: unknown } }) =>
  ((res.response.json as { errors: Array<{ source: { pointer: string } }> }).errors ?? []).map((e) => e.source.pointer)

describe(op, () => {
  it.skipIf(stripeToken === undefined)('validates a subscription token and grants its access level [validateStripePurchase]', async () => {
    const customerUserId = api.uniqueCustomerUserId()
    const res = await api.call(op, { body: body(customerUserId, stripeToken ?? '') })
    expect(res).toMatchContract(200)
    expect(res.response.json).toEqual({ data: null })
    const read = await api.call('getProfile', { headers: api.byCustomer(customerUserId) })
    expect(read).toMatchContract(200)
    expect(accessLevelIds(read)).toContain('premium')
    expect(profileOf(read).subscriptions).toContainEqual(expect.objectContaining({ store: 'stripe' }))
  })

  it.skipIf(stripeOneTimeToken === undefined)('validates a payment intent as a one-time purchase, once', async () => {
    const customerUserId = api.uniqueCustomerUserId()
    expect(await api.call(op, { body: body(customerUserId, stripeOneTimeToken ?? '') })).toMatchContract(200)
    expect(await api.call(op, { body: body(customerUserId, stripeOneTimeToken ?? '') })).toMatchContract(200)
    const read = await api.call('getProfile', { headers: api.byCustomer(customerUserId) })
    expect(profileOf(read).non_subscriptions).toHaveLength(1)
  })

  it('returns a JSON:API 400 pointing at /data for a body without the data wrapper [validateStripePurchase: missing data wrapper]', async () => {
    const res = await api.call(op, { body: { customer_user_id: 'x', stripe_token: 'sub_x' } })
    expect(res).toMatchContract(400)
    expect(pointers(res)).toEqual(['/data'])
    expect((res.response.json as { errors: Array<{ status: string }> }).errors[0]?.status).toBe('400')
  })

  it('returns a JSON:API 400 naming every missing attribute', async () => {
    const res = await api.call(op, { body: { data: { type: 'stripe_receipt_validation_result', attributes: {} } } })
    expect(res).toMatchContract(400)
    expect(pointers(res).sort()).toEqual(['/data/attributes/customer_user_id', '/data/attributes/stripe_token'])
  })

  it('returns a JSON:API 400 for a token Stripe does not know', async () => {
    const res = await api.call(op, { body: body(api.uniqueCustomerUserId(), 'sub_unknown') })
    expect(res).toMatchContract(400)
    expect(pointers(res)).toEqual(['/data/attributes/stripe_token'])
  })

  it('returns 401 not_authenticated as JSON:API without an API key [validateStripePurchase: no auth]', async () => {
    const res = await api.call(op, { body: body('x', 'y'), authorization: null })
    expect(res).toMatchContract(401)
    expect(errorCodeOf(res)).toBe('not_authenticated')
  })
})
