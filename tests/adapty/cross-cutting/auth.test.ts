import { describe, expect, it } from 'vitest'
import { OPERATIONS } from '../../../src/apis/all.ts'
import { errorCodeOf } from '../../support/adapty-data.ts'
import { useTarget } from '../../support/target.ts'

const api = useTarget('adapty')
const operations = OPERATIONS.of('adapty').map((op) => [op.operationId, op] as const)

function input(op: (typeof operations)[number][1], authorization: string | null) {
  return {
    authorization,
    ...(op.pathParams.length > 0 ? { path: { paywall_id: api.faker.string.uuid() } } : {}),
    ...(op.request === undefined ? {} : { body: {} }),
    headers: { 'adapty-customer-user-id': api.uniqueCustomerUserId() },
  }
}

describe('authentication', () => {
  it.each(operations)(
    '%s returns 401 not_authenticated without an Authorization header',
    async (id, op) => {
      const res = await api.call(id, input(op, null))
      expect(res).toMatchContract(401)
      expect(errorCodeOf(res)).toBe('not_authenticated')
    },
  )

  it.each(operations)('%s returns 401 unauthorized for a wrong key', async (id, op) => {
    const res = await api.call(id, input(op, 'Api-Key subcontract-wrong-key'))
    expect(res).toMatchContract(401)
    expect(errorCodeOf(res)).toBe('unauthorized')
  })

  it.each(operations)('%s returns 401 unauthorized for another scheme', async (id, op) => {
    const res = await api.call(id, input(op, 'Bearer subcontract-wrong-key'))
    expect(res).toMatchContract(401)
  })
})
