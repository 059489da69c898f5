// Ctrl-C and SIGTERM in the middle of a remote --allow-writes run: a real signal to a real child
// process, sent the moment the run has recorded a test profile (Adapty) or its second test
// customer (RevenueCat) in its ledger (no sleeping), and afterwards the sandbox is asked what is
// left.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, watch, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiName } from '../../src/api/api-definition.ts'
import { adapty } from '../../src/apis/adapty/api.ts'
import { revenuecat } from '../../src/apis/revenuecat/api.ts'
import { pendingEntries } from '../../src/config/run-ledger.ts'
import { renderSandboxEnv } from '../../src/config/target-variables.ts'
import { createSandbox, type Sandbox } from '../../src/sandbox/create-sandbox.ts'
import { startSubcontract, testObjectsOn, testProfilesOn } from '../support/child-run.ts'

const ROOT = new URL('../../', import.meta.url).pathname
const LEDGER = join(ROOT, '.subcontract', 'created')
let sandbox: Sandbox
let envFile: string

/**
 * Resolves once one ledger file of `runId` (one process) holds `count` entries through `api`
 * (fs.watch, then a check of what is there). A process records its entries one call after the
 * other: with two, the first one's request has been answered.
 */
function ledgerEntries(runId: string, api: ApiName, count = 1): Promise<void> {
  mkdirSync(LEDGER, { recursive: true })
  return new Promise((resolve) => {
    const has = () =>
      readdirSync(LEDGER).some(
        (f) =>
          f.startsWith(`${runId}-`) &&
          readFileSync(join(LEDGER, f), 'utf8')
            .split('\n')
            .filter((line) => line.includes(`"api":"${api}"`)).length >= count,
      )
    const watcher = watch(LEDGER, () => {
      if (has()) {
        watcher.close()
        resolve()
      }
    })
    if (has()) {
      watcher.close()
      resolve()
    }
  })
}

/** The profiles of run `runId` still on the sandbox. */
async function profilesOf(runId: string): Promise<string[]> {
  return (await testProfilesOn(sandbox)).filter((id) => id.startsWith(`subcontract-${runId}-`))
}

/** The RevenueCat customers of run `runId` still on the sandbox, as `<project_id>/<id>`. */
function customersOf(runId: string): Promise<string[]> {
  return testObjectsOn(sandbox, runId)
}

/**
 * Starts a remote run of one API in its own process group and interrupts it once it has recorded
 * data of that API in the ledger; `seen` is what the ledger held for the run at that moment.
 */
async function interruptedRun(
  signal: NodeJS.Signals,
  target: 'group' | 'process',
  runner: 'vitest' | 'newman' = 'vitest',
  api: ApiName = 'adapty',
  entries = 1,
  only: readonly string[] = [],
) {
  // Run ids are at most 16 characters ([A-Za-z0-9]); unique per test process and case.
  const runId = `sig${signal === 'SIGINT' ? 'i' : 't'}${target[0]}${runner[0]}${api[0]}${process.pid.toString(36)}`
  const reportDir = mkdtempSync(join(tmpdir(), 'subcontract-interrupt-'))
  const started = startSubcontract(
    [
      'run',
      '--api',
      api,
      '--target',
      'remote',
      '--env',
      envFile,
      '--allow-writes',
      '--runner',
      runner,
      ...only.flatMap((id) => ['--operation', id]),
      '--report-dir',
      reportDir,
    ],
    {
      env: {
        SUBCONTRACT_RUN_ID: runId,
        // Newman at 5 requests/s would take over 10 s: an interrupt must not wait for it.
        SUBCONTRACT_RATE_LIMIT: runner === 'newman' ? '5' : '50',
        CI: 'true',
      },
      detached: true,
    },
  )
  const { child } = started
  // A run that ends before it created anything is a failure of this test, not a hang.
  const first = await Promise.race([
    ledgerEntries(runId, api, entries).then(() => 'created' as const),
    started.done.then(() => 'exited' as const),
  ])
  if (first === 'exited') throw new Error(`the run ended before creating data:\n${started.output}`)
  const seen = pendingEntries(ROOT, { runId, api })
  const pid = child.pid as number
  // Ctrl-C in a terminal signals the whole process group (vitest's workers too).
  process.kill(target === 'group' ? -pid : pid, signal)
  const { status, output } = await started.done
  return { status, output, runId, reportDir, seen }
}

