import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  type CoverageItem,
  type CoverageModel,
  coverageModel,
  describeItem,
} from './field-coverage.ts'
import { SCHEMA_ROOT } from './load-schemas.ts'
import { readSchemas, samples } from './sample-bodies.ts'

function schemaRoot(files: Record<string, object>): string {
  const root = mkdtempSync(join(tmpdir(), 'subcontract-coverage-'))
  mkdirSync(join(root, 'adapty'))
  for (const [stem, schema] of Object.entries(files)) {
    writeFileSync(join(root, 'adapty', `${stem}.schema.json`), JSON.stringify(schema))
  }
  return root
}

const id = (stem: string) => `https://schemas.subcontract.invalid/adapty/${stem}.schema.json`

/** The report lines of what a body shows, in item order. */
const shown = (model: CoverageModel, body: unknown) =>
  model.seen(body).map((index) => describeItem(model.items[index] as CoverageItem))

/** A shop: a nested object, an array of objects, a map, nullables, an enum, branches, a tree. */
const SHOP = {
  shop: {
    $id: id('shop'),
    type: 'object',
    properties: {
      owner: {
        type: 'object',
        properties: { name: { type: 'string' }, 'a/b~c': { type: 'integer' } },
      },
      items: {
        type: 'array',
        items: {
          type: 'object',
          properties: { sku: { type: 'string' }, qty: { type: 'integer' } },
        },
      },
      prices: { type: 'object', additionalProperties: { type: 'number' } },
      note: { type: ['string', 'null'] },
      store: { enum: ['app_store', 'play_store', null] },
      level: {
        oneOf: [{ $ref: 'gold.schema.json' }, { $ref: 'silver.schema.json' }, { type: 'null' }],
      },
      tree: { $ref: 'node.schema.json' },
    },
    required: ['owner'],
  },
  gold: {
    $id: id('gold'),
    type: 'object',
    properties: { kind: { const: 'gold' }, karat: { type: 'integer' } },
    required: ['kind'],
  },
  silver: {
    $id: id('silver'),
    type: 'object',
    properties: { kind: { const: 'silver' }, purity: { type: 'number' } },
    required: ['kind'],
  },
  node: {
    $id: id('node'),
    type: 'object',
    properties: {
      label: { type: 'string' },
      children: { type: 'array', items: { $ref: 'node.schema.json' } },
    },
  },
}

const SHOP_ITEMS = [
  '/owner present',
  '/owner/name present',
  '/owner/a~1b~0c present',
  '/items present',
  '/items/* present',
  '/items/*/sku present',
  '/items/*/qty present',
  '/prices present',
  '/prices/* present',
  '/note present',
  '/note non-null',
  '/store present',
  '/store non-null',
  '/store = "app_store"',
  '/store = "play_store"',
  '/level present',
  '/level non-null',
  '/level oneOf[0] gold',
  '/level oneOf[1] silver',
  '/level/kind present',
  '/level/karat present',
  '/level/purity present',
  '/tree present',
  '/tree/label present',
  '/tree/children present',
  '/tree/children/* present',
]

