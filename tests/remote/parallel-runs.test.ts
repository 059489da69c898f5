// Parallel runs: two regressions at the same time against one sandbox (both APIs, the env file
// `npm run sandbox -- --write-env` writes) with the same seed, each its own report directory.
// Run-scoped ids keep them apart: both pass, and nothing of either is left on the sandbox.
//
// What breaks it: the same seed gives both runs the same generated ids, so the run id is all that
// tells their test data apart. With one run id for both (SUBCONTRACT_RUN_ID=x on each, tried by
// hand), one run deletes the collection profile subcontract-x-pm while the other still uses it:
// newman fails with 404s and the run exits 1. A shared run id also shows
// directly: each run's id is read from its report directory's lock, taken before its first line.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APIS } from '../../src/apis/all.ts'
import { REPORT_DIR_LOCK } from '../../src/cli/report-dir.ts'
import { renderSandboxEnv } from '../../src/config/target-variables.ts'
import type { Summary } from '../../src/report/summary.ts'
import { createSandbox, type Sandbox, type SandboxApi } from '../../src/sandbox/create-sandbox.ts'
import {
  type ChildRun,
  type StartedRun,
  startSubcontract,
  testObjectsOn,
  testProfilesOn,
} from '../support/child-run.ts'

let sandbox: Sandbox
let envFile: string

/** Where a run's report directory names its owner while it runs (src/cli/report-dir.ts). */

/**
 * The operations of the second case: Adapty suites that create, change and delete test profiles
 * (and a read that checks them), and one RevenueCat customer operation. Small on purpose: the
 * first case already runs everything twice at once; this one is about a reader beside a writer.
 */
const WRITE_HEAVY = [
  'createProfile',
  'updateProfile',
  'deleteProfile',
  'getProfile',
  'grantAccessLevel',
  'get-customer',
].flatMap((id) => ['--operation', id])

/**
 * Every operation but those that write an object all runs share (decision 0021): updatePaywall
 * replaces the remote configs of the one paywall an app has for tests (ADAPTY_PAYWALL_ID), and
 * update-offering's current-offering test writes the project's one current offering, so two
 * runs that write them at once read each other's changes. (Leaving an operation out also leaves
 * out RevenueCat's flows, the current-offering switch among them. RevenueCat's cancel and refunds
 * share the objects a real project names for them, but on the sandbox each run makes its own.)
 */
const SHARED_WRITES = new Set(['adapty:updatePaywall', 'revenuecat:update-offering'])
const EXCEPT_SHARED = APIS.flatMap((api) =>
  api.operations
    .filter((op) => !SHARED_WRITES.has(`${api.name}:${op.operationId}`))
    .flatMap((op) => ['--operation', op.operationId]),
)

interface Regression {
  run: StartedRun
  reportDir: string
  /** The run id and pid from the report directory's lock; undefined if the run never started. */
  owner: Promise<{ runId: string; pid: number } | undefined>
}

/** Starts `subcontract run --target remote` against the sandbox, with its own report directory. */
function startRegression(args: string[]): Regression {
  const reportDir = mkdtempSync(join(tmpdir(), 'subcontract-parallel-'))
  const run = startSubcontract([
    'run',
    '--target',
    'remote',
    '--env-file',
    envFile,
    '--report-dir',
    reportDir,
    ...args,
  ])
  // The lock is taken before the run prints its first line and released when it ends.
  const owner = new Promise<{ runId: string; pid: number } | undefined>((resolve) => {
    const onData = () => {
      if (!run.output.includes('subcontract run:')) return
      run.child.stdout?.off('data', onData)
      try {
        resolve(JSON.parse(readFileSync(join(reportDir, REPORT_DIR_LOCK), 'utf8')))
      } catch {
        resolve(undefined)
      }
    }
    run.child.stdout?.on('data', onData)
    void run.done.then(() => resolve(undefined))
  })
  return { run, reportDir, owner }
}

function summaryOf(reportDir: string): Summary {
  return JSON.parse(readFileSync(join(reportDir, 'summary.json'), 'utf8'))
}

/** Every skip reason in a run's junit.xml, one per skipped test. */
function skipReasons(reportDir: string): string[] {
  const junit = readFileSync(join(reportDir, 'junit.xml'), 'utf8')
  const testcases = junit.split('<testcase ').filter((t) => t.includes('<skipped'))
  return testcases.map((t) => /name="skip-reason" value="([^"]*)"/.exec(t)?.[1] ?? '(no reason)')
}

/** The sandbox's Adapty API. */
function adapty(): SandboxApi {
  const api = sandbox.apis.adapty
  if (api === undefined) throw new Error('the sandbox does not serve adapty')
  return api
}

/** The seeded premium profile as getProfile answers it: status and body, but the answer's time. */
async function premiumProfile(): Promise<{ status: number; body: unknown }> {
  const { url, apiKey, values } = adapty()
  const res = await fetch(`${url}/api/v2/server-side-api/profile/`, {
    headers: {
      authorization: `Api-Key ${apiKey}`,
      'adapty-customer-user-id': values.ADAPTY_CUSTOMER_USER_ID ?? '',
    },
  })
  const body = (await res.json()) as { data?: { timestamp?: number } }
  delete body.data?.timestamp
  return { status: res.status, body }
}