describe('an interrupted remote run', () => {
  beforeAll(async () => {
    sandbox = await createSandbox({ apis: [adapty, revenuecat], clock: 'system' })
    envFile = join(mkdtempSync(join(tmpdir(), 'subcontract-env-')), '.env.remote')
    // What `subcontract sandbox --write-env` would write for it: both APIs (each run picks one).
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
  })
  afterAll(() => sandbox.close())

  it('removes what it created on Ctrl-C (SIGINT to the process group), says so, and exits 130', async () => {
    const run = await interruptedRun('SIGINT', 'group')
    expect(run.output).toContain('SIGINT: stopping the run; teardown follows')
    expect(run.output).toMatch(/teardown: removed \d+ test profile/)
    expect(run.status).toBe(130)
    expect(await profilesOf(run.runId)).toEqual([])
    // The partial reports are written and say why the run stopped.
    const summary = JSON.parse(readFileSync(join(run.reportDir, 'summary.json'), 'utf8'))
    expect(JSON.stringify(summary.runErrors)).toContain('interrupted by SIGINT')
  }, 120_000)

  it('removes what it created on SIGTERM to the main process only, and exits 143', async () => {
    const run = await interruptedRun('SIGTERM', 'process')
    expect(run.output).toContain('SIGTERM: stopping the run; teardown follows')
    expect(run.status).toBe(143)
    expect(await profilesOf(run.runId)).toEqual([])
  }, 120_000)

  it('removes the RevenueCat customers it recorded on Ctrl-C, and exits 130', async () => {
    // Operations whose suites create customers from their first tests: a full run paced at 50
    // requests a second would first spend seconds in the cross-cutting suites' reads.
    const run = await interruptedRun('SIGINT', 'group', 'vitest', 'revenuecat', 2, [
      'create-customer',
      'set-customer-attributes',
      'grant-customer-entitlement',
    ])
    // Stopped once a worker had recorded its second customer: the first one's create-customer had
    // been answered, so the sandbox held it. The ledger names each by project and run-scoped id.
    const project = sandbox.apis.revenuecat?.values.REVENUECAT_PROJECT_ID
    expect(run.seen.length).toBeGreaterThan(0)
    for (const entry of run.seen)
      expect(entry.id).toMatch(new RegExp(`^${project}/subcontract-${run.runId}-`))
    expect(run.output).toContain('SIGINT: stopping the run; teardown follows')
    expect(run.output).toMatch(/teardown: removed [1-9]\d* test object/)
    expect(run.status, run.output).toBe(130)
    expect(await customersOf(run.runId)).toEqual([])
    // Nothing of the run is left in the ledger either: teardown forgot what it removed.
    expect(pendingEntries(ROOT, { runId: run.runId })).toEqual([])
  }, 120_000)

  it('stops the Newman stage at once and removes its test profile', async () => {
    const run = await interruptedRun('SIGINT', 'group', 'newman')
    expect(run.status, run.output).toBe(130)
    expect(run.output).toMatch(/teardown: removed \d+ test profile/)
    expect(await profilesOf(run.runId)).toEqual([])
    const summary = JSON.parse(readFileSync(join(run.reportDir, 'summary.json'), 'utf8'))
    // Far fewer than the collection's requests reached the target.
    expect(summary.runners.newman?.passed ?? 0).toBeLessThan(10)
  }, 120_000)
})
