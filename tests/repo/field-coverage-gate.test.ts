// The field coverage gate on the sandbox regression of every operation of both APIs (the beta
// ones included), and the place where `npm test` runs the contract suites (decision 0026): every
// documented response item is seen (or allow-listed with its reason,
// fixtures/schemas/<api>/field-coverage-allow.json), so `--min-field-coverage 1` passes, and every
// suite and flow passes. The suites alone reach every item (that Newman feeds the same counts is
// checked where the collections run, tests/newman/collections.test.ts), so the run is vitest's,
// in one process. And when a seed stops producing a field (here: the run's records with one item
// taken out, as if no response showed it), the gate fails, naming the operation and the item. The
// run goes through `--shard 1/1` so its raw records (shard.json) can be replayed through
// `subcontract merge`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OPERATIONS } from '../../src/apis/all.ts'
import type { ShardReport } from '../../src/cli/shard.ts'
import { coverageModel, describeItem } from '../../src/contract/field-coverage.ts'
import type { Summary } from '../../src/report/summary.ts'
import { type ChildRun, runSubcontract } from '../support/child-run.ts'

// Every operation of both APIs is emulated with state, and gated. The run names each with
// --operation, which selects the opt-in (beta) ones too (decision 0023).
const GATED = OPERATIONS.all

const root = mkdtempSync(join(tmpdir(), 'subcontract-field-gate-'))
const env = { CI: 'true', SUBCONTRACT_TARGET: 'local' }
let run: ChildRun

describe('the field coverage gate at 1.0 (every emulated operation, sandbox)', () => {
  beforeAll(async () => {
    run = await runSubcontract(
      [
        'run',
        ...GATED.flatMap((op) => ['--operation', op.operationId]),
        '--runner',
        'vitest',
        '--min-field-coverage',
        '1',
        '--shard',
        '1/1',
        '--report-dir',
        join(root, 'run'),
      ],
      { env },
    )
  }, 180_000)
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('passes: every documented item is seen, or allow-listed with a reason', () => {
    expect(run.status, run.stdout + run.stderr).toBe(0)
    expect(run.stdout).not.toContain('Field coverage below')
    // Every operation is selected, so the run is each API's whole folder: the flows ran too (this
    // run is where npm test runs the contract suites, decision 0026).
    const junit = readFileSync(join(root, 'run', 'junit.xml'), 'utf8')
    for (const flow of ['build-catalog', 'current-offering', 'grant-created-entitlement'])
      expect(junit).toContain(`tests/revenuecat/flows/${flow}.test.ts`)
    const summary = JSON.parse(readFileSync(join(root, 'run', 'summary.json'), 'utf8')) as Summary
    expect(summary.operations).toHaveLength(GATED.length)
    expect(summary.operations.filter((op) => op.operationId === 'block-customer')).toHaveLength(1)
    expect(summary.operations.filter((op) => op.api === 'revenuecat')).toHaveLength(
      GATED.filter((op) => op.api === 'revenuecat').length,
    )
    const below = summary.operations.filter((op) => (op.fieldCoverage?.ratio ?? 1) < 1)
    expect(below.map((op) => op.operationId)).toEqual([])
    expect(summary.operations.every((op) => op.fieldCoverage !== undefined)).toBe(true)
  })

  it('fails when no response shows a field any more, naming the operation and the field', async () => {
    const part = JSON.parse(readFileSync(join(root, 'run', 'shard.json'), 'utf8')) as ShardReport
    const model = coverageModel('adapty', 'profile-response')
    const gone = model.items.findIndex(
      (item) => describeItem(item) === '/data/non_subscriptions/*/is_refund present',
    )
    expect(gone).toBeGreaterThanOrEqual(0)
    // As if the seed no longer had a one-time purchase: no getProfile answer shows the field.
    for (const test of part.run.tests)
      for (const exchange of test.exchanges)
        if (exchange.operationId === 'getProfile' && exchange.status === 200)
          exchange.fields = (exchange.fields ?? []).filter((index) => index !== gone)
    writeFileSync(join(root, 'edited.json'), JSON.stringify(part))
    const merged = await runSubcontract(
      [
        'merge',
        join(root, 'edited.json'),
        '--min-field-coverage',
        '1',
        '--report-dir',
        join(root, 'merged'),
      ],
      { env },
    )
    expect(merged.status, merged.stdout + merged.stderr).toBe(1)
    expect(merged.stdout).toContain('Field coverage below 1: 1 operation(s)')
    expect(merged.stdout).toMatch(
      /adapty\.getProfile 9\d\.\d% \(\d+\/\d+ seen; unseen: 200 \/data\/non_subscriptions\/\*\/is_refund present\)/,
    )
    // Without the gate the same records pass: the gate is what fails the run.
    const plain = await runSubcontract(
      ['merge', join(root, 'edited.json'), '--report-dir', join(root, 'plain')],
      { env },
    )
    expect(plain.status, plain.stdout + plain.stderr).toBe(0)
  }, 60_000)
})
