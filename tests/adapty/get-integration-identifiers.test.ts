import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { createTestProfile, errorCodeOf } from '../support/adapty-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'getIntegrationIdentifiers'
const api = useTarget('adapty')

describe(op, () => {
  let profile: { customerUserId: string; profileId: string }
  beforeAll(async () => {
    profile = await createTestProfile(api)
  })

  it('returns every identifier, null while unset [getIntegrationIdentifiers]', async () => {
    const res = await api.call(op, { headers: api.byCustomer(profile.customerUserId) })
    expect(res).toMatchContract(200)
    // Every identifier the contract lists (it requires all sixteen) is null; added fields may follow.
    const schema = new URL(
      '../../fixtures/schemas/adapty/integration-identifiers-response.schema.json',
      import.meta.url,
    )
    const { required } = JSON.parse(readFileSync(schema, 'utf8')) as { required: string[] }
    expect(required).toHaveLength(16)
    expect(res.response.json).toMatchObject(Object.fromEntries(required.map((key) => [key, null])))
  })

  it('finds the profile by Adapty profile id', async () => {
    const res = await api.call(op, { headers: api.byProfileId(profile.profileId) })
    expect(res).toMatchContract(200)
    expect(res.response.json).toMatchObject({ appsflyer_id: null, posthog_distinct_user_id: null })
  })

  it('returns 401 not_authenticated without an API key [getIntegrationIdentifiers: no auth]', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(profile.customerUserId),
      authorization: null,
    })
    expect(res).toMatchContract(401)
    expect(errorCodeOf(res)).toBe('not_authenticated')
  })

  it('returns 404 profile_not_found for an unknown profile [getIntegrationIdentifiers: unknown profile]', async () => {
    const res = await api.call(op, { headers: api.byCustomer(api.uniqueCustomerUserId()) })
    expect(res).toMatchContract(404)
    expect(errorCodeOf(res)).toBe('profile_not_found')
  })

  it('answers its 404 in the flat form its examples show: a list of messages (A-02)', async () => {
    api.needSandbox()
    const res = await api.call(op, { headers: api.byCustomer(api.uniqueCustomerUserId()) })
    expect(res).toMatchContract(404)
    expect((res.response.json as { errors: unknown }).errors).toEqual(['Profile not found'])
  })

  it('returns 404 profile_not_found for an unknown profile id', async () => {
    const res = await api.call(op, { headers: api.byProfileId(api.faker.string.uuid()) })
    expect(res).toMatchContract(404)
    expect(errorCodeOf(res)).toBe('profile_not_found')
  })

  it('returns 404 profile_not_found for a profile id that is not a UUID', async () => {
    const res = await api.call(op, { headers: api.byProfileId(api.faker.string.alphanumeric(12)) })
    expect(res).toMatchContract(404)
    expect(errorCodeOf(res)).toBe('profile_not_found')
  })
})
