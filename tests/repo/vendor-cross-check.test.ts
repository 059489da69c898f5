// Optional cross-check against the vendor's own files in ../shared/reference. Users do not have
// that folder, so every test here skips (with the reason) when it is absent.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { ADAPTY_OPERATIONS } from '../../src/apis/adapty/operations.ts'
import { ADAPTY_SCHEMA_DECISIONS } from '../../src/apis/adapty/schema-decisions.ts'
import { REVENUECAT_OPERATIONS } from '../../src/apis/revenuecat/operations.ts'
import {
  REVENUECAT_BETA_SCHEMAS,
  REVENUECAT_OPERATION_DERIVATION,
  REVENUECAT_SCHEMA_DECISIONS,
} from '../../src/apis/revenuecat/schema-decisions.ts'
import { checkSchemas, deriveApiSchemas } from '../../src/contract/derive/derive-api-schemas.ts'
import {
  checkOperationsModule,
  deriveOperationsModule,
  summaryOf,
} from '../../src/contract/derive/derive-operations.ts'
import { listFiles, ROOT, read } from './files.ts'

const SPEC = join(ROOT, '../shared/reference/adapty/openapi.yaml')
const hasSpec = existsSync(SPEC)
const RC_SPEC = join(ROOT, '../shared/reference/revenuecat/openapi.yaml')
const hasRcSpec = existsSync(RC_SPEC)
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

type Responses = Record<string, { content?: Record<string, unknown> }>
type SpecOperation = { operationId: string; tags: string[]; responses: Responses }

/** A vendor extension of an operation (`x-scopes`). */
const extension = (op: SpecOperation, name: `x-${string}`): unknown =>
  (op as unknown as Record<string, unknown>)[name]

function vendorOperations(spec = SPEC) {
  const doc = parse(readFileSync(spec, 'utf8')) as {
    paths: Record<string, Record<string, SpecOperation>>
  }
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m] !== undefined).map((m) => ({
      path,
      method: m.toUpperCase(),
      ...(item[m] as SpecOperation),
    })),
  )
}

// Statuses our registry documents beyond the spec, each explained in DECISIONS.md.
const EXTRA_STATUSES: Record<string, string[]> = { createProfile: ['400', '404'] }

describe.skipIf(!hasSpec)(
  'Adapty registry and contract against the vendor spec (../shared present)',
  () => {
    it('lists exactly the vendor operations, with method, path and tag', () => {
      const ours = ADAPTY_OPERATIONS.map(
        (op) => `${op.method} ${op.path} ${op.operationId} ${op.tag}`,
      )
      const theirs = vendorOperations().map(
        (op) => `${op.method} ${op.path} ${op.operationId} ${op.tags[0]}`,
      )
      expect(ours.sort()).toEqual(theirs.sort())
    })

    it('documents the vendor statuses for every operation (plus recorded additions)', () => {
      for (const vendor of vendorOperations()) {
        const ours = ADAPTY_OPERATIONS.find((op) => op.operationId === vendor.operationId)
        const expected = [
          ...Object.keys(vendor.responses),
          ...(EXTRA_STATUSES[vendor.operationId] ?? []),
        ].sort()
        expect(Object.keys(ours?.responses ?? {}).sort(), vendor.operationId).toEqual(expected)
        for (const [status, response] of Object.entries(vendor.responses)) {
          const kind = ours?.responses[status]?.kind
          expect(kind === 'json', `${vendor.operationId} ${status}`).toBe(
            response.content !== undefined,
          )
        }
      }
    })

    it('matches a fresh derivation of the schemas', () => {
      const problems = checkSchemas(
        join(ROOT, 'fixtures/schemas/adapty'),
        deriveApiSchemas('adapty', SPEC, ADAPTY_SCHEMA_DECISIONS),
      )
      expect(problems, 'run npm run derive-schemas and review the diff').toEqual([])
    })
  },
)

/** Every prose string of a spec (descriptions, summaries, titles, examples) of three words or more. */
function proseOf(node: unknown, key = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const child of node) proseOf(child, key, out)
  else if (typeof node === 'object' && node !== null) {
    for (const [k, child] of Object.entries(node)) {
      const prose = ['description', 'summary', 'title', 'example', 'examples'].includes(k)
      proseOf(child, prose ? k : key, out)
    }
  } else if (key !== '' && typeof node === 'string' && /\S+\s+\S+\s+\S+/.test(node)) {
    out.add(node.trim())
  }
  return out
}

