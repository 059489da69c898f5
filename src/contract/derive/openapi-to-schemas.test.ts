import { describe, expect, it } from 'vitest'
import {
  deriveOperationSchemas,
  inlineSchemaStem,
  responseComponentStem,
  toStructuralSchema,
} from './openapi-to-schemas.ts'

describe('toStructuralSchema', () => {
  it('drops prose and keeps structure', () => {
    const node = {
      description: 'words',
      example: 'x',
      title: 'T',
      default: 20,
      deprecated: true,
      type: 'string',
      maxLength: 5,
    }
    expect(toStructuralSchema(node)).toEqual({ type: 'string', maxLength: 5 })
  })

  it('lists null once in a nullable enum that lists it already', () => {
    const node = { type: 'string', nullable: true, enum: ['production', 'sandbox', null] }
    expect(toStructuralSchema(node)).toEqual({
      type: ['string', 'null'],
      enum: ['production', 'sandbox', null],
    })
  })

  it('gives a schema without type the one type its keywords apply to', () => {
    expect(toStructuralSchema({ required: ['a'], properties: { a: { type: 'string' } } })).toEqual({
      type: 'object',
      required: ['a'],
      properties: { a: { type: 'string' } },
    })
    expect(toStructuralSchema({ nullable: true, properties: { a: { type: 'integer' } } })).toEqual({
      type: ['object', 'null'],
      properties: { a: { type: 'integer' } },
    })
    expect(
      toStructuralSchema({
        minLength: 1,
        oneOf: [{ $ref: '#/components/schemas/A' }, { $ref: '#/components/schemas/B' }],
      }),
    ).toMatchObject({ type: 'string', minLength: 1 })
    // Keywords of two types, or a $ref, say nothing about one type.
    expect(toStructuralSchema({ maxLength: 1, maxItems: 2 })).not.toHaveProperty('type')
  })

  it('reads a composition of one schema as that schema', () => {
    const ref = { $ref: '#/components/schemas/MonetaryAmount' }
    for (const key of ['allOf', 'oneOf', 'anyOf']) {
      expect(toStructuralSchema({ description: 'x', nullable: false, [key]: [ref] })).toEqual({
        $ref: 'monetary-amount.schema.json',
      })
    }
  })

  it('reads nullable beside a $ref as that schema or null', () => {
    expect(toStructuralSchema({ nullable: true, $ref: '#/components/schemas/Country' })).toEqual({
      anyOf: [{ $ref: 'country.schema.json' }, { type: 'null' }],
    })
  })

  it('keeps a discriminator’s property name only', () => {
    const node = {
      oneOf: [{ $ref: '#/components/schemas/A' }],
      discriminator: { propertyName: 'type', mapping: { a: '#/components/schemas/A' } },
    }
    expect(toStructuralSchema(node)).toMatchObject({ discriminator: { propertyName: 'type' } })
  })
})

describe('deriveOperationSchemas', () => {
  const json = (schema: unknown) => ({ content: { 'application/json': { schema } } })
  const doc = {
    paths: {
      '/things': {
        parameters: [],
        post: {
          operationId: 'create-thing',
          requestBody: json({ type: 'object', properties: { a: { type: 'string' } } }),
          responses: {
            '201': json({ type: 'object', properties: { b: { type: 'integer' } } }),
            '404': { $ref: '#/components/responses/NotFound' },
          },
        },
        get: {
          operationId: 'list-things',
          responses: { '200': json({ $ref: '#/components/schemas/Things' }) },
        },
      },
    },
    components: {
      responses: {
        NotFound: json({ allOf: [{ $ref: '#/components/schemas/Error' }] }),
        InternalError: json({ $ref: '#/components/schemas/Error' }),
        Empty: { description: 'nothing' },
      },
    },
  }

  it('names reusable responses and inline bodies, and derives nothing for $ref bodies', () => {
    const schemas = deriveOperationSchemas(doc, 'demo', 'c', new Set())
    expect([...schemas.keys()]).toEqual([
      'error-not-found',
      'error-internal',
      'create-thing-request',
      'create-thing-response',
    ])
    expect(schemas.get('create-thing-request')).toMatchObject({
      $id: 'https://schemas.subcontract.invalid/demo/create-thing-request.schema.json',
      type: 'object',
    })
    expect(schemas.get('error-internal')).toMatchObject({ $ref: 'error.schema.json' })
  })

  it('refuses two schemas with one name', () => {
    expect(() =>
      deriveOperationSchemas(doc, 'demo', 'c', new Set(['create-thing-request'])),
    ).toThrow(/two schemas would be named "create-thing-request"/)
  })

  it('derives the stems it documents', () => {
    expect(responseComponentStem('RateLimited')).toBe('error-rate-limited')
    expect(responseComponentStem('InternalError')).toBe('error-internal')
    expect(responseComponentStem('UnprocessableEntity')).toBe('error-unprocessable-entity')
    expect(inlineSchemaStem('list-paywalls', 'response')).toBe('list-paywalls-response')
  })
})