describe('coverageModel: items', () => {
  it('lists every documented location of a schema in walk order, once each', () => {
    const model = coverageModel('adapty', 'shop', schemaRoot(SHOP))
    expect(model.api).toBe('adapty')
    expect(model.schema).toBe('shop')
    expect(model.items.map(describeItem)).toEqual(SHOP_ITEMS)
  })

  it('keeps kinds and values apart: a value only for enums and branches', () => {
    const model = coverageModel('adapty', 'shop', schemaRoot(SHOP))
    expect(model.items.filter((item) => item.pointer === '/store')).toEqual([
      { pointer: '/store', kind: 'present' },
      { pointer: '/store', kind: 'non-null' },
      { pointer: '/store', kind: 'enum', value: '"app_store"' },
      { pointer: '/store', kind: 'enum', value: '"play_store"' },
    ])
    expect(model.items.filter((item) => item.kind === 'branch')).toEqual([
      { pointer: '/level', kind: 'branch', value: 'oneOf[0] gold' },
      { pointer: '/level', kind: 'branch', value: 'oneOf[1] silver' },
    ])
    expect(model.items.some((item) => 'value' in item && item.kind === 'present')).toBe(false)
  })

  it('walks allOf parts and inline anyOf branches at the same pointer, and branches at the root', () => {
    const root = schemaRoot({
      mixed: {
        $id: id('mixed'),
        allOf: [{ $ref: 'base.schema.json' }, { properties: { extra: { type: 'boolean' } } }],
        anyOf: [
          { type: 'object', properties: { a: { type: 'string' } } },
          { type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer' } } },
        ],
      },
      base: {
        $id: id('base'),
        type: 'object',
        properties: { id: { type: 'string' }, size: { enum: [1, 2] } },
      },
    })
    expect(coverageModel('adapty', 'mixed', root).items.map(describeItem)).toEqual([
      '/id present',
      '/size present',
      '/size = 1',
      '/size = 2',
      '/extra present',
      '(body) anyOf[0]',
      '(body) anyOf[1]',
      '/a present',
      '/b present',
    ])
  })

  it('lists the same items from the same files, wherever they are read from', () => {
    const first = coverageModel('adapty', 'shop', schemaRoot(SHOP))
    // The same files written in the opposite order: the folder's listing order does not matter.
    const reversed = Object.fromEntries(Object.entries(SHOP).reverse())
    const second = coverageModel('adapty', 'shop', schemaRoot(reversed))
    expect(second).not.toBe(first)
    expect(second.items).toEqual(first.items)
  })

  it('builds a model once per process and schema', () => {
    const root = schemaRoot(SHOP)
    expect(coverageModel('adapty', 'shop', root)).toBe(coverageModel('adapty', 'shop', root))
  })

  it('names the file when the schema is unknown or a $ref names no file', () => {
    const root = schemaRoot({
      dangling: {
        $id: id('dangling'),
        type: 'object',
        properties: { x: { $ref: 'missing.schema.json' } },
      },
    })
    expect(() => coverageModel('adapty', 'nope', root)).toThrow(
      /no schema adapty\/nope: no file .*adapty\/nope\.schema\.json/,
    )
    expect(() => coverageModel('adapty', 'dangling', root)).toThrow(
      /\$ref "missing\.schema\.json" in .*adapty\/dangling\.schema\.json at #\/properties\/x names no schema file/,
    )
  })

  it('refuses a keyword it does not understand, naming the file and the place', () => {
    const root = schemaRoot({
      tuple: { $id: id('tuple'), type: 'array', prefixItems: [{ type: 'string' }] },
    })
    expect(() => coverageModel('adapty', 'tuple', root)).toThrow(
      /unsupported keyword "prefixItems" in .*adapty\/tuple\.schema\.json at #$/,
    )
  })
})

describe('coverageModel: seen', () => {
  const model = () => coverageModel('adapty', 'shop', schemaRoot(SHOP))

  it('marks a property present when its key is there, even as null, and non-null only with a value', () => {
    const shop = model()
    expect(shown(shop, {})).toEqual([])
    expect(shown(shop, { note: null })).toEqual(['/note present'])
    expect(shown(shop, { note: 'hi' })).toEqual(['/note present', '/note non-null'])
    expect(shown(shop, { owner: { name: 'Ann' } })).toEqual([
      '/owner present',
      '/owner/name present',
    ])
    expect(shown(shop, { owner: { 'a/b~c': 1 } })).toEqual([
      '/owner present',
      '/owner/a~1b~0c present',
    ])
  })

  it('marks the enum value a body shows, and no value for null', () => {
    const shop = model()
    expect(shown(shop, { store: 'play_store' })).toEqual([
      '/store present',
      '/store non-null',
      '/store = "play_store"',
    ])
    expect(shown(shop, { store: null })).toEqual(['/store present'])
    expect(shown(shop, { store: 'amazon' })).toEqual(['/store present', '/store non-null'])
  })

  it('marks only the branch a oneOf body matches, and walks only that branch', () => {
    const shop = model()
    // karat is gold's property; a silver body that carries it does not make it seen.
    expect(shown(shop, { level: { kind: 'silver', purity: 0.9, karat: 3 } })).toEqual([
      '/level present',
      '/level non-null',
      '/level oneOf[1] silver',
      '/level/kind present',
      '/level/purity present',
    ])
    expect(shown(shop, { level: { kind: 'gold', karat: 24 } })).toEqual([
      '/level present',
      '/level non-null',
      '/level oneOf[0] gold',
      '/level/kind present',
      '/level/karat present',
    ])
    expect(shown(shop, { level: null })).toEqual(['/level present'])
  })

  it('marks array items and map values under * from any element', () => {
    const shop = model()
    expect(shown(shop, { items: [{ sku: 'a' }, { qty: 2 }], prices: { a: 1, b: 2 } })).toEqual([
      '/items present',
      '/items/* present',
      '/items/*/sku present',
      '/items/*/qty present',
      '/prices present',
      '/prices/* present',
    ])
    expect(shown(shop, { items: [], prices: {} })).toEqual(['/items present', '/prices present'])
  })

  it('follows a recursive schema as deep as the contract lists it', () => {
    const shop = model()
    const body = { tree: { label: 'a', children: [{ label: 'b', children: [{ label: 'c' }] }] } }
    expect(shown(shop, body)).toEqual([
      '/tree present',
      '/tree/label present',
      '/tree/children present',
      '/tree/children/* present',
    ])
  })

  it('counts what a broken body shows where it matches, and never throws', () => {
    const shop = model()
    const body = {
      owner: 5,
      items: 'none',
      prices: [1],
      note: 7,
      level: 'x',
      tree: { label: 1, children: [null] },
    }
    expect(shown(shop, body)).toEqual([
      '/owner present',
      '/items present',
      '/prices present',
      '/note present',
      '/note non-null',
      '/level present',
      '/level non-null',
      '/tree present',
      '/tree/label present',
      '/tree/children present',
      '/tree/children/* present',
    ])
    for (const odd of [undefined, null, 'text', 3, [], [{ owner: {} }], { items: [null, 1] }]) {
      expect(() => shop.seen(odd)).not.toThrow()
    }
    expect(shown(shop, [{ owner: {} }])).toEqual([])
    expect(shown(shop, { items: [null, 1] })).toEqual(['/items present', '/items/* present'])
    // Not a body JSON.parse makes, but it must not throw either: what came before it stands.
    const throwing = Object.defineProperty({ owner: { name: 'a' }, note: 'x' }, 'tree', {
      enumerable: true,
      get: () => {
        throw new Error('odd getter')
      },
    })
    expect(shown(shop, throwing)).toEqual([
      '/owner present',
      '/owner/name present',
      '/note present',
      '/note non-null',
    ])
  })

  it('returns sorted, unique indexes', () => {
    const shop = model()
    const seen = shop.seen({ items: [{ sku: 'a' }, { sku: 'b' }, { sku: 'c' }], note: 'x' })
    expect(seen).toEqual([3, 4, 5, 9, 10])
  })

  it('judges branches with ajv: every anyOf branch the value validates against', () => {
    const root = schemaRoot({
      either: {
        $id: id('either'),
        type: 'object',
        properties: {
          v: {
            anyOf: [
              { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
              { type: 'object', properties: { b: { type: 'integer' } }, required: ['b'] },
              { type: 'string', format: 'date' },
            ],
          },
        },
      },
    })
    const either = coverageModel('adapty', 'either', root)
    expect(shown(either, { v: { a: 'x', b: 1 } })).toEqual([
      '/v present',
      '/v anyOf[0]',
      '/v anyOf[1]',
      '/v/a present',
      '/v/b present',
    ])
    // b is not an integer: only the first branch matches, and b is not walked.
    expect(shown(either, { v: { a: 'x', b: 'one' } })).toEqual([
      '/v present',
      '/v anyOf[0]',
      '/v/a present',
    ])
    // Formats are checked too: not a date, no branch.
    expect(shown(either, { v: '2026-01-15' })).toEqual(['/v present', '/v anyOf[2]'])
    expect(shown(either, { v: 'soon' })).toEqual(['/v present'])
  })

  it('falls back to the JSON type when ajv refuses the file (strict mode)', () => {
    const root = schemaRoot({
      // strictRequired: "zzz" is not a listed property, so ajv compiles no part of this file.
      loose: {
        $id: id('loose'),
        type: 'object',
        properties: {
          v: {
            oneOf: [
              { type: 'string' },
              { type: 'object', properties: { a: { type: 'string' } }, required: ['a', 'zzz'] },
            ],
          },
        },
      },
    })
    const loose = coverageModel('adapty', 'loose', root)
    expect(shown(loose, { v: 'x' })).toEqual(['/v present', '/v oneOf[0]'])
    expect(shown(loose, { v: { a: 'x' } })).toEqual(['/v present', '/v oneOf[1]', '/v/a present'])
    expect(shown(loose, { v: 1 })).toEqual(['/v present'])
  })
})

describe('coverageModel: the committed contract', () => {
  const profileBody = () => {
    const schemas = readSchemas('adapty')
    return (samples(schemas, { $ref: 'profile-response.schema.json' })[0] as { value: unknown })
      .value
  }

  it('lists the profile response: nullable expiry, offer branches and enum values', () => {
    const profile = coverageModel('adapty', 'profile-response')
    const lines = profile.items.map(describeItem)
    expect(lines.filter((line) => line.startsWith('/data/access_levels/*/expires_at'))).toEqual([
      '/data/access_levels/*/expires_at present',
      '/data/access_levels/*/expires_at non-null',
    ])
    expect(lines.filter((line) => line.startsWith('/data/subscriptions/*/offer'))).toEqual([
      '/data/subscriptions/*/offer present',
      '/data/subscriptions/*/offer non-null',
      '/data/subscriptions/*/offer anyOf[0] offer-dto',
      '/data/subscriptions/*/offer/category present',
      '/data/subscriptions/*/offer/category = "introductory"',
      '/data/subscriptions/*/offer/category = "promotional"',
      '/data/subscriptions/*/offer/category = "offer_code"',
      '/data/subscriptions/*/offer/category = "win_back"',
      '/data/subscriptions/*/offer/type present',
      '/data/subscriptions/*/offer/type = "free_trial"',
      '/data/subscriptions/*/offer/type = "pay_as_you_go"',
      '/data/subscriptions/*/offer/type = "pay_up_front"',
      '/data/subscriptions/*/offer/type = "unknown"',
      '/data/subscriptions/*/offer/id present',
      '/data/subscriptions/*/offer/id non-null',
    ])
    // The contract gives a subscription's store no enum: it is a location, with no values.
    expect(lines.filter((line) => line.startsWith('/data/subscriptions/*/store '))).toEqual([
      '/data/subscriptions/*/store present',
    ])
  })

  it('marks what a sample profile body shows: every location, the first value of each enum', () => {
    const profile = coverageModel('adapty', 'profile-response')
    const seen = new Set(profile.seen(profileBody()))
    const present = profile.items.flatMap((item, i) => (item.kind === 'present' ? [i] : []))
    expect(present.filter((i) => !seen.has(i))).toEqual([])
    const unseenValues = profile.items
      .filter((item, i) => item.pointer.startsWith('/data/access_levels') && !seen.has(i))
      .map(describeItem)
    expect(unseenValues).toEqual([
      '/data/access_levels/*/offer/category = "promotional"',
      '/data/access_levels/*/offer/category = "offer_code"',
      '/data/access_levels/*/offer/category = "win_back"',
      '/data/access_levels/*/offer/type = "pay_as_you_go"',
      '/data/access_levels/*/offer/type = "pay_up_front"',
      '/data/access_levels/*/offer/type = "unknown"',
    ])
  })

  it('builds a model of every committed schema of both APIs', () => {
    const failures: string[] = []
    let built = 0
    for (const api of ['adapty', 'revenuecat']) {
      for (const file of readdirSync(join(SCHEMA_ROOT, api))) {
        if (!file.endsWith('.schema.json')) continue
        try {
          coverageModel(api, file.replace('.schema.json', ''))
          built++
        } catch (error) {
          failures.push(`${api}/${file}: ${(error as Error).message}`)
        }
      }
    }
    expect(failures).toEqual([])
    expect(built).toBeGreaterThan(150)
  })

  it('sees every location and branch of every Adapty schema across its sample bodies', () => {
    const schemas = readSchemas('adapty')
    const missed: string[] = []
    for (const file of schemas.keys()) {
      const model = coverageModel('adapty', file.replace('.schema.json', ''))
      const seen = new Set(samples(schemas, { $ref: file }).flatMap((s) => model.seen(s.value)))
      model.items.forEach((item, i) => {
        if ((item.kind === 'present' || item.kind === 'branch') && !seen.has(i)) {
          missed.push(`${file}: ${describeItem(item)}`)
        }
      })
    }
    expect(missed).toEqual([])
  })
})

describe('describeItem', () => {
  it('writes one line per kind', () => {
    expect(describeItem({ pointer: '/data/store', kind: 'enum', value: '"play_store"' })).toBe(
      '/data/store = "play_store"',
    )
    expect(describeItem({ pointer: '/data/offer', kind: 'non-null' })).toBe('/data/offer non-null')
    expect(describeItem({ pointer: '/data/x', kind: 'present' })).toBe('/data/x present')
    expect(
      describeItem({ pointer: '/data/y', kind: 'branch', value: 'oneOf[1] access-level' }),
    ).toBe('/data/y oneOf[1] access-level')
    expect(describeItem({ pointer: '', kind: 'branch', value: 'oneOf[0]' })).toBe('(body) oneOf[0]')
  })
})

describe('an allOf that narrows an enum', () => {
  it('documents only the values every part allows', () => {
    const root = schemaRoot({
      err: {
        $id: id('err'),
        type: 'object',
        properties: { kind: { enum: ['auth', 'missing', 'rate'] }, message: { type: 'string' } },
      },
      unauthorized: {
        $id: id('unauthorized'),
        allOf: [{ $ref: 'err.schema.json' }, { properties: { kind: { enum: ['auth'] } } }],
      },
    })
    const model = coverageModel('adapty', 'unauthorized', root)
    expect(model.items.map(describeItem)).toEqual([
      '/kind present',
      '/kind = "auth"',
      '/message present',
    ])
    expect(shown(model, { kind: 'auth', message: 'no key' })).toEqual([
      '/kind present',
      '/kind = "auth"',
      '/message present',
    ])
  })

  it("keeps RevenueCat's error types per status (R-5)", () => {
    const types = (schema: string) =>
      coverageModel('revenuecat', schema)
        .items.map(describeItem)
        .filter((line) => line.startsWith('/type = '))
    expect(types('error-unauthorized')).toEqual(['/type = "authentication_error"'])
    expect(types('error-conflict')).toEqual([
      '/type = "resource_already_exists"',
      '/type = "idempotency_error"',
    ])
  })
})
