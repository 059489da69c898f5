import { describe, expect, it } from 'vitest'
import { createTestProfile, errorCodeOf, errorSourcesOf } from '../support/adapty-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'setRefundSaverSettings'
const api = useTarget('adapty')

describe(op, () => {
  it('saves the preference and consent, which a read returns [setRefundSaverSettings]', async () => {
    const { customerUserId } = await createTestProfile(api)
    const res = await api.call(op, {
      headers: api.byCustomer(customerUserId),
      body: { custom_preference: 'decline', consent: false },
    })
    expect(res).toMatchContract(200)
    const read = await api.call('getRefundSaverSettings', { headers: api.byCustomer(customerUserId) })
    expect(read).toMatchContract(200)
    expect(read.response.json).toMatchObject({ settings: { custom_preference: 'decline', consent: false } })
  })

  it('leaves a setting unchanged when it is null or absent', async () => {
    const { profileId } = await createTestProfile(api)
    await api.call(op, { headers: api.byProfileId(profileId), body: { custom_preference: 'grant' } })
    const res = await api.call(op, { headers: api.byProfileId(profileId), body: { custom_preference: null, consent: false } })
    expect(res).toMatchContract(200)
    expect(res.response.json).toMatchObject({ settings: { custom_preference: 'grant', consent: false } })
  })

  it('returns 400 validation_error for an unknown preference [setRefundSaverSettings: invalid preference]', async () => {
    const { customerUserId } = await createTestProfile(api)
    const res = await api.call(op, { headers: api.byCustomer(customerUserId), body: { custom_preference: 'maybe' } })
    expect(res).toMatchContract(400)
    expect(errorSourcesOf(res)).toEqual(['custom_preference'])
  })

  it('returns 400 profile_does_not_exist for an unknown profile', async () => {
    const res = await api.call(op, { headers: api.byCustomer(api.uniqueCustomerUserId()), body: { consent: true } })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('profile_does_not_exist')
  })

  it('returns 401 not_authenticated without an API key [setRefundSaverSettings: no auth]', async () => {
    const res = await api.call(op, { body: { consent: true }, authorization: null })
    expect(res).toMatchContract(401)
  })
})
