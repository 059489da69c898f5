import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fieldCoverageGate, parseMinFieldCoverage } from '../cli/regression.ts'
import { coverageModel } from '../contract/field-coverage.ts'
import type { Operation } from '../registry/types.ts'
import {
  ALLOW_FILE,
  type AllowEntry,
  allowListOf,
  belowFieldCoverage,
  fieldCoverageOf,
} from './field-coverage.ts'
import type { ExchangeSummary } from './run-result.ts'
import type { Summary } from './summary.ts'

const id = (stem: string) => `https://schemas.subcontract.invalid/adapty/${stem}.schema.json`

/** A schema folder with a pet body (3 present items, a nullable, an enum of 2) and an error body. */
function root(allow?: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'subcontract-field-report-'))
  mkdirSync(join(dir, 'adapty'))
  const write = (stem: string, schema: object) =>
    writeFileSync(
      join(dir, 'adapty', `${stem}.schema.json`),
      JSON.stringify({ $id: id(stem), ...schema }),
    )
  write('pet', {
    type: 'object',
    properties: {
      name: { type: 'string' },
      owner: { type: ['string', 'null'] },
      kind: { enum: ['cat', 'dog'] },
    },
  })
  write('oops', { type: 'object', properties: { message: { type: 'string' } } })
  if (allow !== undefined) writeFileSync(join(dir, 'adapty', ALLOW_FILE), JSON.stringify(allow))
  return dir
}

const OP = {
  api: 'adapty',
  operationId: 'getPet',
  responses: {
    '200': { kind: 'json', schema: 'pet', contentType: 'application/json' },
    '404': { kind: 'json', schema: 'oops', contentType: 'application/json' },
    '500': { kind: 'empty' },
  },
} as unknown as Operation

function exchange(status: number, fields?: number[]): ExchangeSummary {
  return {
    api: 'adapty',
    operationId: 'getPet',
    status,
    durationMs: 1,
    ...(fields === undefined ? {} : { fields }),
  }
}

describe('fieldCoverageOf', () => {
  it('adds up what the checked responses showed, per documented JSON status', () => {
    const dir = root()
    const model = coverageModel('adapty', 'pet', dir)
    const body = model.seen({ name: 'Rex', owner: null, kind: 'dog' })
    const coverage = fieldCoverageOf(OP, [exchange(200, body)], [], dir)
    expect(model.items).toHaveLength(6)
    expect(coverage?.statuses.map((s) => [s.status, s.seen, s.documented, s.exercised])).toEqual([
      ['200', 4, 6, true],
      ['404', 0, 1, false],
    ])
    expect(coverage?.statuses[0]?.unseen).toEqual(['/owner non-null', '/kind = "cat"'])
    // Never exercised: all of it is unseen, and the list is not repeated.
    expect(coverage?.statuses[1]?.unseen).toEqual([])
    expect(coverage?.ratio).toBe(Math.floor((4 / 7) * 10_000) / 10_000)
  })

  it('joins what several responses showed, and ignores other operations and statuses', () => {
    const dir = root()
    const model = coverageModel('adapty', 'pet', dir)
    const coverage = fieldCoverageOf(
      OP,
      [
        exchange(200, model.seen({ name: 'a', owner: 'me', kind: 'cat' })),
        exchange(200, model.seen({ kind: 'dog' })),
        { ...exchange(200, [0, 1, 2, 3, 4, 5]), operationId: 'otherOp' },
        exchange(404, coverageModel('adapty', 'oops', dir).seen({ message: 'gone' })),
      ],
      [],
      dir,
    )
    expect(coverage?.statuses.map((s) => [s.status, s.ratio, s.unseen])).toEqual([
      ['200', 1, []],
      ['404', 1, []],
    ])
    expect(coverage?.ratio).toBe(1)
  })

  it('excuses allow-listed items: neither seen nor missing', () => {
    const dir = root()
    const allow: AllowEntry[] = [
      {
        operation: 'getPet',
        status: '200',
        item: '/owner non-null',
        reason: 'no pet has an owner',
      },
      { operation: '*', status: '404', item: '*', reason: 'no input makes a 404' },
    ]
    const model = coverageModel('adapty', 'pet', dir)
    const coverage = fieldCoverageOf(
      OP,
      [exchange(200, model.seen({ name: 'a', owner: null, kind: 'cat' }))],
      allow,
      dir,
    )
    expect(coverage?.statuses.map((s) => [s.status, s.seen, s.allowed, s.ratio, s.unseen])).toEqual(
      [
        ['200', 4, 1, 0.8, ['/kind = "dog"']],
        ['404', 0, 1, 1, []],
      ],
    )
  })

  it('takes lists of operations, statuses and items, and an item prefix ending in …', () => {
    const dir = root()
    const allow: AllowEntry[] = [
      {
        operation: ['otherOp', 'getPet'],
        status: ['200', '201'],
        item: ['/kind…'],
        reason: 'kinds vary',
      },
      { operation: 'getPet', status: '200', item: ['/owner non-null'], reason: 'no owners' },
    ]
    const coverage = fieldCoverageOf(OP, [exchange(200, [])], allow, dir)
    expect(coverage?.statuses[0]).toMatchObject({
      status: '200',
      allowed: 4,
      unseen: ['/name present', '/owner present'],
    })
  })

  it('has no field coverage for an operation without a JSON body', () => {
    const empty = { ...OP, responses: { '204': { kind: 'empty' } } } as unknown as Operation
    expect(fieldCoverageOf(empty, [], [], root())).toBeUndefined()
  })
})

