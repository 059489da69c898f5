import { describe, expect, it } from 'vitest'
import type { Exchange } from '../../../src/exchange.ts'
import type { Operation } from '../../../src/registry/types.ts'
import { errorTypeOf, reach, UNKNOWN_PROJECT } from '../../support/revenuecat-data.ts'
import { selectedOperations } from '../../support/selection.ts'
import { useTarget } from '../../support/target.ts'

const api = useTarget('revenuecat')
const operations = selectedOperations('revenuecat')
const writes = operations.filter(([, op]) => op.scopes?.some((s) => s.endsWith(':read_write')))
const customerInformation = operations.filter(([, op]) =>
  op.scopes?.some((s) => s.startsWith('customer_information:')),
)

/** Calls an operation with a seeded key that lacks its permissions; expects 403 authorization_error. */
async function refused(id: string, op: Operation, keyName: string): Promise<Exchange> {
  const key = api.need(keyName)
  const res = await api.call(
    id,
    reach(op, api.need('projectId'), { authorization: api.authorizationFor(key) }),
  )
  expect(res).toMatchContract(403)
  expect(errorTypeOf(res)).toBe('authorization_error')
  return res
}

describe('permissions', () => {
  it.each(operations)(
    '%s returns 403 authorization_error for a key without permissions',
    async (id, op) => {
      const res = await refused(id, op, 'noPermissionsApiKey')
      const [scope] = op.scopes ?? []
      expect(scope, 'the registry names the permission').toBeDefined()
      expect((res.response.json as { message?: string }).message).toContain(scope)
    },
  )

  it.each(writes)('%s returns 403 authorization_error for a read-only key', async (id, op) => {
    await refused(id, op, 'readOnlyApiKey')
  })

  it.each(customerInformation)(
    '%s returns 403 authorization_error for a key without customer information permissions',
    async (id, op) => {
      await refused(id, op, 'noCustomersApiKey')
    },
  )
})

// list-projects and create-project name no project: no input gives them a 404.
const inProject = operations.filter(([, op]) => op.pathParams.includes('project_id'))

describe.skipIf(inProject.length === 0)('projects', () => {
  it.each(inProject)(
    '%s returns 404 resource_missing for a project the key does not open',
    async (id, op) => {
      const res = await api.call(id, reach(op, UNKNOWN_PROJECT))
      expect(res).toMatchContract(404)
      expect(errorTypeOf(res)).toBe('resource_missing')
    },
  )
})
