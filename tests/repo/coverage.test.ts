import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ADAPTY_SCHEMA_DECISIONS } from '../../src/apis/adapty/schema-decisions.ts'
import { OPERATIONS } from '../../src/apis/all.ts'
import { REVENUECAT_SCHEMA_DECISIONS } from '../../src/apis/revenuecat/schema-decisions.ts'
import { loadContract } from '../../src/contract/load-schemas.ts'
import { suiteStem } from '../../src/registry/operations.ts'
import { listFiles, ROOT as READ_ROOT, read } from './files.ts'

const operations = OPERATIONS.all.map((op) => [`${op.api} ${op.operationId}`, op] as const)
/**
 * APIs whose operations may, for now, be covered only by the API's cross-cutting suites (one test
 * per operation over the registry): RevenueCat, until its operations get their state and their own
 * suites (docs/decisions/0016). Every Adapty operation has its own suite.
 */
const CROSS_CUTTING_ONLY = new Set(['revenuecat'])
/** The route sources of one API's sandbox. */
const routeSources = (api: string) =>
  listFiles(`src/apis/${api}/sandbox/routes`, '.ts').map(read).join('\n')

describe('operation coverage', () => {
  it.each(operations)('%s has a suite file with one describe named by its operationId', (_, op) => {
    const file = `tests/${op.api}/${suiteStem(op)}.test.ts`
    if (CROSS_CUTTING_ONLY.has(op.api) && !existsSync(join(READ_ROOT, file))) {
      // Covered per operation by its API's cross-cutting suites until it gets a suite of its own.
      const shared = listFiles(`tests/${op.api}/cross-cutting`, '.test.ts').map(read).join('\n')
      expect(shared, `no cross-cutting suite of ${op.api} runs per operation`).toContain(
        `selectedOperations('${op.api}')`,
      )
      return
    }
    expect(existsSync(join(READ_ROOT, file)), `${file} is missing`).toBe(true)
    const describes = [...read(file).matchAll(/^describe\(([^,]+),/gm)].map((m) => m[1])
    expect(describes).toEqual(['op'])
    expect(read(file)).toContain(`const op = '${op.operationId}'`)
  })

  it.each(operations)('%s is routed by the sandbox', (_, op) => {
    const routes = routeSources(op.api)
    expect(routes).toContain(`/** operationId: ${op.operationId} */`)
    expect(routes).toContain(`'${op.operationId}'`)
  })

  it.each(operations)('%s names schemas that exist and compile', (_, op) => {
    const contract = loadContract()
    const schemas = [
      op.request?.schema,
      ...Object.values(op.responses).map((r) => (r.kind === 'json' ? r.schema : undefined)),
    ]
    for (const schema of schemas.filter((s) => s !== undefined)) {
      expect(() => contract.validator(op.api, schema)).not.toThrow()
    }
  })

  it.each([
    ['adapty', ADAPTY_SCHEMA_DECISIONS],
    ['revenuecat', REVENUECAT_SCHEMA_DECISIONS],
  ] as const)('explains every %s schema decision in DECISIONS.md', (api, list) => {
    const decisions = read(`fixtures/schemas/${api}/DECISIONS.md`)
    const missing = list.map((d) => d.id).filter((id) => !decisions.includes(`### ${id} `))
    expect(missing).toEqual([])
  })
})