describe('the allow-list file', () => {
  it('is empty when the API has none', () => {
    expect(allowListOf('adapty', root())).toEqual([])
  })

  it('is read from beside the schemas', () => {
    const entry = { operation: '*', status: '500', item: '*', reason: 'no input makes a 500' }
    expect(allowListOf('adapty', root({ allowed: [entry] }))).toEqual([entry])
  })

  it('refuses an entry without a reason, naming the file and the entry', () => {
    const dir = root({ allowed: [{ operation: '*', status: '500', item: '*', reason: ' ' }] })
    expect(() => allowListOf('adapty', dir)).toThrow(
      new RegExp(`${ALLOW_FILE} entry 0 is not \\{ operation, status, item, reason \\}`),
    )
  })
})

describe('the --min-field-coverage gate', () => {
  const ops = [
    {
      api: 'adapty',
      operationId: 'full',
      fieldCoverage: { ratio: 1, seen: 3, documented: 3, allowed: 0, statuses: [] },
    },
    {
      api: 'adapty',
      operationId: 'half',
      fieldCoverage: {
        ratio: 0.5,
        seen: 1,
        documented: 2,
        allowed: 0,
        statuses: [
          {
            status: '200',
            schema: 'pet',
            documented: 2,
            seen: 1,
            allowed: 0,
            ratio: 0.5,
            exercised: true,
            unseen: ['/kind = "cat"'],
          },
          // Never exercised, but allow-listed whole: not what keeps the operation below.
          {
            status: '500',
            schema: 'error',
            documented: 3,
            seen: 0,
            allowed: 3,
            ratio: 1,
            exercised: false,
            unseen: [],
          },
        ],
      },
    },
    { api: 'adapty', operationId: 'none' },
  ]

  it('names the operations below the share, worst first, with what they did not show', () => {
    expect(belowFieldCoverage(ops, 1)).toEqual([
      'adapty.half 50.0% (1/2 seen; unseen: 200 /kind = "cat")',
    ])
    expect(belowFieldCoverage(ops, 0.5)).toEqual([])
  })

  it('fails the run below the share and passes it at or above it (and without the flag)', () => {
    const lines: string[] = []
    const summary = { operations: ops } as unknown as Summary
    const red = (text: string | number | null | undefined) => String(text)
    expect(fieldCoverageGate(summary, 1, (l) => lines.push(l), { red })).toBe(1)
    expect(lines[0]).toBe(
      'Field coverage below 1: 1 operation(s), worst first (see fieldCoverage in summary.json, or the Fields column of report.html):',
    )
    expect(lines[1]).toBe('  adapty.half 50.0% (1/2 seen; unseen: 200 /kind = "cat")')
    expect(lines.at(-1)).toContain('field-coverage-allow.json')
    expect(fieldCoverageGate(summary, 0.5, () => {}, { red })).toBe(0)
    expect(fieldCoverageGate(summary, undefined, () => {}, { red })).toBe(0)
  })

  it.each(['', 'x', '-0.1', '1.5', 'NaN'])('refuses --min-field-coverage %j', (value) => {
    expect(() => parseMinFieldCoverage(value)).toThrow('is not a number from 0 to 1')
  })

  it('reads a share', () => {
    expect(parseMinFieldCoverage('0.95')).toBe(0.95)
    expect(parseMinFieldCoverage('1')).toBe(1)
    expect(parseMinFieldCoverage(undefined)).toBeUndefined()
  })
})
