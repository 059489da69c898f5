import { describe, expect, it } from 'vitest'
import { createTestProfile, errorCodeOf, errorSourcesOf } from '../support/adapty-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'setIntegrationIdentifiers'
const api = useTarget('adapty')

describe(op, () => {
  it('sets identifiers with a blank 200, and a read returns them [setIntegrationIdentifiers]', async () => {
    const { customerUserId } = await createTestProfile(api)
    const appsflyer = `af-${api.faker.string.alphanumeric(10)}`
    const res = await api.call(op, { headers: api.byCustomer(customerUserId), body: { appsflyer_id: appsflyer } })
    expect(res).toMatchContract(200)
    expect(res.response.bodyText).toBe('')
    const read = await api.call('getIntegrationIdentifiers', { headers: api.byCustomer(customerUserId) })
    expect(read).toMatchContract(200)
    expect(read.response.json).toMatchObject({ appsflyer_id: appsflyer })
  })

  it('clears an identifier set to null', async () => {
    const { profileId } = await createTestProfile(api)
    await api.call(op, { headers: api.byProfileId(profileId), body: { branch_id: 'b-1', mixpanel_user_id: 'm-1' } })
    expect(await api.call(op, { headers: api.byProfileId(profileId), body: { branch_id: null } })).toMatchContract(200)
    const read = await api.call('getIntegrationIdentifiers', { headers: api.byProfileId(profileId) })
    expect(read.response.json).toMatchObject({ branch_id: null, mixpanel_user_id: 'm-1' })
  })

  it('returns 400 validation_error for a non-string identifier', async () => {
    const { customerUserId } = await createTestProfile(api)
    const res = await api.call(op, { headers: api.byCustomer(customerUserId), body: { appsflyer_id: 42 } })
    expect(res).toMatchContract(400)
    expect(errorSourcesOf(res)).toEqual(['appsflyer_id'])
  })

  it('returns 400 validation_error for a body without any identifier', async () => {
    const { customerUserId } = await createTestProfile(api)
    const res = await api.call(op, { headers: api.byCustomer(customerUserId), body: {} })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('validation_error')
  })

  it('returns 401 not_authenticated without an API key [setIntegrationIdentifiers: no auth]', async () => {
    const res = await api.call(op, { body: { appsflyer_id: 'x' }, authorization: null })
    expect(res).toMatchContract(401)
  })

  it('returns 404 profile_not_found for an unknown profile', async () => {
    const res = await api.call(op, { headers: api.byCustomer(api.uniqueCustomerUserId()), body: { appsflyer_id: 'x' } })
    expect(res).toMatchContract(404)
    expect(errorCodeOf(res)).toBe('profile_not_found')
  })
})
