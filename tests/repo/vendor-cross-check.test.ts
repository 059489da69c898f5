// Optional cross-check against the vendor's own files in ../shared/reference. Users do not have
// that folder, so every test here skips (with the reason) when it is absent.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { ADAPTY_OPERATIONS } from '../../src/apis/adapty/operations.ts'
import { ADAPTY_SCHEMA_DECISIONS } from '../../src/apis/adapty/schema-decisions.ts'
import { checkSchemas, deriveApiSchemas } from '../../src/contract/derive/derive-api-schemas.ts'
import { ROOT } from './files.ts'

const SPEC = join(ROOT, '../shared/reference/adapty/openapi.yaml')
const hasSpec = existsSync(SPEC)
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

type Responses = Record<string, { content?: Record<string, unknown> }>
type SpecOperation = { operationId: string; tags: string[]; responses: Responses }

function vendorOperations() {
  const doc = parse(readFileSync(SPEC, 'utf8')) as {
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
