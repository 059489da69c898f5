// The CI smoke case: every suite of both APIs, read-only, against a stand-alone sandbox used as a
// remote account (its --write-env file, no --allow-writes). Writes reached in a test or in a hook
// skip the tests that need them, with the reason; the run is green and leaves nothing behind.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adapty } from '../../src/apis/adapty/api.ts'
import { revenuecat } from '../../src/apis/revenuecat/api.ts'
import { renderSandboxEnv } from '../../src/config/target-variables.ts'
import type { Summary } from '../../src/report/summary.ts'
import { createSandbox, type Sandbox } from '../../src/sandbox/create-sandbox.ts'
import { customersOn, runSubcontract, testProfilesOn } from '../support/child-run.ts'

let sandbox: Sandbox
let run: { status: number | null; output: string; reportDir: string }
/** The sandbox's RevenueCat customers before the run. */
let customersBefore: string[]
/** The operation of every request that reached one of the sandbox's APIs, as the sandbox saw it. */
const received: string[] = []

/** The junit testcases that were skipped. */
function skippedTestcases(): string[] {
  const junit = readFileSync(join(run.reportDir, 'junit.xml'), 'utf8')
  return junit.split('<testcase ').filter((t) => t.includes('<skipped'))
}

describe('a read-only remote run of every suite', () => {
  beforeAll(async () => {
    sandbox = await createSandbox({ apis: [adapty, revenuecat], clock: 'system' })
    // The fault injector is asked about every request the sandbox matched to an operation: what
    // it is asked is what the run sent, whatever the run's own reports say.
    const pick = sandbox.faults.pick.bind(sandbox.faults)
    sandbox.faults.pick = (operationId) => {
      received.push(operationId)
      return pick(operationId)
    }
    const reportDir = mkdtempSync(join(tmpdir(), 'subcontract-read-only-'))
    const envFile = join(reportDir, '.env.sandbox')
    writeFileSync(
      envFile,
      renderSandboxEnv(
        [adapty, revenuecat].map((spec) => {
          const served = sandbox.apis[spec.name]
          if (served === undefined) throw new Error(`the sandbox does not serve ${spec.name}`)
          return { spec, values: served.values }
        }),
      ),
    )
    customersBefore = await customersOn(sandbox)
    const { status, output } = await runSubcontract(
      [
        'run',
        '--api',
        'adapty',
        '--api',
        'revenuecat',
        '--target',
        'remote',
        '--env',
        envFile,
        '--report-dir',
        reportDir,
      ],
      { env: { SUBCONTRACT_RATE_LIMIT: '200', CI: 'true' } },
    )
    run = { status, output, reportDir }
  }, 240_000)
  afterAll(() => sandbox.close())

  it('is green for both APIs: nothing failed, no error outside a test', () => {
    expect(run.status, run.output).toBe(0)
    const summary: Summary = JSON.parse(readFileSync(join(run.reportDir, 'summary.json'), 'utf8'))
    expect(summary.totals.failed).toBe(0)
    expect(summary.runErrors).toEqual([])
    expect(summary.totals.passed).toBeGreaterThan(40)
    // An unfiltered run leaves the beta operations out, and its report does not list them.
    const beta = [adapty, revenuecat].flatMap((api) =>
      api.operations.filter((op) => op.labels.includes('beta')).map((op) => op.operationId),
    )
    expect(beta.length).toBeGreaterThan(0)
    expect(summary.operations.filter((o) => beta.includes(o.operationId))).toEqual([])
    expect(summary.operations).toHaveLength(
      adapty.operations.length + revenuecat.operations.length - beta.length,
    )
    for (const name of ['adapty', 'revenuecat']) {
      const ops = summary.operations.filter((o) => o.api === name)
      expect(
        ops.reduce((sum, o) => sum + o.passed, 0),
        name,
      ).toBeGreaterThan(40)
      expect(ops.reduce((sum, o) => sum + o.failed, 0)).toBe(0)
    }
    expect(run.output).toContain(
      'skip newman: the collections send requests that change data (adapty, revenuecat)',
    )
  })

  it('skips every write with the reason, including the ones a beforeAll hook reaches', () => {
    const skipped = skippedTestcases()
    expect(skipped.length).toBeGreaterThan(100)
    for (const testcase of skipped) expect(testcase).toMatch(/name="skip-reason" value="[^"]+"/)
    // listVirtualCurrencyTransactions credits its profile in beforeAll: its tests skip with why.
    const hookSkipped = skipped.filter((t) => t.includes('list-virtual-currency-transactions'))
    expect(hookSkipped.length).toBeGreaterThan(0)
    for (const testcase of hookSkipped)
      expect(testcase).toContain(
        'createVirtualCurrencyTransaction changes data: writes on a remote target need --allow-writes',
      )
  })

  it("skips RevenueCat's write suites with the reason naming --allow-writes", () => {
    const skipped = skippedTestcases()
    for (const op of ['create-customer', 'delete-customer', 'set-customer-attributes']) {
      const ofSuite = skipped.filter((t) => t.includes(`file="tests/revenuecat/${op}.test.ts"`))
      expect(ofSuite.length, op).toBeGreaterThan(0)
      expect(
        ofSuite.some((t) =>
          t.includes(
            `${op} changes data: writes on a remote target need --allow-writes (SUBCONTRACT_ALLOW_WRITES=true)`,
          ),
        ),
        op,
      ).toBe(true)
    }
  })

  it('sends no write request to RevenueCat', () => {
    const writes = new Set(
      revenuecat.operations.filter((op) => op.safety === 'write').map((op) => op.operationId),
    )
    const reads = new Set(
      revenuecat.operations.filter((op) => op.safety === 'read').map((op) => op.operationId),
    )
    expect(received.filter((id) => reads.has(id)).length).toBeGreaterThan(100)
    expect(received.filter((id) => writes.has(id))).toEqual([])
  })

  it('creates nothing on the target: no Adapty profile, no RevenueCat customer', async () => {
    expect(await testProfilesOn(sandbox)).toEqual([])
    expect(await customersOn(sandbox)).toEqual(customersBefore)
    expect(run.output).toMatch(/^teardown: removed 0 test object\(s\)\n/m)
  })
})
