import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import {
  checkOperationsModule,
  deriveOperationsModule,
  mergeOperations,
  operationsFromSpec,
  renderOperationsModule,
  summaryOf,
} from './derive-operations.ts'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

// A small spec in RevenueCat's style; its prose must not reach the registry.
const SPEC = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /projects/{project_id}/things/{thing_id}:
    get:
      summary: Fetch one thing of yours
      description: Vendor words about a thing
      operationId: get-thing
      x-scopes: [things:read]
      x-domain: things
      x-release-status: public
      tags: [Thing]
      parameters:
      - { name: thing_id, in: path, required: true, schema: { type: string } }
      - { name: project_id, in: path, required: true, schema: { type: string, maxLength: 255 } }
      - { name: expand, in: query, schema: { type: array, items: { type: string, enum: [owner] } } }
      - { name: limit, in: query, schema: { type: integer, default: 20 } }
      - { name: Idempotency-Key, in: header, schema: { type: string } }
      responses:
        '200':
          description: Vendor words
          content: { application/json: { schema: { $ref: '#/components/schemas/Thing' } } }
          headers:
            Usage-Now: { $ref: '#/components/headers/Usage' }
        '404': { $ref: '#/components/responses/NotFound' }
        '429': { $ref: '#/components/responses/RateLimited' }
    post:
      operationId: update-thing
      x-release-status: public
      tags: [Thing]
      parameters:
      - { name: project_id, in: path, required: true, schema: { type: string } }
      - { name: thing_id, in: path, required: true, schema: { type: string } }
      requestBody:
        content: { application/json: { schema: { type: object } } }
      responses:
        '200': { description: x }
        '302': { description: x, headers: { location: { schema: { type: string } } } }
    delete:
      operationId: delete-thing
      x-release-status: beta
      tags: [Thing]
      parameters:
      - { name: project_id, in: path, required: true, schema: { type: string } }
      - { name: thing_id, in: path, required: true, schema: { type: string } }
      responses:
        '200': { description: x }
components:
  headers:
    Usage: { required: true, schema: { type: integer } }
    Retry: { required: true, schema: { type: integer } }
  responses:
    NotFound:
      description: x
      content: { application/json: { schema: { $ref: '#/components/schemas/Error' } } }
    RateLimited:
      description: x
      headers:
        Usage-Now: { $ref: '#/components/headers/Usage' }
        Retry-After: { $ref: '#/components/headers/Retry' }
      content: { application/json: { schema: { $ref: '#/components/schemas/Error' } } }
  schemas:
    Thing: { type: object }
    Error: { type: object }
