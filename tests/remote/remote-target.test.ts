// A remote target, done safely: the sandbox runs on loopback as if it were the vendor (Adapty and
// RevenueCat), and the regression runs against it from a dotenv file. Afterwards the sandbox is
// asked what is left: Adapty's test profiles, RevenueCat's test customers.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { adapty } from '../../src/apis/adapty/api.ts'
import { revenuecat } from '../../src/apis/revenuecat/api.ts'
import { runTestData } from '../../src/apis/revenuecat/collection.ts'
import { runSandbox } from '../../src/cli/sandbox.ts'
import {
  currentProcessOwner,
  forgetEntries,
  type LedgerEntry,
  type LedgerOwner,
  pendingEntries,
  recordCreated,
} from '../../src/config/run-ledger.ts'
import { renderSandboxEnv } from '../../src/config/target-variables.ts'
import type { Summary } from '../../src/report/summary.ts'
import { createSandbox, type Sandbox, type SandboxApi } from '../../src/sandbox/create-sandbox.ts'
import { customersOn, runSubcontract, testObjectsOn, testProfilesOn } from '../support/child-run.ts'

const ROOT = new URL('../../', import.meta.url).pathname
let sandbox: Sandbox
/** Both APIs: Adapty's few variables, every one of RevenueCat's. */
let envFile: string
/** Adapty's variables only. */
let adaptyEnvFile: string

/** The sandbox's Adapty API. */
function served(): SandboxApi {
  const api = sandbox.apis.adapty
  if (api === undefined) throw new Error('the sandbox does not serve adapty')
  return api
}

/** The sandbox's RevenueCat API. */
function servedRevenueCat(): SandboxApi {
  const api = sandbox.apis.revenuecat
  if (api === undefined) throw new Error('the sandbox does not serve revenuecat')
  return api
}

/** A run id unique to this test process and case (at most 16 characters, [A-Za-z0-9]). */
const runIdFor = (tag: string) => `${tag}${process.pid.toString(36)}`

/** `subcontract <args>` in a child process (a pace fit for loopback unless `extraEnv` sets one). */
function node(args: string[], extraEnv: Record<string, string> = {}) {
  return runSubcontract(args, { env: extraEnv })
}

/** A remote run of Adapty only. */
function regression(...args: string[]) {
  return regressionOf(['adapty'], args)
}

/** A remote run of `apis`, with `env` (a run id, say) for the child. */
async function regressionOf(
  apis: string[],
  args: string[],
  env: Record<string, string> = {},
): Promise<Awaited<ReturnType<typeof node>> & { reportDir: string }> {
  const reportDir = mkdtempSync(join(tmpdir(), 'subcontract-remote-'))
  const run = await node(
    [
      'run',
      ...apis.flatMap((api) => ['--api', api]),
      '--target',
      'remote',
      '--env-file',
      envFile,
      '--report-dir',
      reportDir,
      ...args,
    ],
    env,
  )
  return { ...run, reportDir }
}

function summaryOf(reportDir: string): Summary {
  return JSON.parse(readFileSync(join(reportDir, 'summary.json'), 'utf8'))
}

/** The summary of one operation of a run. */
function operationOf(reportDir: string, api: string, operationId: string) {
  const op = summaryOf(reportDir).operations.find(
    (o) => o.api === api && o.operationId === operationId,
  )
  if (op === undefined) throw new Error(`the summary has no ${api} ${operationId}`)
  return op
}

/** The owner of a run that was killed: a process that has exited. */
function deadOwner(): LedgerOwner {
  const pid = spawnSync(process.execPath, ['-e', '']).pid
  if (pid === undefined) throw new Error('could not start a child process')
  return { ...currentProcessOwner(), pid }
}

/** Creates a profile on the sandbox and records it in the checkout's ledger under `owner`. */
async function leftBehind(runId: string, customerUserId: string, owner: LedgerOwner) {
  await fetch(`${served().url}/api/v2/server-side-api/profile/`, {
    method: 'POST',
    headers: {
      authorization: `Api-Key ${served().apiKey}`,
      'content-type': 'application/json',
      'adapty-customer-user-id': customerUserId,
    },
    body: '{}',
  })
  const origin = new URL(served().url).origin
  recordCreated(
    {
      runId,
      api: 'adapty',
      origin,
      id: customerUserId,
      createdAt: new Date().toISOString(),
      owner,
    },
    ROOT,
  )
}