describe.skipIf(!hasRcSpec)(
  'RevenueCat registry and contract against the vendor spec (needs ../shared/reference/revenuecat)',
  () => {
    const vendor = () =>
      vendorOperations(RC_SPEC).filter((op) => extension(op, 'x-release-status') === 'public')

    it('lists exactly the public vendor operations, in spec order, with method, path and tag', () => {
      const ours = REVENUECAT_OPERATIONS.filter((op) => !op.labels.includes('beta')).map(
        (op) => `${op.method} ${op.path} ${op.operationId} ${op.tag}`,
      )
      const theirs = vendor().map((op) => `${op.method} ${op.path} ${op.operationId} ${op.tags[0]}`)
      expect(ours).toEqual(theirs)
      expect(ours).toHaveLength(85)
    })

    it("adds exactly the beta file's beta operations, labelled beta (S-51)", () => {
      const beta = vendorOperations(join(ROOT, REVENUECAT_BETA_SCHEMAS.specPath)).filter(
        (op) => extension(op, 'x-release-status') === 'beta',
      )
      const ours = REVENUECAT_OPERATIONS.filter((op) => op.labels.includes('beta'))
      expect(ours.map((op) => op.operationId)).toEqual(beta.map((op) => op.operationId))
      expect(ours.map((op) => op.operationId)).toEqual([
        'list-blocked-customers',
        'block-customer',
        'unblock-customer',
      ])
    })

    it('documents the vendor statuses, scopes and rate-limit domain of every operation', () => {
      for (const op of vendor()) {
        const ours = REVENUECAT_OPERATIONS.find((o) => o.operationId === op.operationId)
        expect(Object.keys(ours?.responses ?? {}), op.operationId).toEqual(
          Object.keys(op.responses),
        )
        expect(ours?.scopes, op.operationId).toEqual(extension(op, 'x-scopes'))
        expect(ours?.rateLimitDomain, op.operationId).toBe(
          extension(op, 'x-revenuecat-rate-limiting-domain'),
        )
      }
    })

    it('matches a fresh derivation of the schemas', () => {
      const problems = checkSchemas(
        join(ROOT, 'fixtures/schemas/revenuecat'),
        deriveApiSchemas('revenuecat', RC_SPEC, REVENUECAT_SCHEMA_DECISIONS, {
          ...REVENUECAT_BETA_SCHEMAS,
          specPath: join(ROOT, REVENUECAT_BETA_SCHEMAS.specPath),
        }),
      )
      expect(problems, 'run npm run derive-schemas -- --api revenuecat').toEqual([])
    })

    it('matches a fresh derivation of the registry', () => {
      const how = REVENUECAT_OPERATION_DERIVATION
      const extra = { ...how.extra, specPath: join(ROOT, how.extra.specPath) }
      const derived = deriveOperationsModule({ specPath: RC_SPEC, root: ROOT, ...how, extra })
      const problems = checkOperationsModule(
        join(ROOT, how.filePath),
        derived,
        REVENUECAT_OPERATIONS,
      )
      expect(problems, 'run npm run derive-operations and review the diff').toEqual([])
    })

    it('copies no vendor prose into the contract or the registry', () => {
      // A vendor summary that is just its operationId in words ("List audit logs") is ours too.
      const ownWords = new Set(REVENUECAT_OPERATIONS.map((op) => summaryOf(op.operationId)))
      const prose = [...proseOf(parse(readFileSync(RC_SPEC, 'utf8')))].filter(
        (p) => !ownWords.has(p),
      )
      const ours = [
        ...listFiles('fixtures/schemas/revenuecat', '.json'),
        'src/apis/revenuecat/operations.ts',
      ]
      const hits = ours.flatMap((file) => {
        const text = read(file)
        return prose.filter((p) => text.includes(p)).map((p) => `${file}: ${p.slice(0, 60)}`)
      })
      expect(hits).toEqual([])
    })
  },
)