/** The customer user ids of the seeded profiles the sandbox holds. */
async function seededProfiles(): Promise<string[]> {
  const { url, apiKey } = adapty()
  const res = await fetch(`${new URL(url).origin}/__sandbox/profiles`, {
    headers: { authorization: `Api-Key ${apiKey}` },
  })
  const { profiles } = (await res.json()) as {
    profiles: Array<{ customer_user_id: string | null }>
  }
  return profiles
    .map((p) => p.customer_user_id ?? '(anonymous)')
    .filter((id) => id.startsWith('subcontract-seed-'))
    .sort()
}

/** Both runs to the end, started together. */
async function together(a: Regression, b: Regression): Promise<[ChildRun, ChildRun]> {
  return Promise.all([a.run.done, b.run.done])
}

function expectPassed(result: ChildRun, reportDir: string): Summary {
  expect(result.status, result.output).toBe(0)
  const summary = summaryOf(reportDir)
  expect(summary.totals.failed, result.output).toBe(0)
  expect(summary.runErrors, result.output).toEqual([])
  expect(summary.totals.passed, result.output).toBeGreaterThan(0)
  return summary
}

describe('two regressions at the same time against one sandbox', () => {
  beforeAll(async () => {
    sandbox = await createSandbox({ apis: APIS, clock: 'system' })
    // What `npm run sandbox -- --write-env <file>` writes: every variable of both APIs.
    envFile = join(mkdtempSync(join(tmpdir(), 'subcontract-parallel-env-')), '.env.sandbox')
    writeFileSync(
      envFile,
      renderSandboxEnv(
        APIS.flatMap((api) => {
          const info = sandbox.apis[api.name]
          return info === undefined ? [] : [{ spec: api, values: info.values }]
        }),
      ),
    )
  })
  afterAll(() => sandbox.close())

  // One case, three runs at once (two writers and a reader): each further pair would be two more
  // runs of the same suites, on a CPU the whole test suite already keeps busy.
  it('two writers with the same seed and a reader beside them all pass, the reader writes nothing, and nothing is left', async () => {
    const seeded = await seededProfiles()
    const premium = await premiumProfile()
    expect(premium.status).toBe(200)
    // The full regression of both APIs but for the operations that write an object every run
    // shares (decision 0021): both writers run every suite with the same seed (the same faker
    // draws, so any name a test draws rather than scopes to its run would meet its twin), and
    // one of them the collections too, beside the other's suites. (Two Newman runs at once add
    // 15 s of CPU to a suite at CI's budget, and the collection's objects are all named by run.)
    const a = startRegression(['--allow-writes', ...EXCEPT_SHARED])
    const b = startRegression(['--allow-writes', '--runner', 'vitest', ...EXCEPT_SHARED])
    const reader = startRegression(WRITE_HEAVY)
    const [[ra, rb], rr] = await Promise.all([together(a, b), reader.run.done])
    const sa = expectPassed(ra, a.reportDir)
    const sb = expectPassed(rb, b.reportDir)
    expect(sb.runners.vitest, rb.output).toEqual(sa.runners.vitest)
    expect(sa.runners.newman?.passed, ra.output).toBeGreaterThan(0)

    // The reader skipped its writes with the reason, ran no Newman, and its teardown looked for
    // its own run's data only: it had none, and took none of the writers'.
    const sr = expectPassed(rr, reader.reportDir)
    expect(sr.totals.passed, rr.output).toBeLessThan(sa.totals.passed)
    expect(rr.stdout).toContain('skip newman')
    expect(
      skipReasons(reader.reportDir).some((r) =>
        r.includes('writes on a remote target need --allow-writes'),
      ),
    ).toBe(true)
    expect(rr.stdout).toMatch(/^teardown: removed 0 test profile\(s\)\n/m)
    expect(rr.stdout).toMatch(/^teardown: removed 0 test object\(s\)\n/m)
    expect((await reader.owner)?.runId).not.toBe((await a.owner)?.runId)

    const [oa, ob] = [await a.owner, await b.owner]
    expect(oa?.pid).toBe(a.run.child.pid)
    expect(ob?.pid).toBe(b.run.child.pid)
    expect(oa?.runId).toMatch(/^[A-Za-z0-9]+$/)
    expect(ob?.runId).toMatch(/^[A-Za-z0-9]+$/)
    expect(oa?.runId).not.toBe(ob?.runId)

    for (const result of [ra, rb]) {
      expect(result.stdout).toMatch(/^teardown: removed \d+ test profile\(s\)/m)
      expect(result.stdout).toMatch(/^teardown: removed \d+ test object\(s\)/m)
    }
    expect(await testProfilesOn(sandbox)).toEqual([])
    // Neither run's RevenueCat test customers (suites' and the collection's) are left either.
    expect(await testObjectsOn(sandbox)).toEqual([])
    expect(await seededProfiles()).toEqual(seeded)
    expect(await premiumProfile()).toEqual(premium)
    expect(sandbox.selfCheck.problems).toEqual([])
  }, 180_000)
})
