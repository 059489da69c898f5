// The CI smoke case: every suite, read-only, against a stand-alone sandbox used as a remote
// account (its --write-env file, no --allow-writes). Writes reached in a test or in a hook skip
// the tests that need them, with the reason; the run is green and leaves nothing behind.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adapty } from '../../src/apis/adapty/api.ts'
import { renderSandboxEnv } from '../../src/config/target-variables.ts'
import { createSandbox, type Sandbox } from '../../src/sandbox/create-sandbox.ts'
import { runSubcontract, testProfilesOn } from '../support/child-run.ts'

let sandbox: Sandbox
let run: { status: number | null; output: string; reportDir: string }

describe('a read-only remote run of every suite', () => {
  beforeAll(async () => {
    sandbox = await createSandbox({ apis: [adapty], clock: 'system' })
    const served = sandbox.apis.adapty
    if (served === undefined) throw new Error('the sandbox does not serve adapty')
    const reportDir = mkdtempSync(join(tmpdir(), 'subcontract-read-only-'))
    const envFile = join(reportDir, '.env.sandbox')
    writeFileSync(envFile, renderSandboxEnv([{ spec: adapty, values: served.values }]))
    const { status, output } = await runSubcontract(
      // The env file points at the sandbox's Adapty API only.
      ['run', '--api', 'adapty', '--target', 'remote', '--env', envFile, '--report-dir', reportDir],
      { env: { SUBCONTRACT_RATE_LIMIT: '200', CI: 'true' } },
    )
    run = { status, output, reportDir }
  }, 240_000)
  afterAll(() => sandbox.close())

  it('is green: nothing failed, no error outside a test', () => {
    expect(run.status, run.output).toBe(0)
    const summary = JSON.parse(readFileSync(join(run.reportDir, 'summary.json'), 'utf8'))
    expect(summary.totals.failed).toBe(0)
    expect(summary.runErrors).toEqual([])
    expect(summary.totals.passed).toBeGreaterThan(40)
    expect(run.output).toContain('skip newman')
  })

  it('skips every write with the reason, including the ones a beforeAll hook reaches', () => {
    const junit = readFileSync(join(run.reportDir, 'junit.xml'), 'utf8')
    const skipped = junit.split('<testcase ').filter((t) => t.includes('<skipped'))
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

  it('creates nothing on the target', async () => {
    expect(await testProfilesOn(sandbox)).toEqual([])
  })
})
