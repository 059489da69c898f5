// The committed RevenueCat contract: it compiles as load-schemas compiles it, and each recorded
// decision (fixtures/schemas/revenuecat/DECISIONS.md) holds for the bodies it is about.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadContract, SCHEMA_ROOT } from '../../contract/load-schemas.ts'
import { REVENUECAT_SCHEMA_DECISIONS } from './schema-decisions.ts'

const DIR = join(SCHEMA_ROOT, 'revenuecat')
const STEMS = readdirSync(DIR)
  .filter((f) => f.endsWith('.schema.json'))
  .map((f) => f.replace('.schema.json', ''))
const tolerant = loadContract()
const strict = loadContract({ strictExtraFields: true })

const findings = (schema: string, body: unknown) =>
  tolerant.errors('revenuecat', schema, body).map((e) => `${e.instancePath} ${e.keyword}`)
const strictFindings = (schema: string, body: unknown) =>
  strict.errors('revenuecat', schema, body).map((e) => `${e.instancePath} ${e.keyword}`)

const CUSTOMER = {
  object: 'customer',
  id: 'cus_1',
  project_id: 'proj1',
  first_seen_at: 1_700_000_000_000,
  last_seen_at: null,
  last_seen_app_version: null,
  last_seen_country: null,
  last_seen_platform: null,
  last_seen_platform_version: null,
}
const LIST = { object: 'list', items: [CUSTOMER], url: '/v2/projects/proj1/customers' }
const APP = {
  object: 'app',
  id: 'app1',
  name: 'Demo',
  created_at: 1_700_000_000_000,
  type: 'app_store',
  project_id: 'proj1',
  app_store: { bundle_id: 'com.example.demo' },
}
const ERROR = { object: 'error', type: 'resource_missing', message: 'gone', retryable: false }

describe('RevenueCat contract', () => {
  it('compiles every schema file in the default and the strict contract', () => {
    for (const stem of STEMS) {
      expect(() => tolerant.validator('revenuecat', stem), stem).not.toThrow()
      expect(() => strict.validator('revenuecat', stem), stem).not.toThrow()
    }
  })

  it('has 103 component schemas (102 public, ListBlockedCustomers of the beta), 9 error responses and 25 inline bodies', () => {
    const errors = STEMS.filter((s) => s.startsWith('error-'))
    const inline = STEMS.filter((s) => !s.startsWith('error-') && /-(request|response)$/.test(s))
    expect(errors).toHaveLength(9)
    expect(inline).toHaveLength(25)
    expect(STEMS.length - errors.length - inline.length).toBe(103)
  })

  it('carries no prose: no description, example, summary or title keyword', () => {
    const prose = new Set(['description', 'example', 'examples', 'summary', 'title'])
    const hits: string[] = []
    const walk = (node: unknown, where: string): void => {
      if (Array.isArray(node)) {
        for (const [i, child] of node.entries()) walk(child, `${where}/${i}`)
        return
      }
      if (typeof node !== 'object' || node === null) return
      for (const [key, child] of Object.entries(node)) {
        if (key === 'properties' && typeof child === 'object' && child !== null) {
          for (const [name, sub] of Object.entries(child)) walk(sub, `${where}/properties/${name}`)
        } else if (key !== 'enum' && key !== 'const') {
          if (prose.has(key)) hits.push(`${where}/${key}`)
          walk(child, `${where}/${key}`)
        }
      }
    }
    for (const stem of STEMS) {
      walk(JSON.parse(readFileSync(join(DIR, `${stem}.schema.json`), 'utf8')), stem)
    }
    expect(hits).toEqual([])
  })

  it('explains every schema decision in DECISIONS.md', () => {
    const decisions = readFileSync(join(DIR, 'DECISIONS.md'), 'utf8')
    const missing = REVENUECAT_SCHEMA_DECISIONS.map((d) => d.id).filter(
      (id) => !decisions.includes(`### ${id} `),
    )
    expect(missing).toEqual([])
  })
})