`

const OPTIONS = {
  api: 'revenuecat',
  scopesExtension: 'x-scopes',
  rateLimitDomainExtension: 'x-domain',
  include: (op: Record<string, unknown>) => op['x-release-status'] === 'public',
} as const

describe('operationsFromSpec', () => {
  const ops = operationsFromSpec(parse(SPEC), OPTIONS)

  it('adds the kept operations of a second spec where it has them, with their labels', () => {
    const beta = {
      ...OPTIONS,
      include: (op: Record<string, unknown>) => op['x-release-status'] === 'beta',
      labels: () => ['beta'],
    }
    const merged = mergeOperations(ops, parse(SPEC), beta)
    expect(merged.map((op) => [op.operationId, op.labels])).toEqual([
      ['get-thing', []],
      ['update-thing', []],
      ['delete-thing', ['beta']],
    ])
    // An operation both specs keep is an error, not a duplicate.
    expect(() => mergeOperations(ops, parse(SPEC), OPTIONS)).toThrow(/in both specs/)
  })

  it('keeps the included operations in spec order, with structure only', () => {
    expect(ops.map((op) => op.operationId)).toEqual(['get-thing', 'update-thing'])
    expect(ops[0]).toEqual({
      api: 'revenuecat',
      operationId: 'get-thing',
      method: 'GET',
      path: '/projects/{project_id}/things/{thing_id}',
      tag: 'Thing',
      summary: 'Get thing',
      safety: 'read',
      labels: [],
      scopes: ['things:read'],
      rateLimitDomain: 'things',
      headers: [{ name: 'idempotency-key', required: false }],
      query: [
        { name: 'expand', required: false, type: 'array', enum: ['owner'] },
        { name: 'limit', required: false, type: 'integer' },
      ],
      pathParams: ['project_id', 'thing_id'],
      responses: {
        '200': {
          kind: 'json',
          schema: 'thing',
          contentType: 'application/json',
          headers: [{ name: 'usage-now', required: true, type: 'integer' }],
        },
        '404': { kind: 'json', schema: 'error-not-found', contentType: 'application/json' },
        '429': {
          kind: 'json',
          schema: 'error-rate-limited',
          contentType: 'application/json',
          headers: [
            { name: 'usage-now', required: true, type: 'integer' },
            { name: 'retry-after', required: true, type: 'integer' },
          ],
        },
      },
    })
  })

  it('names inline bodies by operationId and documents bodyless statuses', () => {
    expect(ops[1]).toMatchObject({
      safety: 'write',
      request: { contentType: 'application/json', schema: 'update-thing-request' },
      responses: {
        '200': { kind: 'empty' },
        '302': {
          kind: 'undocumented',
          headers: [{ name: 'location', required: false, type: 'string' }],
        },
      },
    })
    expect(ops[1]).not.toHaveProperty('scopes')
  })

  it('makes summaries from the operationId', () => {
    expect(summaryOf('list-paywalls')).toBe('List paywalls')
    expect(summaryOf('get-play-store-or-app-store-subscription-transactions')).toBe(
      'Get play store or app store subscription transactions',
    )
  })
})

describe('renderOperationsModule', () => {
  const doc = parse(SPEC)
  const text = renderOperationsModule(doc, operationsFromSpec(doc, OPTIONS), 'THINGS', 'Things.')

  it('writes one constant per reusable header and response, and no vendor prose', () => {
    expect(text).toContain('const USAGE: ResponseHeaderSpec')
    expect(text).toContain('const RATE_LIMITED: ResponseSpec')
    expect(text).toContain("'429': RATE_LIMITED")
    expect(text).toContain('export const THINGS: readonly Operation[]')
    expect(text).not.toMatch(/Fetch one thing|Vendor words/)
  })
})

describe('checkOperationsModule', () => {
  const dir = mkdtempSync(join(tmpdir(), 'subcontract-ops-'))
  const spec = join(dir, 'openapi.yaml')
  writeFileSync(spec, SPEC)
  const derived = deriveOperationsModule({
    specPath: spec,
    root: ROOT,
    filePath: 'src/apis/revenuecat/operations.ts',
    exportName: 'THINGS',
    title: 'Things.',
    operation: OPTIONS,
  })
  const file = join(dir, 'operations.ts')

  it('formats the module as biome does, and finds it up to date', () => {
    expect(derived.text).toMatch(/^ {2}\{\n {4}api: 'revenuecat',$/m)
    writeFileSync(file, derived.text)
    expect(checkOperationsModule(file, derived, derived.operations)).toEqual([])
  })

  it('lists the operations that differ, are missing or are not derived', () => {
    writeFileSync(file, `${derived.text}// edited\n`)
    const [first, second] = derived.operations
    if (first === undefined || second === undefined) throw new Error('two operations expected')
    const committed = [
      { ...first, path: '/elsewhere' },
      { ...second, operationId: 'old-thing' },
    ]
    expect(checkOperationsModule(file, derived, committed)).toEqual([
      'differs: get-thing (path)',
      'missing: update-thing',
      'not derived (remove it): old-thing',
    ])
    expect(checkOperationsModule(file, derived, [second, first])).toEqual([
      'differs: the order of the operations',
    ])
    expect(checkOperationsModule(file, derived, derived.operations)).toEqual([
      `differs: ${file} (text or formatting only)`,
    ])
    expect(checkOperationsModule(join(dir, 'none.ts'), derived, undefined)).toEqual([
      `missing: ${join(dir, 'none.ts')}`,
    ])
  })
})
