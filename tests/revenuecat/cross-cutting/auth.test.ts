import { describe, expect, it } from 'vitest'
import { errorTypeOf, reach } from '../../support/revenuecat-data.ts'
import { selectedOperations } from '../../support/selection.ts'
import { useTarget } from '../../support/target.ts'

const api = useTarget('revenuecat')
const operations = selectedOperations('revenuecat')

describe('authentication', () => {
  it.each(operations)(
    // The title mirrors the collection's `<operationId>: no auth` request (the drift gate reads it).
    '[%s: no auth] returns 401 authentication_error without an Authorization header',
    async (id, op) => {
      const res = await api.call(id, reach(op, api.need('projectId'), { authorization: null }))
      expect(res).toMatchContract(401)
      expect(errorTypeOf(res)).toBe('authentication_error')
    },
  )

  it.each(operations)('%s returns 401 authentication_error for a wrong key', async (id, op) => {
    const res = await api.call(
      id,
      reach(op, api.need('projectId'), {
        authorization: 'Bearer not-a-revenuecat-key',
      }),
    )
    expect(res).toMatchContract(401)
    expect(errorTypeOf(res)).toBe('authentication_error')
  })

  it.each(operations)(
    '%s returns 401 authentication_error for a malformed header',
    async (id, op) => {
      const res = await api.call(
        id,
        reach(op, api.need('projectId'), { authorization: `Bearer ${api.apiKey} extra` }),
      )
      expect(res).toMatchContract(401)
      expect(errorTypeOf(res)).toBe('authentication_error')
    },
  )

  it.each(operations)('%s returns 401 for the key under another scheme', async (id, op) => {
    const res = await api.call(
      id,
      reach(op, api.need('projectId'), { authorization: `Api-Key ${api.apiKey}` }),
    )
    expect(res).toMatchContract(401)
    expect(errorTypeOf(res)).toBe('authentication_error')
  })
})
