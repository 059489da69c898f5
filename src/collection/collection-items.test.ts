import { describe, expect, it } from 'vitest'
import { buildCollection } from './build-collection.ts'
import {
  concretePath,
  countRequests,
  matchRequest,
  narrowCollection,
  operationIdOf,
  operationPath,
  pathOf,
  requestItems,
  walkRequests,
} from './collection-items.ts'
import { BEARER_API, BEARER_SOURCE } from './fixtures/bearer-api.ts'
import type { PostmanRequestItem } from './postman.ts'

const request = (name: string, url: unknown): PostmanRequestItem =>
  ({ name, request: { method: 'GET', header: [], url } }) as PostmanRequestItem

describe('the collection walk', () => {
  const nested = {
    item: [
      request('top', '{{base_url}}/a'),
      { name: 'Outer', item: [{ name: 'Inner', item: [request('deep', '{{base_url}}/b')] }] },
      { name: 'not an entry' },
      'junk',
    ],
  }

  it('visits every request item depth first, with its folder, and skips what is no entry', () => {
    const seen: string[] = []
    walkRequests(nested.item, (item, folder) => seen.push(`${folder}/${item.name}`))
    expect(seen).toEqual(['/top', 'Inner/deep'])
    expect(requestItems(nested as never).map((i) => i.name)).toEqual(['top', 'deep'])
    expect(countRequests(nested.item)).toBe(2)
  })

  it('narrows to the requests of some operations, variants included, dropping empty folders', () => {
    const collection = buildCollection(BEARER_API, BEARER_SOURCE)
    const narrowed = narrowCollection(collection, new Set(['get-customer']))
    expect(requestItems(narrowed).map((i) => i.name)).toEqual(['get-customer: no auth'])
    expect(narrowCollection(collection, new Set(['nothing'])).item).toEqual([])
    expect(operationIdOf('getProfile: unknown profile')).toBe('getProfile')
  })
})

describe('the path of a request item', () => {
  it.each([
    [{ path: ['projects', ':project_id', 'customers'] }, '/projects/{project_id}/customers'],
    [{ path: ['api', 'v2', 'profile', ''] }, '/api/v2/profile/'],
    [{ path: 'projects/:project_id' }, '/projects/{project_id}'],
    ['{{base_url}}/projects/{{project_id}}/apps?limit=1', '/projects/{project_id}/apps'],
    ['https://api.example.com/v2/projects/p1', '/v2/projects/p1'],
    [undefined, '/'],
  ])('of %j is %s', (url, path) => {
    expect(pathOf(request('r', url))).toBe(path)
  })

  it('is filled to a concrete path for matching', () => {
    expect(concretePath('/projects/{project_id}/customers/{id}')).toBe(
      '/projects/param/customers/param',
    )
  })
})

describe('matching a request to an operation', () => {
  it("strips the API's base path first, and takes a path without it as relative", () => {
    expect(operationPath(BEARER_API, '/v2/projects/p1')).toBe('/projects/p1')
    expect(operationPath(BEARER_API, '/projects/p1')).toBe('/projects/p1')
    expect(operationPath(BEARER_API, '/v2')).toBe('/')
    expect(operationPath(BEARER_API, '/v20/x')).toBe('/v20/x')
    expect(operationPath({ basePath: '' }, '/api/v2/x/')).toBe('/api/v2/x/')
    expect(matchRequest(BEARER_API, 'GET', '/v2/projects/p1/customers/c1').op?.operationId).toBe(
      'get-customer',
    )
    expect(matchRequest(BEARER_API, 'POST', '/projects/p1/customers').op?.operationId).toBe(
      'create-customer',
    )
    expect(matchRequest(BEARER_API, 'DELETE', '/v2/projects/p1/customers')).toEqual({
      op: undefined,
      allowed: ['GET', 'POST'],
    })
  })
})
