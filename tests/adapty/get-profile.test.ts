import { beforeAll, describe, expect, it } from 'vitest'
import {
  createTestProfile,
  errorCodeOf,
  expectOffersHistory,
  profileOf,
  SEEDED_OFFERS_CUSTOMER,
} from '../support/adapty-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'getProfile'
const api = useTarget('adapty')

describe(op, () => {
  let profile: { customerUserId: string; profileId: string }
  beforeAll(async () => {
    profile = await createTestProfile(api)
  })

  it('returns the profile by customer user id', async () => {
    const res = await api.call(op, { headers: api.byCustomer(profile.customerUserId) })
    expect(res).toMatchContract(200)
    expect(profileOf(res)).toMatchObject({
      customer_user_id: profile.customerUserId,
      profile_id: profile.profileId,
    })
  })

  it('returns the profile by Adapty profile id [getProfile]', async () => {
    const res = await api.call(op, { headers: api.byProfileId(profile.profileId) })
    expect(res).toMatchContract(200)
    expect(profileOf(res).customer_user_id).toBe(profile.customerUserId)
  })

  it('returns 401 not_authenticated without an API key [getProfile: no auth]', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(profile.customerUserId),
      authorization: null,
    })
    expect(res).toMatchContract(401)
    expect(errorCodeOf(res)).toBe('not_authenticated')
  })

  it('returns 401 unauthorized for a wrong API key', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(profile.customerUserId),
      authorization: 'Api-Key not-a-real-key',
    })
    expect(res).toMatchContract(401)
    expect(errorCodeOf(res)).toBe('unauthorized')
  })

  it('returns 404 profile_does_not_exist for an unknown customer user id [getProfile: unknown profile]', async () => {
    const res = await api.call(op, { headers: api.byCustomer(api.uniqueCustomerUserId()) })
    expect(res).toMatchContract(404)
    expect(errorCodeOf(res)).toBe('profile_does_not_exist')
  })

  it('returns 404 profile_does_not_exist for an unknown profile id', async () => {
    const res = await api.call(op, { headers: api.byProfileId(api.faker.string.uuid()) })
    expect(res).toMatchContract(404)
    expect(errorCodeOf(res)).toBe('profile_does_not_exist')
  })

  it('returns the offers, billing issue, cancelled renewal and one-time purchases of a seeded history', async () => {
    api.needSandbox()
    const customerUserId = SEEDED_OFFERS_CUSTOMER.getProfile
    const res = await api.call(op, { headers: api.byCustomer(customerUserId) })
    expect(res).toMatchContract(200)
    expect(profileOf(res).customer_user_id).toBe(customerUserId)
    expectOffersHistory(res)
  })
})
