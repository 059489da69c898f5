import { describe, expect, it } from 'vitest'
import { buildCollection } from './build-collection.ts'
import { requestItems } from './collection-items.ts'
import { BEARER_API, BEARER_SOURCE } from './fixtures/bearer-api.ts'
import { collectionProblem } from './validate-collection.ts'

const collection = buildCollection(BEARER_API, BEARER_SOURCE)
const items = requestItems(collection)

describe('buildCollection for a Bearer API with a base path', () => {
  it('writes a valid v2.1 collection with the source info and its collection script', () => {
    expect(collectionProblem(collection)).toBeUndefined()
    expect(collection.info.name).toBe('Bearer API')
    expect(collection.event).toEqual([
      {
        listen: 'prerequest',
        script: { type: 'text/javascript', exec: BEARER_SOURCE.prerequest },
      },
    ])
    const { prerequest: _, ...bare } = BEARER_SOURCE
    expect(buildCollection(BEARER_API, bare).event).toBeUndefined()
  })

  it("sets Postman's Bearer auth once, with the API's key variable", () => {
    expect(collection.auth).toEqual({
      type: 'bearer',
      bearer: [{ key: 'token', value: '{{secret_api_key}}', type: 'string' }],
    })
    expect(JSON.stringify(collection)).not.toContain('Api-Key')
  })

  it('writes the operation path after {{base_url}}, with no trailing slash added', () => {
    const get = items.find((i) => i.name === 'get-customer: no auth')
    expect(get?.request.url).toEqual({
      raw: '{{base_url}}/projects/:project_id/customers/:customer_id',
      host: ['{{base_url}}'],
      path: ['projects', ':project_id', 'customers', ':customer_id'],
      variable: [
        { key: 'project_id', value: '{{project_id}}' },
        { key: 'customer_id', value: 'cus_placeholder' },
      ],
    })
    for (const item of items) expect(item.request.url.raw).not.toMatch(/\/$/)
  })

  it('sends a JSON body with its Content-Type, and no auth where a request asks for none', () => {
    const post = items.find((i) => i.name === 'create-customer: no auth')
    expect(post?.request.method).toBe('POST')
    expect(post?.request.body?.raw).toBe('{}')
    expect(post?.request.header).toEqual([{ key: 'Content-Type', value: 'application/json' }])
    for (const item of items) expect(item.request.auth).toEqual({ type: 'noauth' })
  })

  it('tests the status and the documented content type', () => {
    const tests = items[0]?.event?.find((e) => e.listen === 'test')?.script.exec.join('\n')
    expect(tests).toContain('pm.response.to.have.status(401);')
    expect(tests).toContain('to.include("application/json")')
  })

  it('sends a setup request with the API scheme and base URL variable', () => {
    const withSetup = buildCollection(BEARER_API, {
      ...BEARER_SOURCE,
      folders: [
        {
          tag: 'Customer',
          requests: [
            {
              name: 'get-customer',
              operationId: 'get-customer',
              expectStatus: 200,
              setup: [
                { operationId: 'create-customer', expectStatus: 201, body: { id: 'c' } },
                {
                  operationId: 'get-customer',
                  expectStatus: 200,
                  pathParams: { customer_id: '{{last_customer}}' },
                },
              ],
            },
          ],
        },
      ],
    })
    const script = requestItems(withSetup)[0]?.event?.[0]?.script.exec.join('\n')
    // Each path parameter is filled: given, or by the variable of its name.
    expect(script).toContain(
      'pm.variables.replaceIn("{{base_url}}/projects/{{project_id}}/customers")',
    )
    expect(script).toContain(
      'pm.variables.replaceIn("{{base_url}}/projects/{{project_id}}/customers/{{last_customer}}")',
    )
    expect(script).not.toMatch(/[^{]\{project_id\}[^}]/)
    expect(script).toContain('value: pm.variables.replaceIn("Bearer {{secret_api_key}}")')
  })

  it('tells Postman not to follow the redirect a request expects, and only then', () => {
    const built = buildCollection(BEARER_API, {
      ...BEARER_SOURCE,
      folders: [
        {
          tag: 'Customer',
          requests: [
            { name: 'get-customer', operationId: 'get-customer', expectStatus: 302 },
            { name: 'get-customer: plain', operationId: 'get-customer', expectStatus: 200 },
          ],
        },
      ],
    })
    const [redirect, plain] = requestItems(built)
    expect(redirect?.protocolProfileBehavior).toEqual({ followRedirects: false })
    expect(plain?.protocolProfileBehavior).toBeUndefined()
  })

  it('names an API whose key feeds no Postman variable', () => {
    const api = {
      ...BEARER_API,
      target: {
        ...BEARER_API.target,
        variables: BEARER_API.target.variables.filter((v) => v.role !== 'apiKey'),
      },
    }
    expect(() => buildCollection(api, BEARER_SOURCE)).toThrow(
      'Failed to build the revenuecat collection: no target variable with role apiKey feeds a Postman variable.',
    )
  })
})
