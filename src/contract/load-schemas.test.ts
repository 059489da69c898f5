import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadContract } from './load-schemas.ts'

function schemaRoot(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'subcontract-schemas-'))
  mkdirSync(join(root, 'adapty'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'adapty', name), text)
  return root
}

const id = (stem: string) => `https://schemas.subcontract.invalid/adapty/${stem}.schema.json`

describe('loadContract', () => {
  it('compiles every committed schema', () => {
    const contract = loadContract()
    expect(contract.validator('adapty', 'profile-response')).toBeTypeOf('function')
  })

  it('checks date-times, dates and URIs in full, the same on every call (answers are remembered)', () => {
    const root = schemaRoot({
      'stamp.schema.json': JSON.stringify({
        $id: id('stamp'),
        type: 'object',
        properties: {
          at: { type: 'string', format: 'date-time' },
          on: { type: 'string', format: 'date' },
          link: { type: 'string', format: 'uri' },
        },
      }),
    })
    const contract = loadContract({ schemaRoot: root })
    const verdicts = (value: object) =>
      [1, 2, 3].map(() => contract.errors('adapty', 'stamp', value).map((e) => e.instancePath))
    expect(
      verdicts({ at: '2026-02-28T23:59:59Z', on: '2024-02-29', link: 'https://x.test/a' }),
    ).toEqual([[], [], []])
    // Full mode, not a regex alone: no 30 February, no 2023-02-29, no relative URI.
    expect(verdicts({ at: '2026-02-30T00:00:00Z' })).toEqual([['/at'], ['/at'], ['/at']])
    expect(verdicts({ on: '2023-02-29' })).toEqual([['/on'], ['/on'], ['/on']])
    expect(verdicts({ link: 'no-scheme' })).toEqual([['/link'], ['/link'], ['/link']])
  })

  it('fails loudly on a schema with an invalid type: at load when eager, at first use otherwise', () => {
    const root = schemaRoot({
      'bad.schema.json': JSON.stringify({ $id: id('bad'), type: 'strin' }),
    })
    expect(() => loadContract({ schemaRoot: root, compile: 'all' })).toThrow(
      /Failed to compile schema adapty\/bad/,
    )
    const onUse = loadContract({ schemaRoot: root })
    expect(() => onUse.validator('adapty', 'bad')).toThrow(/Failed to compile schema adapty\/bad/)
  })

  it('fails loudly on an unknown keyword instead of ignoring it', () => {
    const root = schemaRoot({
      'typo.schema.json': JSON.stringify({ $id: id('typo'), requird: ['x'] }),
    })
    expect(() => loadContract({ schemaRoot: root, compile: 'all' })).toThrow(/unknown keyword/)
    // Compiled on use, it fails at its first use: never skipped.
    const lazy = loadContract({ schemaRoot: root })
    expect(() => lazy.validator('adapty', 'typo')).toThrow(/unknown keyword/)
  })

  it('fails loudly on a dangling $ref', () => {
    const root = schemaRoot({
      'ref.schema.json': JSON.stringify({ $id: id('ref'), $ref: 'missing.schema.json' }),
    })
    expect(() => loadContract({ schemaRoot: root, compile: 'all' })).toThrow(
      /Failed to compile schema adapty\/ref/,
    )
    const lazy = loadContract({ schemaRoot: root })
    expect(() => lazy.errors('adapty', 'ref', {})).toThrow(/Failed to compile schema adapty\/ref/)
  })

  it('fails on a file that is not JSON, naming the file', () => {
    const root = schemaRoot({ 'broken.schema.json': '{ nope' })
    expect(() => loadContract({ schemaRoot: root })).toThrow(/broken\.schema\.json: not JSON/)
  })

  it('strict mode closes an object that lists no property, and leaves a map open', () => {
    const root = schemaRoot({
      'free.schema.json': JSON.stringify({
        $id: id('free'),
        type: 'object',
        properties: {
          data: { type: ['object', 'null'] },
          tags: { type: 'object', additionalProperties: { type: 'string' } },
        },
      }),
    })
    const tolerant = loadContract({ schemaRoot: root }).validator('adapty', 'free')
    const strict = loadContract({ schemaRoot: root, strictExtraFields: true }).validator(
      'adapty',
      'free',
    )
    const body = { data: { added: 1 }, tags: { any: 'key' } }
    expect(tolerant(body)).toBe(true)
    expect(strict(body)).toBe(false)
    expect(strict.errors).toContainEqual(
      expect.objectContaining({ instancePath: '/data', keyword: 'unevaluatedProperties' }),
    )
    expect(strict({ data: null, tags: { any: 'key' } })).toBe(true)
  })

  it('strict mode closes an object at its outermost schema, not inside its branches', () => {
    const root = schemaRoot({
      'branches.schema.json': JSON.stringify({
        $id: id('branches'),
        type: 'object',
        properties: { kind: { type: 'string' } },
        required: ['kind'],
        anyOf: [
          { properties: { size: { type: 'integer' } }, required: ['size'] },
          { properties: { name: { type: 'string' } }, required: ['name'] },
        ],
      }),
    })
    const strict = loadContract({ schemaRoot: root, strictExtraFields: true }).validator(
      'adapty',
      'branches',
    )
    expect(strict({ kind: 'a', size: 1 }), JSON.stringify(strict.errors)).toBe(true)
    expect(strict({ kind: 'b', name: 'x' })).toBe(true)
    expect(strict({ kind: 'a', size: 1, added: true })).toBe(false)
    expect(strict.errors).toEqual([
      expect.objectContaining({
        instancePath: '',
        keyword: 'unevaluatedProperties',
        params: { unevaluatedProperty: 'added' },
      }),
    ])
  })

  it('fails with a hint when a registry schema has no file', () => {
    expect(() => loadContract().validator('adapty', 'no-such-schema')).toThrow(
      /no file fixtures\/schemas\/adapty\/no-such-schema/,
    )
  })
})
