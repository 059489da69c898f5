import { describe, expect, it } from 'vitest'
import {
  preview,
  REDACTED,
  redactHeaders,
  redactJson,
  redactText,
  registerSecret,
} from './redact.ts'

describe('redaction', () => {
  registerSecret('canary/secret "value" 42')

  it('scrubs a registered secret wherever it appears, also as Api-Key value', () => {
    expect(redactText('Authorization: Api-Key canary/secret "value" 42 sent')).toBe(
      `Authorization: Api-Key ${REDACTED} sent`,
    )
  })

  it('scrubs the URL-encoded and JSON-escaped forms', () => {
    expect(redactText(`?key=${encodeURIComponent('canary/secret "value" 42')}`)).toBe(
      `?key=${REDACTED}`,
    )
    expect(redactText(JSON.stringify({ k: 'canary/secret "value" 42' }))).toBe(
      `{"k":"${REDACTED}"}`,
    )
  })

  it('ignores values too short to be keys, so ordinary text survives', () => {
    registerSecret('abc')
    expect(redactText('abc def')).toBe('abc def')
  })

  it('replaces secret headers by name and secret JSON keys by name', () => {
    expect(redactHeaders({ Authorization: 'Api-Key anything', accept: 'json' })).toEqual({
      Authorization: REDACTED,
      accept: 'json',
    })
    expect(
      redactJson({ data: { attributes: { stripe_token: 'sub_1', customer_user_id: 'u' } } }),
    ).toEqual({
      data: { attributes: { stripe_token: REDACTED, customer_user_id: 'u' } },
    })
  })

  it('shortens long previews and says how long the value was', () => {
    const text = preview('x'.repeat(500), 20)
    expect(text).toMatch(/^"x{19}… \(502 chars\)$/)
  })
})
