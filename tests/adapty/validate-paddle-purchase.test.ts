import { describe, expect, it } from 'vitest'
import {
  createTestProfile,
  errorCodeOf,
  errorSourcesOf,
  expectOffersHistory,
  profileOf,
  SEEDED_OFFERS_CUSTOMER,
} from '../support/adapty-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'validatePaddlePurchase'
const api = useTarget('adapty')

describe(op, () => {
  it('validates a token and returns the new profile with its Paddle subscription [validatePaddlePurchase]', async () => {
    const paddleToken = api.need('paddleToken')
    const customerUserId = api.uniqueCustomerUserId()
    const res = await api.call(op, {
      body: { customer_user_id: customerUserId, paddle_token: paddleToken },
    })
    expect(res).toMatchContract(200)
    expect(profileOf(res).customer_user_id).toBe(customerUserId)
    expect(profileOf(res).subscriptions).toContainEqual(
      expect.objectContaining({ store: 'paddle' }),
    )
  })

  it('grants the access level, which a profile read shows', async () => {
    const paddleToken = api.need('paddleToken')
    const { customerUserId, profileId } = await createTestProfile(api)
    const res = await api.call(op, {
      body: { customer_user_id: customerUserId, paddle_token: paddleToken },
    })
    expect(res).toMatchContract(200)
    const read = await api.call('getProfile', { headers: api.byProfileId(profileId) })
    expect(read).toMatchContract(200)
    expect(profileOf(read).access_levels).toContainEqual(
      expect.objectContaining({ store: 'paddle' }),
    )
  })

  it('returns 400 validation_error without paddle_token', async () => {
    const res = await api.call(op, { body: { customer_user_id: api.uniqueCustomerUserId() } })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('validation_error')
    expect(errorSourcesOf(res)).toEqual(['paddle_token'])
  })

  it('returns 400 validation_error for a blank customer_user_id', async () => {
    const res = await api.call(op, {
      body: { customer_user_id: '', paddle_token: `txn_${api.faker.string.alphanumeric(20)}` },
    })
    expect(res).toMatchContract(400)
    expect(errorSourcesOf(res)).toEqual(['customer_user_id'])
  })

  it('returns 400 invalid_paddle_credentials_or_purchase_not_found for an unknown token [validatePaddlePurchase: unknown token]', async () => {
    const res = await api.call(op, {
      body: {
        customer_user_id: api.uniqueCustomerUserId(),
        paddle_token: `txn_${api.faker.string.alphanumeric(20)}`,
      },
    })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('invalid_paddle_credentials_or_purchase_not_found')
  })

  it('returns 400 paddle_api_key_not_found for an app without Paddle credentials', async () => {
    const paddleUnconfiguredApiKey = api.need('paddleUnconfiguredApiKey')
    const res = await api.call(op, {
      body: {
        customer_user_id: api.uniqueCustomerUserId(),
        paddle_token: `txn_${api.faker.string.alphanumeric(20)}`,
      },
      authorization: api.authorizationFor(paddleUnconfiguredApiKey ?? ''),
    })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('paddle_api_key_not_found')
  })

  it('returns 401 not_authenticated without an API key [validatePaddlePurchase: no auth]', async () => {
    const res = await api.call(op, {
      body: { customer_user_id: api.uniqueCustomerUserId(), paddle_token: 'txn_x' },
      authorization: null,
    })
    expect(res).toMatchContract(401)
    expect(errorCodeOf(res)).toBe('not_authenticated')
  })

  it('adds the Paddle purchase to an existing purchase history', async () => {
    api.needSandbox()
    const customerUserId = SEEDED_OFFERS_CUSTOMER.validatePaddlePurchase
    const res = await api.call(op, {
      body: { customer_user_id: customerUserId, paddle_token: api.need('paddleToken') },
    })
    expect(res).toMatchContract(200)
    expect(profileOf(res).subscriptions).toContainEqual(
      expect.objectContaining({ store: 'paddle' }),
    )
    // The seeded pro level lasts longer than the Paddle period, so it stays as it was.
    expectOffersHistory(res)
  })
})
