import { beforeAll, describe, expect, it } from 'vitest'
import {
  createTestProfile,
  errorCodeOf,
  errorSourcesOf,
  SEEDED_REFUND_GRANT_CUSTOMER,
} from '../support/adapty-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'getRefundSaverSettings'
const api = useTarget('adapty')

describe(op, () => {
  let profile: { customerUserId: string; profileId: string }
  beforeAll(async () => {
    profile = await createTestProfile(api)
  })

  it('returns the default settings of a new profile [getRefundSaverSettings]', async () => {
    const res = await api.call(op, { headers: api.byCustomer(profile.customerUserId) })
    expect(res).toMatchContract(200)
    expect(res.response.json).toMatchObject({
      profile_id: profile.profileId,
      settings: { consent: true, custom_preference: 'no_preference' },
    })
  })

  it('finds the profile by Adapty profile id', async () => {
    const res = await api.call(op, { headers: api.byProfileId(profile.profileId) })
    expect(res).toMatchContract(200)
    expect((res.response.json as { profile_id: string }).profile_id).toBe(profile.profileId)
  })

  it('returns 400 profile_does_not_exist for an unknown profile [getRefundSaverSettings: unknown profile]', async () => {
    const res = await api.call(op, { headers: api.byCustomer(api.uniqueCustomerUserId()) })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('profile_does_not_exist')
  })

  it('returns 400 profile_does_not_exist for an unknown profile id', async () => {
    const res = await api.call(op, { headers: api.byProfileId(api.faker.string.uuid()) })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('profile_does_not_exist')
  })

  it('returns 400 validation_error for a profile id that is not a UUID', async () => {
    const res = await api.call(op, { headers: api.byProfileId(api.faker.string.alphanumeric(12)) })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('validation_error')
    expect(errorSourcesOf(res)).toEqual(['adapty-profile-id'])
  })

  it('returns 401 not_authenticated without an API key [getRefundSaverSettings: no auth]', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(profile.customerUserId),
      authorization: null,
    })
    expect(res).toMatchContract(401)
    expect(errorCodeOf(res)).toBe('not_authenticated')
  })

  it('returns a grant preference that was set for the profile', async () => {
    api.needSandbox()
    const res = await api.call(op, { headers: api.byCustomer(SEEDED_REFUND_GRANT_CUSTOMER) })
    expect(res).toMatchContract(200)
    expect(res.response.json).toMatchObject({
      settings: { consent: true, custom_preference: 'grant' },
    })
  })
})
