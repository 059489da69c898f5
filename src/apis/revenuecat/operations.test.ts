// The generated RevenueCat registry, checked without the vendor spec: its shape, its counts, and
// that every schema it names is a file of the contract that compiles.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadContract, SCHEMA_ROOT } from '../../contract/load-schemas.ts'
import { REVENUECAT_OPERATIONS } from './operations.ts'

const OPS = REVENUECAT_OPERATIONS
const DIR = join(SCHEMA_ROOT, 'revenuecat')
const RATE_LIMIT_HEADERS = [
  { name: 'revenuecat-rate-limit-current-usage', required: true, type: 'integer' },
  { name: 'revenuecat-rate-limit-current-limit', required: true, type: 'integer' },
]
const ERROR_SCHEMAS: Record<string, string> = {
  '400': 'error-bad-request',
  '401': 'error-unauthorized',
  '403': 'error-forbidden',
  '404': 'error-not-found',
  '409': 'error-conflict',
  '422': 'error-unprocessable-entity',
  '423': 'error-locked',
  '429': 'error-rate-limited',
  '500': 'error-internal',
  '503': 'error-internal',
}

function schemasOf(op: (typeof OPS)[number]): string[] {
  const bodies = Object.values(op.responses).flatMap((r) => (r.kind === 'json' ? [r.schema] : []))
  return op.request === undefined ? bodies : [op.request.schema, ...bodies]
}

/** Every schema file a schema reaches through `$ref`, itself included. */
function reachable(stem: string, seen = new Set<string>()): Set<string> {
  if (seen.has(stem)) return seen
  seen.add(stem)
  const text = readFileSync(join(DIR, `${stem}.schema.json`), 'utf8')
  for (const [, ref] of text.matchAll(/"\$ref": "([^"]+)\.schema\.json"/g)) {
    reachable(ref as string, seen)
  }
  return seen
}

describe('REVENUECAT_OPERATIONS', () => {
  it('lists 85 public and 3 beta operations with unique ids', () => {
    expect(OPS).toHaveLength(88)
    expect(OPS.filter((op) => !op.labels.includes('beta'))).toHaveLength(85)
    expect(new Set(OPS.map((op) => op.operationId)).size).toBe(88)
    expect(new Set(OPS.map((op) => `${op.method} ${op.path}`)).size).toBe(88)
  })

  it('counts 32 (29 public + 3 beta), 51, 3 and 2 operations per rate-limit domain', () => {
    const counts: Record<string, number> = {}
    for (const op of OPS)
      counts[op.rateLimitDomain ?? '-'] = (counts[op.rateLimitDomain ?? '-'] ?? 0) + 1
    expect(counts).toEqual({
      customer_information: 32,
      project_configuration: 51,
      charts_metrics: 3,
      virtual_currencies_create_transaction: 2,
    })
  })

  it('labels the beta blocked-customer operations, and only them, beta (S-51)', () => {
    const beta = OPS.filter((op) => op.labels.includes('beta')).map((op) => op.operationId)
    expect(beta).toEqual(['list-blocked-customers', 'block-customer', 'unblock-customer'])
    expect(OPS.filter((op) => op.path.includes('blocked_customers')).length).toBe(3)
  })

  it('describes each operation in our own words and structure', () => {
    for (const op of OPS) {
      expect(op.api, op.operationId).toBe('revenuecat')
      expect(op.safety, op.operationId).toBe(op.method === 'GET' ? 'read' : 'write')
      expect(op.labels, op.operationId).toEqual(
        op.path.includes('blocked_customers') ? ['beta'] : [],
      )
      const words = op.operationId.split('-').join(' ')
      expect(op.summary.toLowerCase(), op.operationId).toBe(words)
      expect(op.path.startsWith('/projects'), op.operationId).toBe(true)
      const placeholders = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1])
      expect(op.pathParams, op.operationId).toEqual(placeholders)
      expect(op.scopes?.length, op.operationId).toBeGreaterThan(0)
      expect(op.request === undefined || op.method === 'POST', op.operationId).toBe(true)
    }
  })

  it('names only schema files that exist and compile, in both modes', () => {
    const tolerant = loadContract()
    const strict = loadContract({ strictExtraFields: true })
    for (const op of OPS) {
      for (const schema of schemasOf(op)) {
        expect(existsSync(join(DIR, `${schema}.schema.json`)), `${op.operationId}: ${schema}`).toBe(
          true,
        )
        expect(() => tolerant.validator('revenuecat', schema)).not.toThrow()
        expect(() => strict.validator('revenuecat', schema)).not.toThrow()
      }
    }
  })

  it('documents 401, 403, 404 and 429 on every operation, each with its error schema', () => {
    for (const op of OPS) {
      for (const status of ['401', '403', '404', '429']) {
        expect(op.responses[status], `${op.operationId} ${status}`).toMatchObject({
          kind: 'json',
          schema: ERROR_SCHEMAS[status],
          contentType: 'application/json',
        })
      }
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue
        expect(response, `${op.operationId} ${status}`).toMatchObject({
          schema: ERROR_SCHEMAS[status],
        })
      }
    }
  })

  it('puts both rate-limit headers on every success, and Retry-After on 429 only', () => {
    for (const op of OPS) {
      const statuses = Object.keys(op.responses)
      const successes = statuses.filter((s) => s.startsWith('2'))
      // get-invoice answers with a redirect only.
      expect(successes.length > 0 || op.operationId === 'get-invoice', op.operationId).toBe(true)
      for (const status of successes) {
        expect(op.responses[status]?.headers, `${op.operationId} ${status}`).toEqual(
          RATE_LIMIT_HEADERS,
        )
      }
      expect(op.responses['429']?.headers).toEqual([
        ...RATE_LIMIT_HEADERS,
        { name: 'retry-after', required: true, type: 'integer' },
      ])
      for (const status of statuses.filter((s) => s !== '429')) {
        const names = (op.responses[status]?.headers ?? []).map((h) => h.name)
        expect(names, `${op.operationId} ${status}`).not.toContain('retry-after')
      }
    }
  })

  it('documents the statuses without a JSON body as the spec does (R-13; the beta ones, S-51)', () => {
    const bodyless = OPS.flatMap((op) =>
      Object.entries(op.responses)
        .filter(([, r]) => r.kind !== 'json')
        .map(([status, r]) => [op.operationId, status, r]),
    )
    expect(bodyless).toEqual([
      ['assign-customer-offering', '200', { kind: 'empty', headers: RATE_LIMIT_HEADERS }],
      ['block-customer', '200', { kind: 'empty', headers: RATE_LIMIT_HEADERS }],
      ['unblock-customer', '204', { kind: 'empty', headers: RATE_LIMIT_HEADERS }],
      [
        'get-invoice',
        '302',
        { kind: 'undocumented', headers: [{ name: 'location', required: false, type: 'string' }] },
      ],
    ])
  })

  it('uses no discriminator in any response schema, so --strict checks them all (R-10)', () => {
    const withDiscriminator = new Set<string>()
    for (const op of OPS) {
      for (const [, response] of Object.entries(op.responses)) {
        if (response.kind !== 'json') continue
        for (const stem of reachable(response.schema)) {
          if (readFileSync(join(DIR, `${stem}.schema.json`), 'utf8').includes('"discriminator"')) {
            withDiscriminator.add(`${op.operationId}: ${stem}`)
          }
        }
      }
    }
    expect([...withDiscriminator]).toEqual([])
  })
})