describe('RevenueCat schema decisions', () => {
  it('R-1: an added field passes by default and fails --strict at its object', () => {
    const cases: Array<[string, unknown, string]> = [
      ['customer', { ...CUSTOMER, added: 1 }, ''],
      ['list-customers', { ...LIST, items: [{ ...CUSTOMER, added: 1 }] }, '/items/0'],
      ['app', { ...APP, app_store: { ...APP.app_store, added: 1 } }, '/app_store'],
      ['error-not-found', { ...ERROR, added: 1 }, ''],
      ['create-customer-request', { id: 'cus_1', added: 1 }, ''],
    ]
    for (const [schema, body, pointer] of cases) {
      expect(findings(schema, body), schema).toEqual([])
      const found = strictFindings(schema, body)
      expect(found.length, schema).toBeGreaterThan(0)
      expect(new Set(found), schema).toEqual(new Set([`${pointer} unevaluatedProperties`]))
    }
  })

  it('R-1: valid bodies pass --strict too, maps and free-form objects stay open', () => {
    expect(strictFindings('customer', CUSTOMER)).toEqual([])
    expect(strictFindings('app', APP)).toEqual([])
    expect(strictFindings('error-not-found', ERROR)).toEqual([])
    const adjust = { adjustments: { GEMS: 5, COINS: -2 } }
    expect(strictFindings('create-virtual-currencies-transaction-request', adjust)).toEqual([])
    expect(
      findings('create-virtual-currencies-transaction-request', { adjustments: { GEMS: 'x' } }),
    ).not.toEqual([])
    const log = {
      object: 'audit_log',
      id: 'log1',
      project_id: 'proj1',
      action_type: 'created',
      target_type: 'product',
      target_identifier: 'prod1',
      actor_type: 'user',
      actor_identifier: 'u1',
      occurred_at: 1_700_000_000_000,
      additional_data: { anything: { nested: true } },
    }
    expect(strictFindings('audit-log', log)).toEqual([])
  })

  it('R-2: next_page may be absent or null, never another type', () => {
    expect(findings('list-customers', LIST)).toEqual([])
    expect(findings('list-customers', { ...LIST, next_page: null })).toEqual([])
    expect(
      findings('list-customers', { ...LIST, next_page: '/v2/projects/p/customers?x=1' }),
    ).toEqual([])
    expect(findings('list-customers', { ...LIST, next_page: 1 })).toEqual(['/next_page type'])
    const { url: _, ...noUrl } = LIST
    expect(findings('list-customers', noUrl)).toEqual([' required'])
  })

  it('R-3: timestamps are whole numbers of milliseconds', () => {
    expect(findings('customer', { ...CUSTOMER, first_seen_at: '2026-01-15T12:00:00Z' })).toEqual([
      '/first_seen_at type',
    ])
    expect(findings('customer', { ...CUSTOMER, first_seen_at: 1.5 })).toContain(
      '/first_seen_at type',
    )
    expect(findings('customer', { ...CUSTOMER, first_seen_at: 1_700_000_000_000 })).toEqual([])
  })

  it('R-4: an error without object: "error" fails', () => {
    const { object: _, ...bare } = ERROR
    expect(findings('error', bare)).toEqual([' required'])
    expect(findings('error-not-found', bare)).toEqual([' required'])
  })

  it('R-5: each error status allows only its own types', () => {
    expect(findings('error-not-found', ERROR)).toEqual([])
    expect(findings('error-not-found', { ...ERROR, type: 'rate_limit_error' })).toEqual([
      '/type enum',
    ])
    const limited = { ...ERROR, type: 'rate_limit_error', retryable: true, backoff_ms: 1000 }
    expect(findings('error-rate-limited', limited)).toEqual([])
    expect(findings('error-internal', { ...ERROR, type: 'server_error' })).toEqual([])
    expect(findings('error-bad-request', { ...ERROR, type: 'invalid_request' })).toEqual([])
    expect(findings('error-bad-request', { ...ERROR, type: 'server_error' })).toEqual([
      '/type enum',
    ])
    expect(findings('error-unprocessable-entity', { ...ERROR, type: 'store_error' })).toEqual([])
    // Every narrowed type is one the Error schema knows.
    const read = (stem: string) =>
      JSON.parse(readFileSync(join(DIR, `${stem}.schema.json`), 'utf8'))
    const known: string[] = read('error').properties.type.enum
    for (const stem of STEMS.filter((s) => s.startsWith('error-'))) {
      const schema = read(stem)
      expect(schema.type, stem).toBe('object')
      const narrowed: string[] = schema.allOf[1].properties.type.enum
      expect(known, stem).toEqual(expect.arrayContaining(narrowed))
    }
  })

  it('R-6: an App is one record whose store sub-objects are checked when present', () => {
    expect(findings('app', APP)).toEqual([])
    expect(findings('app', { ...APP, app_store: { bundle_id: 5 } })).toEqual([
      '/app_store/bundle_id type',
    ])
    const schema = JSON.parse(readFileSync(join(DIR, 'app.schema.json'), 'utf8'))
    expect(schema).not.toHaveProperty('allOf')
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['amazon', 'app_store', 'play_store', 'stripe', 'rc_billing']),
    )
  })

  it('R-7: a customer’s expandable lists may be null', () => {
    expect(
      findings('customer', { ...CUSTOMER, active_entitlements: null, attributes: null }),
    ).toEqual([])
    const entitlements = { object: 'list', items: [], url: '/v2/x' }
    expect(findings('customer', { ...CUSTOMER, active_entitlements: entitlements })).toEqual([])
    expect(findings('customer', { ...CUSTOMER, active_entitlements: 'x' })).not.toEqual([])
  })

  it('R-8: lengths on lists count their items', () => {
    const request = 'attach-products-to-entitlement-request'
    expect(findings(request, { product_ids: ['prod1'] })).toEqual([])
    expect(findings(request, { product_ids: [] })).toEqual(['/product_ids minItems'])
    const many = Array.from({ length: 51 }, (_, i) => `prod${i}`)
    expect(findings(request, { product_ids: many })).toEqual(['/product_ids maxItems'])
  })

  it('R-9: overlapping branches accept a value that matches both', () => {
    const attributes = [
      { name: 'telemetry_deck_user_id', value: 'v' },
      { name: '$email', value: 'qa@example.com' },
      { name: 'favourite_colour', value: 'teal' },
    ]
    expect(findings('create-customer-request', { id: 'cus_1', attributes })).toEqual([])
    expect(findings('set-customer-attributes-request', { attributes })).toEqual([])
    const subscription = { duration: 'ONE_MONTH', subscription_group_name: 'Premium' }
    expect(
      findings('create-product-in-store-request', { store_information: subscription }),
    ).toEqual([])
    expect(findings('create-product-in-store-request', { store_information: {} })).toEqual([])
  })

  it('R-10: AppCreate is checked against the branch its type names', () => {
    const body = { name: 'Demo', type: 'amazon', amazon: { package_name: 'com.example' } }
    expect(findings('app-create', body)).toEqual([])
    expect(findings('app-create', { name: 'Demo', type: 'amazon' })).toEqual([' required'])
    expect(findings('app-create', { name: 'Demo', type: 'nope' })).toEqual([' discriminator'])
  })
})
