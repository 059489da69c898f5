import { describe, expect, it } from 'vitest'
import { apiNamed } from '../apis/all.ts'
import { registerSecret } from '../redact/redact.ts'
import {
  type CurlApi,
  curlCommand,
  describeRequest,
  describeResponse,
  exchangeEvidence,
  formatEvidence,
} from './evidence.ts'

const SECRET = 'evidence_secret_key_0451'
registerSecret(SECRET)

const request = {
  method: 'POST',
  url: 'https://api.example.test/api/v2/server-side-api/purchase/stripe/token/validate/',
  headers: {
    authorization: `Api-Key ${SECRET}`,
    'content-type': 'application/json',
    'adapty-customer-user-id': "o'brien",
  },
  body: JSON.stringify({ stripe_token: 'sub_1234567890', customer_user_id: "o'brien" }),
}

const adapty = apiNamed('adapty')
/** A second API as the curl command sees it: a Bearer scheme and its own key variable. */
const bearerApi: CurlApi = {
  auth: { scheme: 'Bearer' },
  target: {
    variables: [
      { name: 'REVENUECAT_BASE_URL', role: 'baseUrl' },
      { name: 'REVENUECAT_SECRET_API_KEY', role: 'apiKey' },
    ],
  },
}

describe('curlCommand', () => {
  const curl = curlCommand(adapty, request)

  it('uses the key variable, never the key', () => {
    expect(curl).toContain('-H "Authorization: Api-Key $ADAPTY_SECRET_API_KEY"')
    expect(curl).not.toContain(SECRET)
  })

  it('quotes for a POSIX shell, one option per line', () => {
    expect(curl.split(' \\\n  ')).toEqual([
      `curl -X POST 'https://api.example.test/api/v2/server-side-api/purchase/stripe/token/validate/'`,
      `-H "Authorization: Api-Key $ADAPTY_SECRET_API_KEY"`,
      `-H 'content-type: application/json'`,
      `-H 'adapty-customer-user-id: o'\\''brien'`,
      `--data-raw '{"stripe_token":"[redacted]","customer_user_id":"o'\\''brien"}'`,
    ])
  })

  it('sends a malformed body as it was, minus registered secrets', () => {
    const raw = curlCommand(adapty, { ...request, body: `{"broken": "${SECRET}"` })
    expect(raw).toContain(`--data-raw '{"broken": "[redacted]"'`)
  })

  it("takes the scheme and the key variable from the API's definition", () => {
    const rc = curlCommand(bearerApi, {
      ...request,
      headers: { Authorization: `Bearer ${SECRET}` },
    })
    expect(rc).toContain('-H "Authorization: Bearer $REVENUECAT_SECRET_API_KEY"')
    expect(rc).not.toContain(SECRET)
  })

  it('redacts the key when the API declares no key variable', () => {
    const keyless: CurlApi = { ...bearerApi, target: { variables: [] } }
    expect(curlCommand(keyless, request)).toContain('-H "Authorization: Bearer [redacted]"')
  })
})

describe('exchange excerpts', () => {
  it('redacts secret headers and body keys in the request excerpt', () => {
    const text = describeRequest(request)
    expect(text).toMatch(/^POST https:\/\/api\.example\.test\//)
    expect(text).toContain('authorization: [redacted]')
    expect(text).toContain('"stripe_token":"[redacted]"')
    expect(text).not.toContain(SECRET)
  })

  it('shows status, content type and a shortened body in the response excerpt', () => {
    const text = describeResponse({
      status: 429,
      headers: { 'content-type': 'application/json', 'retry-after': '3' },
      bodyText: JSON.stringify({ errors: ['x'.repeat(5000)] }),
    })
    expect(text.split('\n').slice(0, 3)).toEqual([
      'HTTP 429',
      'content-type: application/json',
      'retry-after: 3',
    ])
    expect(text.length).toBeLessThan(1400)
    expect(text).toContain('chars)')
  })

  it('renders evidence as plain text with findings, request, response and curl', () => {
    const text = formatEvidence({
      expected: 'string',
      actual: '42',
      contract: [
        {
          check: 'response-schema',
          message: 'must be string',
          pointer: '/data/x',
          keyword: 'type',
        },
      ],
      exchange: exchangeEvidence(adapty, 'validateStripePurchase', request),
    })
    expect(text).toContain('expected: string\nactual:   42')
    expect(text).toContain('   at /data/x\n   keyword: type')
    expect(text).toContain('Response (redacted):\n(no response)')
    expect(text).toContain('Reproduce:\ncurl -X POST')
  })
})
