import { describe, expect, it } from 'vitest'
import { useTarget } from '../../support/target.ts'

const api = useTarget('adapty')

async function raw(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
  const url = `${api.baseUrl}${path}`
  const res = await fetch(url, {
    ...init,
    headers: { authorization: api.authorizationFor(api.apiKey), ...(init.headers ?? {}) },
  })
  const text = await res.text()
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    text,
    json: JSON.parse(text) as Record<string, unknown>,
  }
}

describe('hostile and malformed requests', () => {
  it('answers an unknown path with the Adapty error envelope, not a stack trace', async () => {
    api.needSandbox()
    const res = await raw('/api/v2/server-side-api/no-such-thing/')
    expect(res.status).toBe(404)
    expect(res.json).toMatchObject({ error_code: 'not_found', status_code: 404 })
    expect(res.text).not.toMatch(/at .*\.ts:\d+/)
  })

  it('answers a path without its trailing slash with 404 naming the rule', async () => {
    api.needSandbox()
    const res = await raw('/api/v2/server-side-api/profile')
    expect(res.status).toBe(404)
    expect(JSON.stringify(res.json)).toContain('end with a slash')
  })

  it('answers an unsupported method with 405 and an Allow header', async () => {
    api.needSandbox()
    const res = await fetch(`${api.baseUrl}/api/v2/server-side-api/paywalls/`, {
      method: 'DELETE',
      headers: { authorization: api.authorizationFor(api.apiKey) },
    })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('GET')
    expect(await res.json()).toMatchObject({ error_code: 'method_not_allowed', status_code: 405 })
  })

  it('rejects a body over 1 MiB with 413 instead of buffering it', async () => {
    api.needSandbox()
    const res = await raw('/api/v2/server-side-api/profile/', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'adapty-customer-user-id': 'nobody' },
      body: JSON.stringify({ first_name: 'x'.repeat(1024 * 1024 + 10) }),
    })
    expect(res.status).toBe(413)
    expect(res.json).toMatchObject({ error_code: 'request_too_large' })
  })

  it.each([
    ['truncated JSON', '{"first_name": "a"'],
    ['a JSON array', '[1, 2, 3]'],
    ['a bare string', '"hello"'],
    ['binary garbage', '\u0000\u0001\u0002'],
  ])('answers %s with a 400 error body, never a crash', async (_, body) => {
    const res = await api.call('createProfile', { rawBody: body })
    expect(res).toMatchContract(400)
    expect((res.response.json as { status_code: number }).status_code).toBe(400)
  })

  it('answers deeply nested JSON with a 400 validation error', async () => {
    const nested = `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`
    const res = await api.call('createProfile', { rawBody: `{"installation_meta": ${nested}}` })
    expect(res).toMatchContract(400)
  })
})
