// Every operation run alone, as `subcontract run --operation <id>` runs it: both runners against
// the embedded sandbox, each run with a sandbox of its own. A suite or a collection request that
// leans on another operation's leftovers fails here.
import { type SpawnSyncReturns, spawnSync } from 'node:child_process'
import { beforeAll, describe, expect, it } from 'vitest'
import { OPERATIONS } from '../../src/apis/all.ts'
import { ROOT } from './files.ts'

interface AloneRun {
  api: string
  operationId: string
  code: number
  runners: Record<string, { passed: number; failed: number; skipped: number }>
  failures: string[]
  runErrors: string[]
  statuses: string[]
}

/**
 * What CI runs alone: a sample that keeps `npm test` within CI's five minutes on two cores (each
 * run alone takes seconds; `node tests/support/run-each-alone.mjs` runs all of them, 107 with the
 * beta, as every stop does by hand). The sample is the operations whose suites and collection
 * requests lean hardest on set-up to pass alone, where a dependence on another operation's
 * leftovers would show first:
 * - Adapty: the first operation (a profile made from nothing);
 * - RevenueCat: a revoke that needs a grant first; a cancel of a store object the collection
 *   makes on the sandbox; detaching products from a package, which needs the catalog built
 *   first (app, product, offering, package, attached); a chart (the 5-a-minute domain); and a
 *   beta operation (selected only by name).
 */
const SAMPLE = new Set([
  'adapty createProfile',
  'revenuecat revoke-customer-granted-entitlement',
  'revenuecat cancel-subscription',
  'revenuecat detach-products-from-package',
  'revenuecat get-chart-data',
  'revenuecat unblock-customer',
])
const ALONE = OPERATIONS.all.filter((op) => SAMPLE.has(`${op.api} ${op.operationId}`))
const KEYS = ALONE.map((op) => `${op.api} ${op.operationId}`)

let child: SpawnSyncReturns<string>
const byId = new Map<string, AloneRun>()

describe('every operation run alone, with both runners', () => {
  // Each operation is a run of its own (about 5 s each): the budget grows with the registry.
  beforeAll(
    () => {
      child = spawnSync(
        process.execPath,
        ['tests/support/run-each-alone.mjs', ...KEYS.map((k) => k.replace(' ', ':'))],
        {
          cwd: ROOT,
          encoding: 'utf8',
          env: {
            ...process.env,
            SUBCONTRACT_TARGET: 'local',
            SUBCONTRACT_RUN_ID: undefined,
            CI: 'true',
          },
          maxBuffer: 64 * 1024 * 1024,
        },
      )
      for (const line of child.stdout.split('\n').filter((l) => l.startsWith('{'))) {
        const run = JSON.parse(line) as AloneRun
        byId.set(`${run.api} ${run.operationId}`, run)
      }
    },
    Math.max(300_000, ALONE.length * 15_000),
  )

  it('ran every selected operation', () => {
    expect(ALONE).toHaveLength(SAMPLE.size)
    expect(child.status, child.stderr).toBe(0)
    expect([...byId.keys()].sort()).toEqual([...KEYS].sort())
  })

  it.each(KEYS)('%s passes alone in vitest and Newman', (key) => {
    const run = byId.get(key)
    expect(run, child.stderr).toBeDefined()
    if (run === undefined) return
    expect({ failures: run.failures, runErrors: run.runErrors }).toEqual({
      failures: [],
      runErrors: [],
    })
    expect(run.code).toBe(0)
    expect(run.runners.vitest?.passed).toBeGreaterThan(0)
    expect(run.runners.newman?.passed).toBeGreaterThan(0)
    expect(run.statuses.length).toBeGreaterThan(0)
  })
})
