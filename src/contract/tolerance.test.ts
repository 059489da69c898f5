// Properties of the contract as a whole, over every documented response body of every operation:
// an unknown property at any object passes by default and fails --strict at that object; another
// key order passes both; a breaking change fails with its pointer and the received value.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ADAPTY_OPERATIONS } from '../apis/adapty/operations.ts'
import { type Exchange, parseBody } from '../exchange.ts'
import { preview } from '../redact/redact.ts'
import type { Operation } from '../registry/types.ts'
import { type Contract, loadContract, SCHEMA_ROOT } from './load-schemas.ts'
import { type ObjectLocation, readSchemas, type Sample, samples } from './sample-bodies.ts'
import { validateExchange } from './validate-exchange.ts'

const SEED = 42

/** One documented JSON response: an operation, a status and its schema. */
interface Documented {
  op: Operation
  status: number
  schema: string
  contentType: string
}

const DOCUMENTED: Documented[] = ADAPTY_OPERATIONS.flatMap((op) =>
  Object.entries(op.responses).flatMap(([status, body]) =>
    body.kind === 'json'
      ? [{ op, status: Number(status), schema: body.schema, contentType: body.contentType }]
      : [],
  ),
)

function exchangeOf(doc: Documented, body: unknown): Exchange {
  const bodyText = JSON.stringify(body)
  return {
    api: doc.op.api,
    operationId: doc.op.operationId,
    request: { method: doc.op.method, url: `http://127.0.0.1${doc.op.path}`, headers: {} },
    response: {
      status: doc.status,
      headers: { 'content-type': doc.contentType },
      bodyText,
      ...parseBody(bodyText),
    },
    durationMs: 1,
    attempts: 1,
  }
}

function at(body: unknown, pointer: string): Record<string, unknown> {
  let node = body
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    node = (node as Record<string, unknown>)[key]
  }
  return node as Record<string, unknown>
}

const clone = <T>(value: T): T => structuredClone(value)
const label = (doc: Documented) => `${doc.op.operationId} → ${doc.status} (${doc.schema})`

/** Every sample body of every documented response, checked valid in both modes first. */
function samplesOf(doc: Documented, root = SCHEMA_ROOT): Sample[] {
  const schemas = readSchemas(doc.op.api, root)
  return samples(schemas, { $ref: `${doc.schema}.schema.json` })
}

/** A property name the object does not have (fast-check picks it), and any JSON value. */
const unknownProperty = (location: Record<string, unknown>) =>
  fc.record({
    name: fc
      .string({ minLength: 1, maxLength: 16 })
      .filter((name) => !Object.hasOwn(location, name) && name !== '__proto__'),
    value: fc.jsonValue({ maxDepth: 2 }),
  })

/**
 * The additive property, for one documented response: at every record of every sample, an
 * unknown property passes the default contract and fails the strict one, at that pointer.
 */
function assertTolerant(doc: Documented, tolerant: Contract, strict: Contract, root?: string) {
  for (const sample of samplesOf(doc, root)) {
    for (const location of sample.objects.filter((o) => o.kind === 'record')) {
      fc.assert(
        fc.property(unknownProperty(at(sample.value, location.pointer)), ({ name, value }) => {
          const body = clone(sample.value)
          Object.defineProperty(at(body, location.pointer), name, {
            value,
            enumerable: true,
            writable: true,
            configurable: true,
          })
          const where = `${label(doc)} at ${location.pointer || '(root)'} + ${JSON.stringify(name)}`
          expect(
            validateExchange(tolerant, doc.op, exchangeOf(doc, body), doc.status),
            where,
          ).toEqual([])
          // Strict names the added property at its object, and nothing else.
          expect(
            validateExchange(strict, doc.op, exchangeOf(doc, body), doc.status),
            where,
          ).toEqual([
            expect.objectContaining({
              check: 'response-schema',
              keyword: 'unevaluatedProperties',
              pointer: location.pointer,
              expected: `no property "${name}" (strict extra-field mode)`,
            }),
          ])
        }),
        { seed: SEED, numRuns: 15, includeErrorInReport: true },
      )
    }
  }
}

const tolerant = loadContract()
const strict = loadContract({ strictExtraFields: true })