/** Every skip reason in a run's junit.xml, one per skipped test. */
function skipReasons(reportDir: string): string[] {
  const junit = readFileSync(join(reportDir, 'junit.xml'), 'utf8')
  const testcases = junit.split('<testcase ').filter((t) => t.includes('<skipped'))
  return testcases.map((t) => /name="skip-reason" value="([^"]*)"/.exec(t)?.[1] ?? '(no reason)')
}

/**
 * Creates a RevenueCat customer on the sandbox and records it in the checkout's ledger under
 * `owner`, as `<project_id>/<customer_id>`; returns the entry.
 */
async function customerLeftBehind(
  runId: string,
  customerId: string,
  owner: LedgerOwner,
): Promise<LedgerEntry> {
  const { url, apiKey, values } = servedRevenueCat()
  const project = values.REVENUECAT_PROJECT_ID ?? ''
  const res = await fetch(`${url}/projects/${project}/customers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id: customerId }),
  })
  expect(res.status, await res.text()).toBe(201)
  const entry: LedgerEntry = {
    runId,
    api: 'revenuecat',
    origin: new URL(url).origin,
    id: `${project}/${customerId}`,
    createdAt: new Date().toISOString(),
    owner,
  }
  recordCreated(entry, ROOT)
  return entry
}

const testProfilesLeft = () => testProfilesOn(sandbox)
const testCustomersLeft = (runId?: string) => testObjectsOn(sandbox, runId)

describe('remote target over loopback', () => {
  beforeAll(async () => {
    sandbox = await createSandbox({ apis: [adapty, revenuecat], clock: 'system' })
    const { url, apiKey, values } = served()
    const dir = mkdtempSync(join(tmpdir(), 'subcontract-env-'))
    const adaptyLines = [
      `ADAPTY_BASE_URL=${url}`,
      `ADAPTY_SECRET_API_KEY=${apiKey}`,
      `ADAPTY_CUSTOMER_USER_ID=${values.ADAPTY_CUSTOMER_USER_ID}`,
      `ADAPTY_PAYWALL_ID=${values.ADAPTY_PAYWALL_ID}`,
    ]
    adaptyEnvFile = join(dir, '.env.adapty')
    writeFileSync(adaptyEnvFile, adaptyLines.join('\n'))
    envFile = join(dir, '.env.remote')
    writeFileSync(
      envFile,
      [
        ...adaptyLines,
        renderSandboxEnv([{ spec: revenuecat, values: servedRevenueCat().values }]),
      ].join('\n'),
    )
  })
  afterAll(() => sandbox.close())
  beforeEach(() => sandbox.faults.clear())

  it('runs reads and skips writes, with the reason, without --allow-writes', async () => {
    const run = await regression('--operation', 'getProfile', '--operation', 'updateProfile')
    expect(run.status, run.stdout + run.stderr).toBe(0)
    expect(run.stdout).toContain('skip newman')
    const junit = readFileSync(join(run.reportDir, 'junit.xml'), 'utf8')
    expect(junit).toContain('writes on a remote target need --allow-writes')
    const summary = JSON.parse(readFileSync(join(run.reportDir, 'summary.json'), 'utf8'))
    expect(
      summary.operations.find((o: { operationId: string }) => o.operationId === 'getProfile')
        .passed,
    ).toBeGreaterThan(0)
    expect(
      summary.operations.find((o: { operationId: string }) => o.operationId === 'updateProfile')
        .passed,
    ).toBe(0)
    expect(await testProfilesLeft()).toEqual([])
  }, 120_000)

  // One writing run for two cases (each run costs a process start): the teardown of what the
  // suites and the collection made, and a 429 storm on one read of each API that the retries end.
  it('creates test profiles and customers with --allow-writes, removes every one at teardown, and ends a 429 storm in a passing run whose report shows the retries', async () => {
    sandbox.faults.add({ operationId: 'getProfile', kind: '429', times: 3, retryAfterSeconds: 0 })
    // RevenueCat's 429: Retry-After 0, and backoff_ms 0 in its body.
    sandbox.faults.add({ operationId: 'get-customer', kind: '429', times: 3, retryAfterSeconds: 0 })
    const runId = runIdFor('teardown')
    const run = await regressionOf(
      ['adapty', 'revenuecat'],
      [
        '--allow-writes',
        ...[
          'createProfile',
          'deleteProfile',
          'getProfile',
          'create-customer',
          'delete-customer',
          'get-customer',
        ].flatMap((id) => ['--operation', id]),
      ],
      { SUBCONTRACT_RUN_ID: runId },
    )
    expect(run.status, run.stdout + run.stderr).toBe(0)
    // Teardown: the suites and the collection made RevenueCat customers of the run, and none is left.
    expect(run.stdout).toMatch(/teardown: removed \d+ test profile/)
    expect(run.stdout).toMatch(/teardown: removed \d+ test object/)
    expect(operationOf(run.reportDir, 'revenuecat', 'create-customer').passed).toBeGreaterThan(0)
    expect(await testProfilesLeft()).toEqual([])
    expect(await testCustomersLeft(runId)).toEqual([])
    expect(pendingEntries(ROOT, { runId })).toEqual([])
    // The storm: retried, nothing failed, and the report says so per operation.
    expect(run.stdout).toMatch(/retried [1-9]\d* request\(s\)/)
    const summary = summaryOf(run.reportDir)
    expect(summary.totals.failed).toBe(0)
    expect(summary.retries.requests).toBeGreaterThan(1)
    expect(summary.retries.attempts).toBeGreaterThan(summary.retries.requests)
    expect(operationOf(run.reportDir, 'adapty', 'getProfile').retried).toBeGreaterThan(0)
    expect(operationOf(run.reportDir, 'revenuecat', 'get-customer').retried).toBeGreaterThan(0)
  }, 120_000)

  it('reports a 429 whose Retry-After outlasts the retry budget as a transport failure (exit 3), not a contract one', async () => {
    sandbox.faults.add({
      operationId: 'getProfile',
      kind: '429',
      times: 1000,
      retryAfterSeconds: 60,
    })
    const run = await regression(
      '--allow-writes',
      '--runner',
      'vitest',
      '--operation',
      'getProfile',
    )
    expect(run.status, run.stdout + run.stderr).toBe(3)
    const summary = JSON.parse(readFileSync(join(run.reportDir, 'summary.json'), 'utf8'))
    const kinds = new Set(summary.failures.map((f: { kind: string }) => f.kind))
    expect([...kinds]).toEqual(['transport'])
    expect(run.stdout).not.toContain('received 429')
  }, 120_000)

  it('still removes its test profiles and customers when tests fail, and records a customer before creating it', async () => {
    sandbox.faults.add({ operationId: 'updateProfile', kind: '503', times: 1000 })
    // No create-customer gets an answer (the connection is reset before the sandbox acts, and a
    // POST without an Idempotency-Key is not retried): only entries written before the requests
    // name the test customers, and the teardown finds each one already gone.
    sandbox.faults.add({ operationId: 'create-customer', kind: 'reset', times: 1000 })
    const runId = runIdFor('failing')
    const before = await customersOn(sandbox)
    const run = await regressionOf(
      ['adapty', 'revenuecat'],
      [
        '--allow-writes',
        '--runner',
        'vitest',
        '--operation',
        'updateProfile',
        '--operation',
        'create-customer',
      ],
      { SUBCONTRACT_RUN_ID: runId },
    )
    expect(run.status).toBe(1)
    expect(run.stdout).toMatch(/[1-9]\d* failed/)
    const summary = summaryOf(run.reportDir)
    expect(summary.failures.length).toBeGreaterThan(0)
    // Every create-customer failed in transport, never as a contract failure.
    const revenuecatFailures = summary.failures.filter((f) => f.api === 'revenuecat')
    expect(revenuecatFailures.length).toBeGreaterThan(0)
    for (const failure of revenuecatFailures) {
      expect(failure.kind).toBe('transport')
      expect(failure.reason).toContain('not retried: the request is not idempotent')
    }
    expect(run.stdout).toMatch(/^teardown: removed 0 test object\(s\), [1-9]\d* already gone$/m)
    // create-customer's refusal tests name seeded ids (subcontract-seed-ünïcødé-✓): not the run's,
    // so they never reach the ledger, and every seeded customer stays.
    expect(run.stdout).not.toContain('recorded id(s) alone')
    expect(await customersOn(sandbox)).toEqual(before)
    expect(await testProfilesLeft()).toEqual([])
    expect(await testCustomersLeft(runId)).toEqual([])
    expect(pendingEntries(ROOT, { runId })).toEqual([])
  }, 120_000)

  it('removes the collection profile and customers when Newman stops halfway', async () => {
    sandbox.faults.add({ operationId: 'grantAccessLevel', kind: '503', times: 1000 })
    // RevenueCat's collection stops at its fourth folder (Audit Log), early: its run customer
    // (-pm) exists by then, the one its create-customer request makes (-pm-new) not yet, and the
    // Paywall and App folders before it have made and deleted their objects.
    sandbox.faults.add({ operationId: 'list-audit-logs', kind: '503', times: 1000 })
    const runId = runIdFor('newman')
    const run = await regressionOf(
      ['adapty', 'revenuecat'],
      ['--allow-writes', '--runner', 'newman', '--bail'],
      { SUBCONTRACT_RUN_ID: runId },
    )
    expect(run.status).toBe(1)
    expect(run.stdout).toMatch(/newman .*adapty.* [1-9]\d* failed/)
    expect(run.stdout).toMatch(/newman .*revenuecat.* [1-9]\d* failed/)
    expect(run.stdout).toMatch(/teardown: removed 1 test profile/)
    // The run's test customer and the one holding its store objects (made on the sandbox before
    // the first request) are removed. Everything else the ledger named for the collection is
    // already gone: the customer create-customer's request makes was never made, and each
    // configuration folder that ran deleted its own objects at its end (the others never ran).
    const named = runTestData(runId, {
      projectId: sandbox.apis.revenuecat?.values.REVENUECAT_PROJECT_ID ?? '',
    })
    expect(run.stdout).toContain(
      `\nteardown: removed 2 test object(s), ${named.length - 2} already gone\n`,
    )
    expect(await testProfilesLeft()).toEqual([])
    expect(await testCustomersLeft(runId)).toEqual([])
    expect(pendingEntries(ROOT, { runId })).toEqual([])
  }, 120_000)

  it('removes what an interrupted run left behind with npm run cleanup', async () => {
    const killed = deadOwner()
    for (const id of ['subcontract-killed-1', 'subcontract-killed-2'])
      await leftBehind('killed', id, killed)
    await customerLeftBehind('killed', 'subcontract-killed-c1', killed)
    expect(await testProfilesLeft()).toEqual(['subcontract-killed-1', 'subcontract-killed-2'])
    expect(await testCustomersLeft('killed')).toEqual([
      `${servedRevenueCat().values.REVENUECAT_PROJECT_ID}/subcontract-killed-c1`,
    ])
    const cleanup = await node(['cleanup', '--target', 'remote', '--env', envFile])
    expect(cleanup.status, cleanup.stderr).toBe(0)
    expect(cleanup.stdout).toContain('cleanup adapty: removed 2 test profile(s)')
    expect(cleanup.stdout).toContain('cleanup revenuecat: removed 1 test object(s)')
    expect(await testProfilesLeft()).toEqual([])
    expect(await testCustomersLeft('killed')).toEqual([])
    expect(pendingEntries(ROOT, { runId: 'killed' })).toEqual([])
  }, 120_000)

  it('cleans up Adapty with an env file without a RevenueCat key, though the ledger holds RevenueCat entries', async () => {
    // A RevenueCat customer of a run still going (this process), recorded for this sandbox: an
    // env file that names Adapty only cannot reach it, and must not fail for it.
    const live = await customerLeftBehind(
      'liveonly',
      'subcontract-liveonly-c1',
      currentProcessOwner(),
    )
    try {
      await leftBehind('killedonly', 'subcontract-killedonly-1', deadOwner())
      const cleanup = await node(['cleanup', '--target', 'remote', '--env', adaptyEnvFile])
      expect(cleanup.status, cleanup.stdout + cleanup.stderr).toBe(0)
      expect(cleanup.stdout).toContain(
        `skip revenuecat: REVENUECAT_API_KEY is not set in ${adaptyEnvFile} (pass --api revenuecat to require it)`,
      )
      expect(cleanup.stdout).toContain('cleanup adapty: removed 1 test profile(s)')
      expect(await testProfilesLeft()).toEqual([])
      // --api revenuecat asks for the key it needs.
      const named = await node([
        'cleanup',
        '--target',
        'remote',
        '--env',
        adaptyEnvFile,
        '--api',
        'revenuecat',
      ])
      expect(named.status).toBe(2)
      expect(named.stderr).toContain('REVENUECAT_API_KEY is not set')
    } finally {
      const forced = await node([
        'cleanup',
        '--target',
        'remote',
        '--env',
        envFile,
        '--run',
        'liveonly',
        '--force',
      ])
      expect(forced.stdout).toContain('cleanup revenuecat: removed 1 test object(s)')
      forgetEntries([live], ROOT)
    }
    expect(await testCustomersLeft('liveonly')).toEqual([])
  }, 120_000)

  it('leaves the profiles of a live run to it, and removes them only with --force', async () => {
    await leftBehind('livecleanup', 'subcontract-livecleanup-1', currentProcessOwner())
    await leftBehind('deadcleanup', 'subcontract-deadcleanup-1', deadOwner())
    const cleanup = await node(['cleanup', '--target', 'remote', '--env', envFile])
    expect(cleanup.status, cleanup.stderr).toBe(0)
    expect(cleanup.stdout).toContain('cleanup adapty: removed 1 test profile(s)')
    expect(cleanup.stdout).toContain(
      `cleanup adapty: left 1 test profile(s) of run livecleanup: it is still running (pid ${process.pid}`,
    )
    expect(cleanup.stdout).toContain('pass --force to remove them anyway')
    expect(await testProfilesLeft()).toEqual(['subcontract-livecleanup-1'])
    const forced = await node(['cleanup', '--target', 'remote', '--env', envFile, '--force'])
    expect(forced.status, forced.stderr).toBe(0)
    expect(forced.stdout).toContain('cleanup adapty: removed 1 test profile(s)')
    expect(forced.stdout).not.toContain('left')
    expect(await testProfilesLeft()).toEqual([])
  }, 120_000)

  it('reports a profile that is already gone as such, not as removed, and forgets it', async () => {
    const origin = new URL(served().url).origin
    recordCreated(
      {
        runId: 'gone',
        api: 'adapty',
        origin,
        id: 'subcontract-gone-never-made',
        createdAt: new Date().toISOString(),
        owner: deadOwner(),
      },
      ROOT,
    )
    const first = await node(['cleanup', '--target', 'remote', '--env-file', envFile])
    expect(first.status, first.stderr).toBe(0)
    expect(first.stdout).toContain('cleanup adapty: removed 0 test profile(s), 1 already gone')
    expect(pendingEntries(ROOT, { runId: 'gone' })).toEqual([])
    const second = await node(['cleanup', '--target', 'remote', '--env', envFile])
    expect(second.status, second.stderr).toBe(0)
    expect(second.stdout).not.toContain('already gone')
    // Forgotten: nothing of it is left to remove (other runs' entries may still be recorded, of
    // either API: each API with some prints its line).
    expect(second.stdout).not.toMatch(/cleanup adapty: removed [1-9]/)
  }, 120_000)
})

describe('a remote run against subcontract sandbox --write-env', () => {
  it('has every value the sandbox has: only sandbox-only tests skip, and teardown removes nothing twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'subcontract-write-env-'))
    const file = join(dir, '.env.sandbox')
    const standalone = await runSandbox(['--port', '0', '--write-env', file], () => {})
    if (standalone === undefined) throw new Error('the sandbox did not start')
    try {
      const reportDir = mkdtempSync(join(tmpdir(), 'subcontract-remote-'))
      // Every suite that needs target data: paywalls, store tokens, the VC keys and currencies.
      const run = await node(
        [
          'run',
          '--target',
          'remote',
          '--env',
          file,
          '--allow-writes',
          '--runner',
          'vitest',
          '--operation',
          '*Paywall*',
          '--operation',
          'validate*',
          '--operation',
          '*VirtualCurrency*',
          '--report-dir',
          reportDir,
        ],
        { SUBCONTRACT_RATE_LIMIT: '100' },
      )
      expect(run.status, run.stdout + run.stderr).toBe(0)
      const reasons = skipReasons(reportDir)
      expect(reasons.length).toBeGreaterThan(0)
      expect(reasons.filter((r) => !r.startsWith('sandbox only:'))).toEqual([])
      // The files' own teardown removed and forgot their profiles: the run's teardown has none left.
      expect(run.stdout).toContain('teardown: removed 0 test profile(s)\n')
    } finally {
      await standalone.close()
    }
  }, 300_000)

  it('refuses an env file in a missing directory with exit 2, naming the file, before it listens', async () => {
    const file = join(tmpdir(), 'subcontract-no-such-dir', 'x.env')
    const run = await node(['sandbox', '--port', '0', '--write-env', file])
    expect(run.status).toBe(2)
    expect(run.stderr).toContain(`Failed to write the sandbox env file: ${file} cannot be written`)
    expect(run.stderr).not.toContain('.tmp-')
    expect(run.stdout).not.toContain('listening')
    expect(existsSync(file)).toBe(false)
  }, 60_000)
})
