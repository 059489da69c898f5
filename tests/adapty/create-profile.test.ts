import { describe, expect, it } from 'vitest'
import {
  errorCodeOf,
  errorSourcesOf,
  expectOffersHistory,
  profileOf,
  profilePayload,
  SEEDED_OFFERS_CUSTOMER,
} from '../support/adapty-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'createProfile'
const api = useTarget('adapty')

describe(op, () => {
  it('creates a profile for a new customer user id [createProfile]', async () => {
    const customerUserId = api.uniqueCustomerUserId()
    const body = profilePayload(api.faker)
    const res = await api.call(op, { headers: api.byCustomer(customerUserId), body })
    expect(res).toMatchContract(200)
    expect(profileOf(res)).toMatchObject({
      customer_user_id: customerUserId,
      custom_attributes: body.custom_attributes,
      access_levels: [],
    })
  })

  it('returns the same profile when the customer user id already exists', async () => {
    const customerUserId = api.uniqueCustomerUserId()
    const headers = { ...api.byCustomer(customerUserId), 'adapty-platform': 'iOS' }
    const first = await api.call(op, { headers, body: profilePayload(api.faker) })
    const second = await api.call(op, { headers, body: profilePayload(api.faker) })
    expect(first).toMatchContract(200)
    expect(second).toMatchContract(200)
    expect(profileOf(second).profile_id).toBe(profileOf(first).profile_id)
  })

  it('creates an anonymous profile without identification headers', async () => {
    const res = await api.call(op, { body: profilePayload(api.faker) })
    expect(res).toMatchContract(200)
    expect(profileOf(res).customer_user_id).toBeNull()
    await api.call('deleteProfile', { headers: api.byProfileId(profileOf(res).profile_id) })
  })

  it('attaches a customer user id to an existing profile when both headers are sent', async () => {
    const anonymous = await api.call(op, { body: profilePayload(api.faker) })
    expect(anonymous).toMatchContract(200)
    const profileId = profileOf(anonymous).profile_id
    const customerUserId = api.uniqueCustomerUserId()
    const res = await api.call(op, {
      headers: { ...api.byProfileId(profileId), ...api.byCustomer(customerUserId) },
      body: { installation_meta: { device_id: api.faker.string.uuid() } },
    })
    expect(res).toMatchContract(200)
    expect(profileOf(res)).toMatchObject({
      profile_id: profileId,
      customer_user_id: customerUserId,
    })
  })

  it('returns 400 validation_error for an invalid email and gender [createProfile: invalid email]', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(api.uniqueCustomerUserId()),
      body: { ...profilePayload(api.faker), email: 'not-an-email', gender: 'x' },
    })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('validation_error')
    expect(errorSourcesOf(res)).toEqual(expect.arrayContaining(['email', 'gender']))
  })

  it('returns 400 validation_error for a custom attribute value longer than 50 characters', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(api.uniqueCustomerUserId()),
      body: { custom_attributes: [{ key: 'bio', value: 'x'.repeat(51) }] },
    })
    expect(res).toMatchContract(400)
    expect(errorSourcesOf(res)).toEqual(['custom_attributes.0.value'])
  })

  it('returns 400 validation_error for a custom attribute key with forbidden characters', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(api.uniqueCustomerUserId()),
      body: { custom_attributes: [{ key: 'has space', value: 'v' }] },
    })
    expect(res).toMatchContract(400)
    expect(errorSourcesOf(res)).toEqual(['custom_attributes.0.key'])
  })

  it('returns 400 validation_error for more than 30 custom attributes', async () => {
    const attributes = Array.from({ length: 31 }, (_, i) => ({ key: `attr_${i}`, value: i }))
    const res = await api.call(op, {
      headers: api.byCustomer(api.uniqueCustomerUserId()),
      body: { custom_attributes: attributes },
    })
    expect(res).toMatchContract(400)
    expect(errorSourcesOf(res)).toEqual(['custom_attributes'])
  })

  it('returns 400 parse_error for a body that is not JSON', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(api.uniqueCustomerUserId()),
      rawBody: '{"first_name": ',
    })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('parse_error')
  })

  it('returns 401 not_authenticated without an API key [createProfile: no auth]', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(api.uniqueCustomerUserId()),
      body: profilePayload(api.faker),
      authorization: null,
    })
    expect(res).toMatchContract(401)
    expect(errorCodeOf(res)).toBe('not_authenticated')
  })

  it('returns 404 profile_does_not_exist when attaching to an unknown profile id', async () => {
    const res = await api.call(op, {
      headers: {
        ...api.byProfileId(api.faker.string.uuid()),
        ...api.byCustomer(api.uniqueCustomerUserId()),
      },
      body: profilePayload(api.faker),
    })
    expect(res).toMatchContract(404)
    expect(errorCodeOf(res)).toBe('profile_does_not_exist')
  })

  it('returns an existing profile with its whole purchase history', async () => {
    api.needSandbox()
    const customerUserId = SEEDED_OFFERS_CUSTOMER.createProfile
    const res = await api.call(op, {
      headers: api.byCustomer(customerUserId),
      body: profilePayload(api.faker),
    })
    expect(res).toMatchContract(200)
    expect(profileOf(res).customer_user_id).toBe(customerUserId)
    expectOffersHistory(res)
  })
})
