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

describe('bodies, ids and page numbers a real server refuses (DECISIONS.md, A-40 to A-43)', () => {
  const PROFILE = '/api/v2/server-side-api/profile/'

  it('gives the trailing-slash hint only to a path without the slash', async () => {
    api.needSandbox()
    const res = await raw('/api/v2/server-side-api/no-such-thing/')
    expect(res.status).toBe(404)
    expect(JSON.stringify(res.json)).not.toContain('slash')
  })

  it.each([
    ['text/plain', { 'content-type': 'text/plain' }],
    ['no content type', {}],
  ])('answers a JSON body sent as %s with 415 unsupported_media_type', async (_, headers) => {
    api.needSandbox()
    const res = await raw(PROFILE, {
      method: 'POST',
      headers,
      body: new TextEncoder().encode('{}'),
    })
    expect(res.status).toBe(415)
    expect(res.type).toBe('application/json')
    expect(res.json).toMatchObject({ error_code: 'unsupported_media_type', status_code: 415 })
  })

  it('answers a body that is not valid UTF-8 with 400 parse_error', async () => {
    api.needSandbox()
    const head = new TextEncoder().encode('{"first_name":"')
    const res = await raw(PROFILE, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Uint8Array([...head, 0xc3, 0x28, 0x22, 0x7d]),
    })
    expect(res.status).toBe(400)
    expect(res.json).toMatchObject({ error_code: 'parse_error', status_code: 400 })
  })

  it('answers NUL inside a string with 400 validation_error naming the field', async () => {
    api.needSandbox()
    const res = await api.call('createProfile', { rawBody: '{"first_name":"a\\u0000b"}' })
    expect(res).toMatchContract(400)
    expect(res.response.json).toMatchObject({
      error_code: 'validation_error',
      errors: [{ source: 'first_name', errors: ['Null characters are not allowed.'] }],
    })
  })

  it('answers a 15 KB adapty-customer-user-id with 400 naming the header', async () => {
    api.needSandbox()
    const res = await api.call('createProfile', {
      headers: api.byCustomer('u'.repeat(15 * 1024)),
      body: {},
    })
    expect(res).toMatchContract(400)
    expect(res.response.json).toMatchObject({
      error_code: 'validation_error',
      errors: [{ source: 'adapty-customer-user-id' }],
    })
  })

  it('answers a page number past 2^53 with an empty page', async () => {
    api.needSandbox()
    const res = await api.call('listPaywalls', {
      query: { 'page[number]': '99999999999999999999' },
    })
    expect(res).toMatchContract(200)
    expect(res.response.bodyText).toContain('"page":99999999999999999999,')
    expect((res.response.json as { data: unknown[] }).data).toEqual([])
  })

  it.each([
    [{ operationId: 'getPaywal', kind: 'latency', delayMs: 0 }, 'did you mean "getPaywall"?'],
    // Harmless if it were accepted: a 0 ms latency.
    [{ operationId: 'getPaywall', kind: 'latency', delayMs: 0, time: 3 }, 'did you mean "times"?'],
  ])('refuses the fault rule %j with a "did you mean"', async (rule, near) => {
    api.needSandbox()
    const res = (await api.control('faults', rule)) as { error?: string; hint?: string }
    expect(res.error).toMatch(/^Failed to add a fault: unknown (operation|key) /)
    expect(res.hint).toContain(near)
  })
})
