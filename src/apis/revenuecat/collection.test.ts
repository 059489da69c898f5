// RevenueCat's collection, built from its registry: for every operation one request that sends no
// key and expects 401 authentication_error, and no success request yet (the sandbox answers 501).
import { describe, expect, it } from 'vitest'
import { buildCollection, type CollectionApi } from '../../collection/build-collection.ts'
import { requestItems } from '../../collection/collection-items.ts'
import { collectionProblem } from '../../collection/validate-collection.ts'
import { REVENUECAT_COLLECTION } from './collection.ts'
import { REVENUECAT_OPERATIONS } from './operations.ts'

// What buildCollection reads of the definition, with the Postman names the definition gives.
const API: CollectionApi = {
  name: 'revenuecat',
  operations: REVENUECAT_OPERATIONS,
  auth: { scheme: 'Bearer' },
  target: {
    variables: [
      {
        name: 'REVENUECAT_BASE_URL',
        role: 'baseUrl',
        postman: 'base_url',
        description: '',
        example: '',
      },
      {
        name: 'REVENUECAT_SECRET_API_KEY',
        role: 'apiKey',
        postman: 'secret_api_key',
        description: '',
        example: '',
        secret: true,
      },
      {
        name: 'REVENUECAT_PROJECT_ID',
        role: 'data',
        postman: 'project_id',
        description: '',
        example: '',
      },
    ],
  },
}

const collection = buildCollection(API, REVENUECAT_COLLECTION)
const items = requestItems(collection)

describe('the RevenueCat collection', () => {
  it('is a valid v2.1 collection with Bearer auth and a folder per tag', () => {
    expect(collectionProblem(collection)).toBeUndefined()
    expect(collection.auth).toEqual({
      type: 'bearer',
      bearer: [{ key: 'token', value: '{{secret_api_key}}', type: 'string' }],
    })
    // Customer is last: its delete-customer removes the run's test customer at the end.
    const tags = [...new Set(REVENUECAT_OPERATIONS.map((op) => op.tag))]
    expect(collection.item.map((f) => f.name)).toEqual([
      ...tags.filter((t) => t !== 'Customer'),
      'Customer',
    ])
    const prerequest = collection.event?.find((e) => e.listen === 'prerequest')?.script.exec
    expect(prerequest?.join('\n')).toContain(
      "'subcontract-' + pm.environment.get('run_id') + '-pm'",
    )
  })

  it('has one no-auth request per operation, expecting 401', () => {
    expect(REVENUECAT_OPERATIONS.length).toBe(88)
    const noAuth = items.filter((i) => i.name.endsWith(': no auth'))
    expect(noAuth.map((i) => i.name).sort()).toEqual(
      REVENUECAT_OPERATIONS.map((op) => `${op.operationId}: no auth`).sort(),
    )
    for (const item of noAuth) {
      expect(item.request.auth, item.name).toEqual({ type: 'noauth' })
      const tests = item.event?.find((e) => e.listen === 'test')?.script.exec.join('\n') ?? ''
      expect(tests, item.name).toContain('pm.response.to.have.status(401);')
      expect(tests, item.name).toContain('"authentication_error"')
      expect(item.request.description, item.name).toMatch(/Expects 401\.$/)
    }
  })

  it('names every other request by an operation of the registry', () => {
    const ids = new Set(REVENUECAT_OPERATIONS.map((op) => op.operationId))
    for (const item of items.filter((i) => !i.name.endsWith(': no auth')))
      expect(ids, item.name).toContain(item.name.split(':')[0])
  })

  it('writes each path after {{base_url}} (which ends in /v2), with no trailing slash', () => {
    for (const item of items) {
      expect(item.request.url.raw, item.name).toMatch(/^\{\{base_url\}\}\/(?!v2\/)\S*[^/]$/)
      expect(item.request.url.host).toEqual(['{{base_url}}'])
    }
  })

  it('fills project_id from the target and every other path parameter with a placeholder', () => {
    for (const op of REVENUECAT_OPERATIONS) {
      const item = items.find((i) => i.name === `${op.operationId}: no auth`)
      const expected = op.pathParams.map((key) => ({
        key,
        value: key === 'project_id' ? '{{project_id}}' : `placeholder_${key}`,
      }))
      expect(item?.request.url.variable ?? [], op.operationId).toEqual(expected)
    }
  })

  it('sends a JSON body {} with its Content-Type on every POST, and no body otherwise', () => {
    for (const op of REVENUECAT_OPERATIONS) {
      const item = items.find((i) => i.name === `${op.operationId}: no auth`)
      if (op.method === 'POST') {
        expect(item?.request.body?.raw, op.operationId).toBe('{}')
        expect(item?.request.header, op.operationId).toEqual([
          { key: 'Content-Type', value: 'application/json' },
        ])
      } else expect(item?.request.body, op.operationId).toBeUndefined()
    }
  })
})
