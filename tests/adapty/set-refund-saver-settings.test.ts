import { describe, expect, it } from 'vitest'
import { createTestProfile, errorCodeOf, errorSourcesOf } from '../support/adapty-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'setRefundSaverSettings'
const api = useTarget('adapty')

const settingsOf = (res: { response: { json?: unknown } }) =>
  (res.response.json as { settings: { consent: boolean; custom_preference: string } }).settings

describe(op, () => {
  it('saves the preference and consent, which a read returns [setRefundSaverSettings]', async () => {
    const { customerUserId } = await createTestProfile(api)
    const preference = api.faker.helpers.arrayElement(['grant', 'decline'])
    const res = await api.call(op, {
      headers: api.byCustomer(customerUserId),
      body: { custom_preference: preference, consent: false },
    })
    expect(res).toMatchContract(200)
    const read = await api.call('getRefundSaverSettings', {
      headers: api.byCustomer(customerUserId),
    })
    expect(read).toMatchContract(200)
    expect(settingsOf(read)).toMatchObject({ custom_preference: preference, consent: false })
  })

  it('changes only the setting the body provides', async () => {
    const { customerUserId } = await createTestProfile(api)
    const res = await api.call(op, {
      headers: api.byCustomer(customerUserId),
      body: { consent: false },
    })
    expect(res).toMatchContract(200)
    expect(settingsOf(res)).toMatchObject({ custom_preference: 'no_preference', consent: false })
  })

  it('leaves a setting unchanged when it is null', async () => {
    const { profileId } = await createTestProfile(api)
    const first = await api.call(op, {
      headers: api.byProfileId(profileId),
      body: { custom_preference: 'grant' },
    })
    expect(first).toMatchContract(200)
    const res = await api.call(op, {
      headers: api.byProfileId(profileId),
      body: { custom_preference: null, consent: false },
    })
    expect(res).toMatchContract(200)
    expect(settingsOf(res)).toMatchObject({ custom_preference: 'grant', consent: false })
  })

  it('returns 400 validation_error for an unknown preference [setRefundSaverSettings: invalid preference]', async () => {
    const { customerUserId } = await createTestProfile(api)
    const res = await api.call(op, {
      headers: api.byCustomer(customerUserId),
      body: { custom_preference: 'maybe' },
    })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('validation_error')
    expect(errorSourcesOf(res)).toEqual(['custom_preference'])
  })

  it('returns 400 validation_error for a consent that is not a boolean', async () => {
    const { customerUserId } = await createTestProfile(api)
    const res = await api.call(op, {
      headers: api.byCustomer(customerUserId),
      body: { consent: 'yes' },
    })
    expect(res).toMatchContract(400)
    expect(errorSourcesOf(res)).toEqual(['consent'])
  })

  it('returns 400 validation_error for a body without any setting', async () => {
    const { customerUserId } = await createTestProfile(api)
    const res = await api.call(op, { headers: api.byCustomer(customerUserId), body: {} })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('validation_error')
  })

  it('returns 400 validation_error for a body whose settings are both null', async () => {
    const { customerUserId } = await createTestProfile(api)
    const res = await api.call(op, {
      headers: api.byCustomer(customerUserId),
      body: { custom_preference: null, consent: null },
    })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('validation_error')
  })

  it('returns 400 profile_does_not_exist for an unknown profile', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(api.uniqueCustomerUserId()),
      body: { consent: true },
    })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('profile_does_not_exist')
  })

  it('returns 400 validation_error for a profile id that is not a UUID', async () => {
    const res = await api.call(op, {
      headers: api.byProfileId(api.faker.string.alphanumeric(12)),
      body: { consent: true },
    })
    expect(res).toMatchContract(400)
    expect(errorSourcesOf(res)).toEqual(['adapty-profile-id'])
  })

  it('returns 401 not_authenticated without an API key [setRefundSaverSettings: no auth]', async () => {
    const res = await api.call(op, { body: { consent: true }, authorization: null })
    expect(res).toMatchContract(401)
    expect(errorCodeOf(res)).toBe('not_authenticated')
  })
})
