import { describe, expect, it } from 'vitest'
import { createTestProfile, errorCodeOf, profileOf } from '../support/adapty-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'validateStripePurchase'
const api = useTarget('adapty')

const body = (customerUserId: string, token: string | null) => ({
  data: {
    type: 'stripe_receipt_validation_result',
    attributes: { customer_user_id: customerUserId, stripe_token: token },
  },
})

type JsonApiErrors = {
  errors: Array<{ detail: string; source: { pointer: string }; status: string }>
}
const errorsOf = (res: { response: { json?: unknown } }) =>
  (res.response.json as JsonApiErrors).errors
const pointersOf = (res: { response: { json?: unknown } }) =>
  errorsOf(res).map((e) => e.source.pointer)

describe(op, () => {
  it('validates a subscription, creating the profile with a Stripe subscription and access level [validateStripePurchase]', async () => {
    const stripeToken = api.need('stripeToken')
    const customerUserId = api.uniqueCustomerUserId()
    const res = await api.call(op, { body: body(customerUserId, stripeToken ?? '') })
    expect(res).toMatchContract(200)
    expect(res.response.json).toMatchObject({ data: null })
    const read = await api.call('getProfile', { headers: api.byCustomer(customerUserId) })
    expect(read).toMatchContract(200)
    expect(profileOf(read).subscriptions).toContainEqual(
      expect.objectContaining({ store: 'stripe' }),
    )
    expect(profileOf(read).access_levels).toContainEqual(
      expect.objectContaining({ store: 'stripe' }),
    )
  })

  it('validates a payment intent as a one-time purchase', async () => {
    const stripeOneTimeToken = api.need('stripeOneTimeToken')
    const customerUserId = api.uniqueCustomerUserId()
    const res = await api.call(op, { body: body(customerUserId, stripeOneTimeToken ?? '') })
    expect(res).toMatchContract(200)
    const read = await api.call('getProfile', { headers: api.byCustomer(customerUserId) })
    expect(read).toMatchContract(200)
    expect(profileOf(read).non_subscriptions).toEqual([
      expect.objectContaining({ store: 'stripe' }),
    ])
  })

  it('attaches the purchase to the existing profile of the customer user id', async () => {
    const stripeToken = api.need('stripeToken')
    const { customerUserId, profileId } = await createTestProfile(api)
    const res = await api.call(op, { body: body(customerUserId, stripeToken ?? '') })
    expect(res).toMatchContract(200)
    const read = await api.call('getProfile', { headers: api.byProfileId(profileId) })
    expect(read).toMatchContract(200)
    expect(profileOf(read).subscriptions).toContainEqual(
      expect.objectContaining({ store: 'stripe' }),
    )
  })

  it('adds nothing when the same token is validated again', async () => {
    const stripeOneTimeToken = api.need('stripeOneTimeToken')
    const customerUserId = api.uniqueCustomerUserId()
    const first = await api.call(op, { body: body(customerUserId, stripeOneTimeToken ?? '') })
    expect(first).toMatchContract(200)
    const before = await api.call('getProfile', { headers: api.byCustomer(customerUserId) })
    expect(before).toMatchContract(200)
    const again = await api.call(op, { body: body(customerUserId, stripeOneTimeToken ?? '') })
    expect(again).toMatchContract(200)
    const after = await api.call('getProfile', { headers: api.byCustomer(customerUserId) })
    expect(after).toMatchContract(200)
    expect(profileOf(after).non_subscriptions).toHaveLength(1)
    expect(profileOf(after).total_revenue_usd).toBe(profileOf(before).total_revenue_usd)
  })

  it('returns a JSON:API 400 pointing at /data for a body without the data wrapper [validateStripePurchase: missing data wrapper]', async () => {
    const res = await api.call(op, {
      body: { customer_user_id: api.uniqueCustomerUserId(), stripe_token: 'sub_x' },
    })
    expect(res).toMatchContract(400)
    expect(errorsOf(res)).toMatchObject([
      { detail: expect.any(String), source: { pointer: '/data' }, status: '400' },
    ])
  })

  it('returns a JSON:API 400 naming every missing attribute', async () => {
    const res = await api.call(op, {
      body: { data: { type: 'stripe_receipt_validation_result', attributes: {} } },
    })
    expect(res).toMatchContract(400)
    expect(pointersOf(res).sort()).toEqual([
      '/data/attributes/customer_user_id',
      '/data/attributes/stripe_token',
    ])
  })

  it('returns a JSON:API 400 for a null stripe_token', async () => {
    const res = await api.call(op, { body: body(api.uniqueCustomerUserId(), null) })
    expect(res).toMatchContract(400)
    expect(pointersOf(res)).toEqual(['/data/attributes/stripe_token'])
  })

  it('returns a JSON:API 400 for a resource type other than stripe_receipt_validation_result', async () => {
    const valid = body(api.uniqueCustomerUserId(), `sub_${api.faker.string.alphanumeric(14)}`)
    const res = await api.call(op, { body: { data: { ...valid.data, type: 'purchase' } } })
    expect(res).toMatchContract(400)
    expect(pointersOf(res)).toEqual(['/data/type'])
  })

  it('returns a JSON:API 400 for a token Stripe does not know', async () => {
    const token = `sub_${api.faker.string.alphanumeric(14)}`
    const res = await api.call(op, { body: body(api.uniqueCustomerUserId(), token) })
    expect(res).toMatchContract(400)
    expect(pointersOf(res)).toEqual(['/data/attributes/stripe_token'])
  })

  it('returns 401 not_authenticated as JSON:API without an API key [validateStripePurchase: no auth]', async () => {
    const res = await api.call(op, {
      body: body(api.uniqueCustomerUserId(), 'sub_x'),
      authorization: null,
    })
    expect(res).toMatchContract(401)
    expect(errorCodeOf(res)).toBe('not_authenticated')
  })
})
