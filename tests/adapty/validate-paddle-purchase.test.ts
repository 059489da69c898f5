import { describe, expect, it } from 'vitest'
import { accessLevelIds, errorCodeOf, errorSourcesOf, profileOf } from '../support/adapty-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'validatePaddlePurchase'
const api = useTarget('adapty')
const { paddleToken, paddleUnconfiguredApiKey } = api.data

describe(op, () => {
  it.skipIf(paddleToken === undefined)('validates a Paddle token and returns the profile with its access level [validatePaddlePurchase]', async () => {
    const customerUserId = api.uniqueCustomerUserId()
    const res = await api.call(op, { body: { customer_user_id: customerUserId, paddle_token: paddleToken } })
    expect(res).toMatchContract(200)
    expect(profileOf(res).customer_user_id).toBe(customerUserId)
    expect(accessLevelIds(res)).toContain('pro')
    expect(profileOf(res).subscriptions).toContainEqual(expect.objectContaining({ store: 'paddle' }))
  })

  it('returns 400 invalid_paddle_credentials_or_purchase_not_found for an unknown token [validatePaddlePurchase: unknown token]', async () => {
    const res = await api.call(op, { body: { customer_user_id: api.uniqueCustomerUserId(), paddle_token: 'txn_unknown' } })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('invalid_paddle_credentials_or_purchase_not_found')
  })

  it.skipIf(paddleUnconfiguredApiKey === undefined)('returns 400 paddle_api_key_not_found for an app without Paddle credentials', async () => {
    const res = await api.call(op, {
      body: { customer_user_id: api.uniqueCustomerUserId(), paddle_token: 'txn_any' },
      authorization: api.authorizationFor(paddleUnconfiguredApiKey ?? ''),
    })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('paddle_api_key_not_found')
  })

  it('returns 400 validation_error without paddle_token', async () => {
    const res = await api.call(op, { body: { customer_user_id: api.uniqueCustomerUserId() } })
    expect(res).toMatchContract(400)
    expect(errorSourcesOf(res)).toEqual(['paddle_token'])
  })

  it('returns 401 not_authenticated without an API key [validatePaddlePurchase: no auth]', async () => {
    const res = await api.call(op, { body: { customer_user_id: 'x', paddle_token: 'y' }, authorization: null })
    expect(res).toMatchContract(401)
  })
})
