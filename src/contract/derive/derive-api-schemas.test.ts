import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadContract } from '../load-schemas.ts'
import { deriveApiSchemas, writeSchemas } from './derive-api-schemas.ts'
import type { SchemaDecision } from './schema-decision.ts'

// A vendor spec that closes a record, bounds its property count, and has a map beside it.
const SPEC = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths: {}
components:
  schemas:
    Thing:
      type: object
      additionalProperties: false
      maxProperties: 2
      required: [name]
      properties:
        name: { type: string }
        size: { type: integer }
        tags: { $ref: '#/components/schemas/Tags' }
    Tags:
      type: object
      maxProperties: 2
      additionalProperties: { type: string }
`

function derived(decisions: readonly SchemaDecision[] = []): {
  files: Map<string, string>
  root: string
} {
  const dir = mkdtempSync(join(tmpdir(), 'subcontract-derive-'))
  const spec = join(dir, 'openapi.yaml')
  writeFileSync(spec, SPEC)
  const files = deriveApiSchemas('revenuecat', spec, decisions)
  mkdirSync(join(dir, 'schemas', 'revenuecat'), { recursive: true })
  writeSchemas(join(dir, 'schemas', 'revenuecat'), files)
  return { files, root: join(dir, 'schemas') }
}

describe('deriveApiSchemas', () => {
  it('drops what closes a record, so a re-derivation stays tolerant', () => {
    const thing = JSON.parse(derived().files.get('thing.schema.json') ?? '{}')
    expect(thing).not.toHaveProperty('additionalProperties')
    expect(thing).not.toHaveProperty('maxProperties')
    expect(thing.required).toEqual(['name'])
  })

  it('applies the decisions it is given, in order, before reopening records', () => {
    const seen: string[] = []
    const decisions: SchemaDecision[] = [
      {
        id: 'T-1',
        apply: (schemas) => {
          seen.push('T-1')
          const thing = schemas.get('thing') ?? {}
          thing.required = ['name', 'size']
          thing.additionalProperties = false
        },
      },
      { id: 'T-2', apply: () => seen.push('T-2') },
    ]
    const thing = JSON.parse(derived(decisions).files.get('thing.schema.json') ?? '{}')
    expect(seen).toEqual(['T-1', 'T-2'])
    expect(thing.required).toEqual(['name', 'size'])
    expect(thing).not.toHaveProperty('additionalProperties')
  })

  it('keeps a map as a map, with its value schema and its bound', () => {
    const tags = JSON.parse(derived().files.get('tags.schema.json') ?? '{}')
    expect(tags).toMatchObject({ additionalProperties: { type: 'string' }, maxProperties: 2 })
  })

  it('derives a record that accepts an added field by default and rejects it with --strict', () => {
    const { root } = derived()
    const body = { name: 'a', size: 1, tags: { x: 'y' }, added: true }
    const tolerant = loadContract({ schemaRoot: root }).validator('revenuecat', 'thing')
    expect(tolerant(body), JSON.stringify(tolerant.errors)).toBe(true)
    const strict = loadContract({ schemaRoot: root, strictExtraFields: true }).validator(
      'revenuecat',
      'thing',
    )
    expect(strict(body)).toBe(false)
    expect(strict.errors).toContainEqual(
      expect.objectContaining({
        keyword: 'unevaluatedProperties',
        params: { unevaluatedProperty: 'added' },
      }),
    )
    expect(strict({ name: 'a', tags: { x: 'y', z: 'w' } })).toBe(true)
    expect(tolerant({ name: 'a', tags: { x: 'y', z: 'w', v: 'u' } })).toBe(false)
  })
})
