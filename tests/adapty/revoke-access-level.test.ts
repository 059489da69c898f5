import { describe, expect, it } from 'vitest'
import {
  accessLevelIds,
  createTestProfile,
  errorCodeOf,
  errorSourcesOf,
  expectOffersHistory,
  profileOf,
  SEEDED_OFFERS_CUSTOMER,
} from '../support/adapty-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'revokeAccessLevel'
const api = useTarget('adapty')

/** Expiries far enough ahead to be in the future on every target, whatever its clock says. */
const EXPIRES_AT = '2099-06-01T00:00:00.000Z'

async function profileWithPro(expiresAt: string | null = EXPIRES_AT) {
  const profile = await createTestProfile(api)
  const grant = await api.call('grantAccessLevel', {
    headers: api.byCustomer(profile.customerUserId),
    body: { access_level_id: 'pro', expires_at: expiresAt },
  })
  expect(grant).toMatchContract(200)
  return profile
}

describe(op, () => {
  it('revokes an access level immediately [revokeAccessLevel]', async () => {
    const { customerUserId } = await profileWithPro()
    const headers = api.byCustomer(customerUserId)
    const res = await api.call(op, { headers, body: { access_level_id: 'pro' } })
    expect(res).toMatchContract(200)
    expect(accessLevelIds(res)).not.toContain('pro')
    const read = await api.call('getProfile', { headers })
    expect(read).toMatchContract(200)
    expect(accessLevelIds(read)).not.toContain('pro')
  })

  it('revokes immediately when revoke_at is null', async () => {
    const { customerUserId } = await profileWithPro(null)
    const res = await api.call(op, {
      headers: api.byCustomer(customerUserId),
      body: { access_level_id: 'pro', revoke_at: null },
    })
    expect(res).toMatchContract(200)
    expect(accessLevelIds(res)).not.toContain('pro')
  })

  it('schedules the revocation by moving expires_at to revoke_at', async () => {
    const { profileId } = await profileWithPro()
    const revokeAt = '2099-03-01T00:00:00.000Z'
    const res = await api.call(op, {
      headers: api.byProfileId(profileId),
      body: { access_level_id: 'pro', revoke_at: revokeAt },
    })
    expect(res).toMatchContract(200)
    expect(profileOf(res).access_levels.find((a) => a.access_level_id === 'pro')?.expires_at).toBe(
      revokeAt,
    )
  })

  it('schedules the revocation of a lifetime access level', async () => {
    const { customerUserId } = await profileWithPro(null)
    const revokeAt = '2099-03-01T00:00:00.000Z'
    const res = await api.call(op, {
      headers: api.byCustomer(customerUserId),
      body: { access_level_id: 'pro', revoke_at: revokeAt },
    })
    expect(res).toMatchContract(200)
    expect(profileOf(res).access_levels.find((a) => a.access_level_id === 'pro')?.expires_at).toBe(
      revokeAt,
    )
  })

  it('returns 400 paid_access_level_does_not_exist for an access level the app lacks', async () => {
    const { customerUserId } = await createTestProfile(api)
    const res = await api.call(op, {
      headers: api.byCustomer(customerUserId),
      body: { access_level_id: `no-such-level-${api.faker.string.alphanumeric(6)}` },
    })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('paid_access_level_does_not_exist')
    expect(errorSourcesOf(res)).toEqual(['non_field_errors'])
  })

  it('returns 400 profile_paid_access_level_does_not_exist for a level the profile lacks [revokeAccessLevel: level not on profile]', async () => {
    const { customerUserId } = await createTestProfile(api)
    const res = await api.call(op, {
      headers: api.byCustomer(customerUserId),
      body: { access_level_id: 'lifetime' },
    })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('profile_paid_access_level_does_not_exist')
    expect(errorSourcesOf(res)).toEqual(['non_field_errors'])
  })

  it('returns 400 profile_paid_access_level_does_not_exist for a level already revoked', async () => {
    const { customerUserId } = await profileWithPro()
    const headers = api.byCustomer(customerUserId)
    const first = await api.call(op, { headers, body: { access_level_id: 'pro' } })
    expect(first).toMatchContract(200)
    const res = await api.call(op, { headers, body: { access_level_id: 'pro' } })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('profile_paid_access_level_does_not_exist')
  })

  it('returns 400 revocation_date_more_than_expiration_date for revoke_at after expires_at', async () => {
    const { customerUserId } = await profileWithPro('2099-02-01T00:00:00.000Z')
    const body = { access_level_id: 'pro', revoke_at: '2099-05-01T00:00:00.000Z' }
    const res = await api.call(op, { headers: api.byCustomer(customerUserId), body })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('revocation_date_more_than_expiration_date')
  })

  it('returns 400 value_error for revoke_at in the past', async () => {
    const { customerUserId } = await profileWithPro()
    const body = { access_level_id: 'pro', revoke_at: '2020-01-01T00:00:00.000Z' }
    const res = await api.call(op, { headers: api.byCustomer(customerUserId), body })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('value_error')
    expect(errorSourcesOf(res)).toEqual(['revoke_at'])
  })

  it('returns 400 validation_error without access_level_id', async () => {
    const { customerUserId } = await createTestProfile(api)
    const res = await api.call(op, {
      headers: api.byCustomer(customerUserId),
      body: { revoke_at: null },
    })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('validation_error')
    expect(errorSourcesOf(res)).toEqual(['access_level_id'])
  })

  it('returns 401 not_authenticated without an API key [revokeAccessLevel: no auth]', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(api.uniqueCustomerUserId()),
      body: { access_level_id: 'pro' },
      authorization: null,
    })
    expect(res).toMatchContract(401)
    expect(errorCodeOf(res)).toBe('not_authenticated')
  })

  it('returns 404 profile_does_not_exist for an unknown profile', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(api.uniqueCustomerUserId()),
      body: { access_level_id: 'pro' },
    })
    expect(res).toMatchContract(404)
    expect(errorCodeOf(res)).toBe('profile_does_not_exist')
  })

  it('schedules the end of a purchased level with its offer, keeping the history', async () => {
    api.needSandbox()
    const revokeAt = '2098-06-01T00:00:00.000Z'
    const res = await api.call(op, {
      headers: api.byCustomer(SEEDED_OFFERS_CUSTOMER.revokeAccessLevel),
      body: { access_level_id: 'basic', revoke_at: revokeAt },
    })
    expect(res).toMatchContract(200)
    expect(profileOf(res).access_levels.find((a) => a.access_level_id === 'basic')).toMatchObject({
      expires_at: revokeAt,
      renewal_cancelled_at: expect.any(String),
      offer: { category: 'win_back', type: 'unknown' },
    })
    expectOffersHistory(res)
  })
})
