import { beforeAll, describe, expect, it } from 'vitest'
import {
  createTestProfile,
  errorCodeOf,
  errorSourcesOf,
  expectOffersHistory,
  profileOf,
  SEEDED_OFFERS_CUSTOMER,
} from '../support/adapty-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'updateProfile'
const api = useTarget('adapty')

describe(op, () => {
  let profile: { customerUserId: string; profileId: string }
  beforeAll(async () => {
    profile = await createTestProfile(api)
  })

  it('merges custom attributes by key [updateProfile]', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(profile.customerUserId),
      body: {
        custom_attributes: [
          { key: 'level', value: 100 },
          { key: 'plan', value: 'gold' },
        ],
      },
    })
    expect(res).toMatchContract(200)
    const attributes = profileOf(res).custom_attributes
    expect(attributes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'level', value: 100 }),
        expect.objectContaining({ key: 'plan', value: 'gold' }),
      ]),
    )
    expect(attributes.some((a) => a.key === 'favourite_sport')).toBe(true)
  })

  it('updates a profile found by Adapty profile id', async () => {
    const res = await api.call(op, {
      headers: api.byProfileId(profile.profileId),
      body: { first_name: api.faker.person.firstName(), birthday: null },
    })
    expect(res).toMatchContract(200)
    expect(profileOf(res).profile_id).toBe(profile.profileId)
  })

  it('returns 400 validation_error for a wrong type and leaves the profile unchanged', async () => {
    const before = profileOf(
      await api.call('getProfile', { headers: api.byCustomer(profile.customerUserId) }),
    )
    const res = await api.call(op, {
      headers: api.byCustomer(profile.customerUserId),
      body: { att_status: 'yes', custom_attributes: [{ key: 'plan', value: 'silver' }] },
    })
    expect(res).toMatchContract(400)
    expect(errorSourcesOf(res)).toContain('att_status')
    const after = profileOf(
      await api.call('getProfile', { headers: api.byCustomer(profile.customerUserId) }),
    )
    const documented = (list: typeof before.custom_attributes) =>
      list.map(({ key, value }) => ({ key, value }))
    expect(documented(after.custom_attributes)).toEqual(documented(before.custom_attributes))
  })

  it('returns 400 validation_error when the merge would exceed 30 custom attributes', async () => {
    const attributes = Array.from({ length: 29 }, (_, i) => ({ key: `extra_${i}`, value: i }))
    const res = await api.call(op, {
      headers: api.byCustomer(profile.customerUserId),
      body: { custom_attributes: attributes },
    })
    expect(res).toMatchContract(400)
    expect(errorSourcesOf(res)).toEqual(['custom_attributes'])
  })

  it('returns 400 validation_error for a custom attribute value over 50 characters [updateProfile: too long attribute value]', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(profile.customerUserId),
      body: { custom_attributes: [{ key: 'bio', value: 'x'.repeat(51) }] },
    })
    expect(res).toMatchContract(400)
    expect(errorSourcesOf(res)).toEqual(['custom_attributes.0.value'])
  })

  it('returns 400 validation_error for an unknown store', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(profile.customerUserId),
      body: { store: 'steam' },
    })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('validation_error')
  })

  it('returns 401 not_authenticated without an API key [updateProfile: no auth]', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(profile.customerUserId),
      body: { first_name: 'x' },
      authorization: null,
    })
    expect(res).toMatchContract(401)
  })

  it('returns 404 profile_does_not_exist for an unknown profile [updateProfile: unknown profile]', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(api.uniqueCustomerUserId()),
      body: { first_name: 'x' },
    })
    expect(res).toMatchContract(404)
    expect(errorCodeOf(res)).toBe('profile_does_not_exist')
  })

  it('keeps the purchase history of a profile it updates', async () => {
    api.needSandbox()
    const customerUserId = SEEDED_OFFERS_CUSTOMER.updateProfile
    const res = await api.call(op, {
      headers: api.byCustomer(customerUserId),
      body: { custom_attributes: [{ key: 'plan_review', value: 'done' }] },
    })
    expect(res).toMatchContract(200)
    expect(profileOf(res).custom_attributes).toContainEqual({ key: 'plan_review', value: 'done' })
    expectOffersHistory(res)
  })
})
