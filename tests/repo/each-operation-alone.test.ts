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
 * What CI runs alone: every Adapty operation (each has its own suite and stateful requests), and
 * the first RevenueCat operation of each rate-limit domain (their suites are the cross-cutting
 * ones, filtered by the selection: one per domain exercises that path, and every RevenueCat
 * operation alone takes minutes: `node tests/support/run-each-alone.mjs` runs them all). A sample
 * keeps `npm test` within CI's five minutes on two cores.
 */
const ALONE = OPERATIONS.all.filter(
  (op) =>
    op.api === 'adapty' ||
    OPERATIONS.of(op.api).find((first) => first.rateLimitDomain === op.rateLimitDomain) === op,
)
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
