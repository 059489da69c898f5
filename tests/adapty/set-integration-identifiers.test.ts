import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createTestProfile, errorCodeOf, errorSourcesOf } from '../support/adapty-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'setIntegrationIdentifiers'
const api = useTarget('adapty')

// The identifiers the contract knows: read from our schema, so the list exists once.
const KEYS = Object.keys(
  (
    JSON.parse(
      readFileSync(
        new URL(
          '../../fixtures/schemas/adapty/integration-identifiers-request.schema.json',
          import.meta.url,
        ),
        'utf8',
      ),
    ) as { properties: Record<string, unknown> }
  ).properties,
)

describe(op, () => {
  it('sets an identifier with a blank 200, and a read returns it [setIntegrationIdentifiers]', async () => {
    const { customerUserId } = await createTestProfile(api)
    const appsflyer = `${api.faker.number.int({ min: 1e12, max: 9e12 })}-${api.faker.string.numeric(7)}`
    const res = await api.call(op, {
      headers: api.byCustomer(customerUserId),
      body: { appsflyer_id: appsflyer },
    })
    expect(res).toMatchContract(200)
    expect(res.response.bodyText).toBe('')
    const read = await api.call('getIntegrationIdentifiers', {
      headers: api.byCustomer(customerUserId),
    })
    expect(read).toMatchContract(200)
    expect(read.response.json).toMatchObject({ appsflyer_id: appsflyer, branch_id: null })
  })

  it('sets every identifier in one request', async () => {
    const { profileId } = await createTestProfile(api)
    const all = Object.fromEntries(KEYS.map((key) => [key, api.faker.string.uuid()]))
    const res = await api.call(op, { headers: api.byProfileId(profileId), body: all })
    expect(res).toMatchContract(200)
    const read = await api.call('getIntegrationIdentifiers', {
      headers: api.byProfileId(profileId),
    })
    expect(read).toMatchContract(200)
    expect(read.response.json).toMatchObject(all)
  })

  it('clears an identifier set to null and keeps the others', async () => {
    const { profileId } = await createTestProfile(api)
    const mixpanel = api.faker.string.alphanumeric(28)
    const first = await api.call(op, {
      headers: api.byProfileId(profileId),
      body: { branch_id: api.faker.string.alphanumeric(16), mixpanel_user_id: mixpanel },
    })
    expect(first).toMatchContract(200)
    const res = await api.call(op, {
      headers: api.byProfileId(profileId),
      body: { branch_id: null },
    })
    expect(res).toMatchContract(200)
    const read = await api.call('getIntegrationIdentifiers', {
      headers: api.byProfileId(profileId),
    })
    expect(read).toMatchContract(200)
    expect(read.response.json).toMatchObject({ branch_id: null, mixpanel_user_id: mixpanel })
  })

  it('returns 400 validation_error for an identifier that is not a string', async () => {
    const { customerUserId } = await createTestProfile(api)
    const res = await api.call(op, {
      headers: api.byCustomer(customerUserId),
      body: { appsflyer_id: api.faker.number.int() },
    })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('validation_error')
    expect(errorSourcesOf(res)).toEqual(['appsflyer_id'])
  })

  it('returns 400 validation_error for a body without any identifier', async () => {
    const { customerUserId } = await createTestProfile(api)
    const res = await api.call(op, { headers: api.byCustomer(customerUserId), body: {} })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('validation_error')
  })

  it('returns 400 validation_error for a profile id that is not a UUID', async () => {
    const res = await api.call(op, {
      headers: api.byProfileId(api.faker.string.alphanumeric(12)),
      body: { appsflyer_id: api.faker.string.alphanumeric(10) },
    })
    expect(res).toMatchContract(400)
    expect(errorSourcesOf(res)).toEqual(['adapty-profile-id'])
  })

  it('returns 401 not_authenticated without an API key [setIntegrationIdentifiers: no auth]', async () => {
    const res = await api.call(op, {
      body: { appsflyer_id: api.faker.string.alphanumeric(10) },
      authorization: null,
    })
    expect(res).toMatchContract(401)
    expect(errorCodeOf(res)).toBe('not_authenticated')
  })

  it('returns 404 profile_not_found for an unknown profile', async () => {
    const res = await api.call(op, {
      headers: api.byCustomer(api.uniqueCustomerUserId()),
      body: { appsflyer_id: api.faker.string.alphanumeric(10) },
    })
    expect(res).toMatchContract(404)
    expect(errorCodeOf(res)).toBe('profile_not_found')
  })
})