describe('every documented response body', () => {
  it('is sampled: at least one body per documented JSON response', () => {
    expect(DOCUMENTED.length).toBeGreaterThan(50)
    for (const doc of DOCUMENTED) expect(samplesOf(doc).length, label(doc)).toBeGreaterThan(0)
  })

  it.each(DOCUMENTED.map((doc) => [label(doc), doc] as const))(
    'samples of %s are valid in both modes',
    (_, doc) => {
      for (const sample of samplesOf(doc)) {
        expect(
          validateExchange(tolerant, doc.op, exchangeOf(doc, sample.value), doc.status),
        ).toEqual([])
        expect(validateExchange(strict, doc.op, exchangeOf(doc, sample.value), doc.status)).toEqual(
          [],
        )
      }
    },
  )

  it.each(DOCUMENTED.map((doc) => [label(doc), doc] as const))(
    '%s: an unknown property at any object passes by default and fails --strict there',
    (_, doc) => assertTolerant(doc, tolerant, strict),
  )

  it.each(DOCUMENTED.map((doc) => [label(doc), doc] as const))(
    '%s: another key order passes in both modes',
    (_, doc) => {
      for (const sample of samplesOf(doc)) {
        fc.assert(
          fc.property(fc.gen(), (g) => {
            const shuffle = (node: unknown): unknown => {
              if (Array.isArray(node)) return node.map(shuffle)
              if (typeof node !== 'object' || node === null) return node
              const keys = Object.keys(node)
              const order = g(fc.shuffledSubarray, keys, {
                minLength: keys.length,
                maxLength: keys.length,
              })
              return Object.fromEntries(
                order.map((k) => [k, shuffle((node as Record<string, unknown>)[k])]),
              )
            }
            const body = shuffle(sample.value)
            expect(validateExchange(tolerant, doc.op, exchangeOf(doc, body), doc.status)).toEqual(
              [],
            )
            expect(validateExchange(strict, doc.op, exchangeOf(doc, body), doc.status)).toEqual([])
          }),
          { seed: SEED, numRuns: 10, includeErrorInReport: true },
        )
      }
    },
  )

  it.each(DOCUMENTED.map((doc) => [label(doc), doc] as const))(
    '%s: a missing required property fails in both modes, naming its pointer',
    (_, doc) => {
      for (const sample of samplesOf(doc)) {
        for (const location of records(sample)) {
          for (const name of location.required) {
            const body = clone(sample.value)
            delete at(body, location.pointer)[name]
            const pointer = `${location.pointer}/${name}`
            for (const contract of [tolerant, strict]) {
              expect(
                validateExchange(contract, doc.op, exchangeOf(doc, body), doc.status),
                `${label(doc)} without ${pointer}`,
              ).toContainEqual(
                expect.objectContaining({ keyword: 'required', pointer, value: 'absent' }),
              )
            }
          }
        }
      }
    },
  )

  it.each(DOCUMENTED.map((doc) => [label(doc), doc] as const))(
    '%s: a value of another type fails in both modes, naming its pointer and the value',
    (_, doc) => {
      for (const sample of samplesOf(doc)) {
        for (const location of records(sample)) {
          for (const [name, schema] of Object.entries(location.properties)) {
            const allowed = allowedTypes(schema)
            if (allowed === undefined) continue
            fc.assert(
              fc.property(
                anyJson.filter((v) => !allowed.has(jsonType(v))),
                (wrong) => {
                  const body = clone(sample.value)
                  at(body, location.pointer)[name] = wrong
                  const pointer = `${location.pointer}/${name}`
                  for (const contract of [tolerant, strict]) {
                    expect(
                      validateExchange(contract, doc.op, exchangeOf(doc, body), doc.status),
                      `${label(doc)} with ${pointer} = ${JSON.stringify(wrong)}`,
                    ).toContainEqual(expect.objectContaining({ pointer, value: preview(wrong) }))
                  }
                },
              ),
              { seed: SEED, numRuns: 5, includeErrorInReport: true },
            )
          }
        }
      }
    },
  )
})

const records = (sample: Sample): ObjectLocation[] =>
  sample.objects.filter((o) => o.kind === 'record')

const anyJson = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
)

function jsonType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

/** The JSON types a property allows, or undefined when the schema does not say plainly. */
function allowedTypes(schema: Record<string, unknown>): Set<string> | undefined {
  const branches = (schema.anyOf ?? schema.oneOf) as Record<string, unknown>[] | undefined
  const nodes = branches ?? [schema]
  const out = new Set<string>()
  for (const node of nodes) {
    const resolved =
      typeof node.$ref === 'string'
        ? (JSON.parse(readFileSync(join(SCHEMA_ROOT, 'adapty', node.$ref), 'utf8')) as Record<
            string,
            unknown
          >)
        : node
    if (resolved.type === undefined) return undefined
    for (const t of [resolved.type].flat() as string[]) out.add(t)
  }
  // A number allows integers; JSON has no separate integer type.
  if (out.has('number')) out.add('integer')
  return out
}

describe('the tolerance property itself', () => {
  it('fails on a contract that closes an object, naming the operation and the pointer', () => {
    const root = mkdtempSync(join(tmpdir(), 'subcontract-closed-'))
    cpSync(SCHEMA_ROOT, root, { recursive: true })
    const file = join(root, 'adapty', 'refund-saver-settings-response.schema.json')
    const schema = JSON.parse(readFileSync(file, 'utf8'))
    writeFileSync(file, JSON.stringify({ ...schema, additionalProperties: false }))
    const closed = loadContract({ schemaRoot: root })
    const closedStrict = loadContract({ schemaRoot: root, strictExtraFields: true })
    const doc = DOCUMENTED.find(
      (d) => d.op.operationId === 'getRefundSaverSettings' && d.status === 200,
    ) as Documented
    expect(() => assertTolerant(doc, closed, closedStrict, root)).toThrow(
      /getRefundSaverSettings → 200 \(refund-saver-settings-response\) at \(root\)/,
    )
  })
})
