import { describe, expect, it } from 'vitest'
import { createTestProfile, errorCodeOf } from '../support/adapty-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'deleteProfile'
const api = useTarget('adapty')

describe(op, () => {
  it('deletes a profile by customer user id, after which it is gone [deleteProfile]', async () => {
    const profile = await createTestProfile(api)
    const res = await api.call(op, { headers: api.byCustomer(profile.customerUserId) })
    expect(res).toMatchContract(204)
    expect(res.response.bodyText).toBe('')
    const after = await api.call('getProfile', { headers: api.byCustomer(profile.customerUserId) })
    expect(after).toMatchContract(404)
  })

  it('deletes a profile by Adapty profile id', async () => {
    const profile = await createTestProfile(api)
    const res = await api.call(op, { headers: api.byProfileId(profile.profileId) })
    expect(res).toMatchContract(204)
    const after = await api.call('getProfile', { headers: api.byProfileId(profile.profileId) })
    expect(errorCodeOf(after)).toBe('profile_does_not_exist')
  })

  it('returns 401 not_authenticated without an API key [deleteProfile: no auth]', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(api.uniqueCustomerUserId()),
      authorization: null,
    })
    expect(res).toMatchContract(401)
  })

  it('returns 404 profile_does_not_exist for a profile deleted twice [deleteProfile: unknown profile]', async () => {
    const profile = await createTestProfile(api)
    expect(await api.call(op, { headers: api.byCustomer(profile.customerUserId) })).toMatchContract(
      204,
    )
    const res = await api.call(op, { headers: api.byCustomer(profile.customerUserId) })
    expect(res).toMatchContract(404)
    expect(errorCodeOf(res)).toBe('profile_does_not_exist')
  })
})
