import { beforeAll, describe, expect, it } from 'vitest'
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

const op = 'grantAccessLevel'
const api = useTarget('adapty')

const STARTS_AT = '2026-01-15T12:00:00.000Z'
/** An expiry far enough ahead to be in the future on every target, whatever its clock says. */
const EXPIRES_AT = '2099-02-15T12:00:00.000Z'

describe(op, () => {
  let customer: string
  beforeAll(async () => {
    customer = (await createTestProfile(api)).customerUserId
  })

  it('grants an access level for a period [grantAccessLevel]', async () => {
    const body = { access_level_id: 'pro', starts_at: STARTS_AT, expires_at: EXPIRES_AT }
    const res = await api.call(op, { headers: api.byCustomer(customer), body })
    expect(res).toMatchContract(200)
    const level = profileOf(res).access_levels.find((a) => a.access_level_id === 'pro')
    expect(level).toMatchObject({ store: 'adapty', expires_at: EXPIRES_AT })
  })

  it('grants a lifetime access level when expires_at is omitted', async () => {
    const { profileId } = await createTestProfile(api)
    const res = await api.call(op, {
      headers: api.byProfileId(profileId),
      body: { access_level_id: 'lifetime' },
    })
    expect(res).toMatchContract(200)
    expect(
      profileOf(res).access_levels.find((a) => a.access_level_id === 'lifetime')?.expires_at,
    ).toBeNull()
  })

  it('replaces the period when the level is granted again', async () => {
    const { customerUserId } = await createTestProfile(api)
    const headers = api.byCustomer(customerUserId)
    const first = await api.call(op, {
      headers,
      body: { access_level_id: 'pro', expires_at: '2098-02-01T00:00:00.000Z' },
    })
    expect(first).toMatchContract(200)
    const res = await api.call(op, {
      headers,
      body: { access_level_id: 'pro', expires_at: '2099-06-01T00:00:00.000Z' },
    })
    expect(res).toMatchContract(200)
    expect(profileOf(res).access_levels.filter((a) => a.access_level_id === 'pro')).toEqual([
      expect.objectContaining({ expires_at: '2099-06-01T00:00:00.000Z' }),
    ])
  })

  it('runs the access level lifecycle: create, grant, read, revoke, read, delete, read', async () => {
    const { customerUserId } = await createTestProfile(api)
    const headers = api.byCustomer(customerUserId)
    expect(await api.call(op, { headers, body: { access_level_id: 'pro' } })).toMatchContract(200)
    const granted = await api.call('getProfile', { headers })
    expect(granted).toMatchContract(200)
    expect(accessLevelIds(granted)).toContain('pro')
    expect(
      await api.call('revokeAccessLevel', { headers, body: { access_level_id: 'pro' } }),
    ).toMatchContract(200)
    const revoked = await api.call('getProfile', { headers })
    expect(revoked).toMatchContract(200)
    expect(accessLevelIds(revoked)).not.toContain('pro')
    expect(await api.call('deleteProfile', { headers })).toMatchContract(204)
    expect(await api.call('getProfile', { headers })).toMatchContract(404)
  })

  it('returns 400 paid_access_level_does_not_exist for an access level the app lacks [grantAccessLevel: unknown access level]', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(customer),
      body: { access_level_id: `no-such-level-${api.faker.string.alphanumeric(6)}` },
    })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('paid_access_level_does_not_exist')
    expect(errorSourcesOf(res)).toEqual(['non_field_errors'])
  })

  it('returns 400 value_error when expires_at is not after starts_at', async () => {
    const body = {
      access_level_id: 'pro',
      starts_at: '2099-03-01T00:00:00.000Z',
      expires_at: '2099-02-01T00:00:00.000Z',
    }
    const res = await api.call(op, { headers: api.byCustomer(customer), body })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('value_error')
    expect(errorSourcesOf(res)).toEqual(['expires_at'])
  })

  it('returns 400 validation_error without access_level_id', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(customer),
      body: { expires_at: null },
    })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('validation_error')
    expect(errorSourcesOf(res)).toEqual(['access_level_id'])
  })

  it('returns 400 validation_error for an expires_at that is not a date-time', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(customer),
      body: { access_level_id: 'pro', expires_at: 'next month' },
    })
    expect(res).toMatchContract(400)
    expect(errorSourcesOf(res)).toEqual(['expires_at'])
  })

  it('returns 401 not_authenticated without an API key [grantAccessLevel: no auth]', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(customer),
      body: { access_level_id: 'pro' },
      authorization: null,
    })
    expect(res).toMatchContract(401)
    expect(errorCodeOf(res)).toBe('not_authenticated')
  })

  it('returns 404 profile_does_not_exist for an unknown profile [grantAccessLevel: unknown profile]', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(api.uniqueCustomerUserId()),
      body: { access_level_id: 'pro' },
    })
    expect(res).toMatchContract(404)
    expect(errorCodeOf(res)).toBe('profile_does_not_exist')
  })

  it('grants a level beside a purchase history, leaving the other levels as they were', async () => {
    api.needSandbox()
    const res = await api.call(op, {
      headers: api.byCustomer(SEEDED_OFFERS_CUSTOMER.grantAccessLevel),
      body: { access_level_id: 'lifetime' },
    })
    expect(res).toMatchContract(200)
    expect(
      profileOf(res).access_levels.find((a) => a.access_level_id === 'lifetime'),
    ).toMatchObject({ store: 'adapty', offer: null, expires_at: null })
    expectOffersHistory(res, { changedLevels: ['lifetime'] })
  })
})
