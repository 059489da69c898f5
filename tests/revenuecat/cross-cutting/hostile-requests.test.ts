import { describe, expect, it } from 'vitest'
import { OPERATIONS } from '../../../src/apis/all.ts'
import { buildPath } from '../../../src/registry/operations.ts'
import { errorTypeOf, reach } from '../../support/revenuecat-data.ts'
import { selectedOperations } from '../../support/selection.ts'
import { useTarget } from '../../support/target.ts'

const api = useTarget('revenuecat')
const posts = selectedOperations('revenuecat').filter(([, op]) => op.request !== undefined)

async function raw(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
  const res = await fetch(`${api.baseUrl}${path}`, {
    ...init,
    headers: { authorization: api.authorizationFor(api.apiKey), ...(init.headers ?? {}) },
  })
  const text = await res.text()
  return { status: res.status, headers: res.headers, text, json: JSON.parse(text) as unknown }
}

const pathOf = (id: string) => {
  const op = OPERATIONS.get('revenuecat', id)
  return buildPath(op, reach(op, api.need('projectId')).path)
}

describe('hostile and malformed requests', () => {
  it('answers an unknown path with the RevenueCat error envelope, not a stack trace', async () => {
    api.needSandbox()
    const res = await raw('/projects/nothing/here/at/all')
    expect(res.status).toBe(404)
    expect(res.json).toMatchObject({ object: 'error', type: 'resource_missing' })
    expect(res.text).not.toMatch(/at .*\.ts:\d+/)
  })

  it('answers an unsupported method with 405 and an Allow header', async () => {
    api.needSandbox()
    const res = await raw('/projects', { method: 'DELETE' })
    const documented = OPERATIONS.of('revenuecat')
      .filter((op) => op.path === '/projects')
      .map((op) => op.method)
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')?.split(', ').sort()).toEqual(documented.sort())
    expect(res.json).toMatchObject({ object: 'error', type: 'invalid_request' })
  })

  // Through the client, so that each operation's report counts the 400: refused before the body
  // is read for meaning, so the placeholder ids of `reach` never need to exist.
  it.each(posts)('%s answers a body that is not JSON with 400 invalid_request', async (id, op) => {
    const res = await api.call(id, reach(op, api.need('projectId'), { rawBody: '{"id": ' }))
    expect(res).toMatchContract(400)
    expect(res.response.json).toMatchObject({ type: 'invalid_request', retryable: false })
  })

  it.each(posts)(
    '%s answers a body that is not application/json with 400 invalid_request',
    async (id, op) => {
      const res = await api.call(
        id,
        reach(op, api.need('projectId'), { headers: { 'content-type': 'text/plain' } }),
      )
      expect(res).toMatchContract(400)
      expect(errorTypeOf(res)).toBe('invalid_request')
    },
  )

  it.skipIf(posts.length === 0)(
    'rejects a body over 1 MiB with 413 instead of buffering it',
    async () => {
      api.needSandbox()
      const [first] = posts as [(typeof posts)[number]]
      const res = await raw(pathOf(first[0]), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: 'x'.repeat(1024 * 1024 + 10) }),
      })
      expect(res.status).toBe(413)
      expect(res.json).toMatchObject({ object: 'error', type: 'invalid_request' })
    },
  )
})
