// A remote target, done safely: the sandbox runs on loopback as if it were the vendor, and the
// regression runs against it from a dotenv file. Afterwards the sandbox is asked what is left.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { adapty } from '../../src/apis/adapty/api.ts'
import { runSandbox } from '../../src/cli/sandbox.ts'
import {
  currentProcessOwner,
  type LedgerOwner,
  pendingEntries,
  recordCreated,
} from '../../src/config/run-ledger.ts'
import { createSandbox, type Sandbox, type SandboxApi } from '../../src/sandbox/create-sandbox.ts'
import { runSubcontract, testProfilesOn } from '../support/child-run.ts'

const ROOT = new URL('../../', import.meta.url).pathname
let sandbox: Sandbox
let envFile: string

/** The sandbox's Adapty API. */
function served(): SandboxApi {
  const api = sandbox.apis.adapty
  if (api === undefined) throw new Error('the sandbox does not serve adapty')
  return api
}

/** `subcontract <args>` in a child process (a pace fit for loopback unless `extraEnv` sets one). */
function node(args: string[], extraEnv: Record<string, string> = {}) {
  return runSubcontract(args, { env: extraEnv })
}

async function regression(...args: string[]) {
  const reportDir = mkdtempSync(join(tmpdir(), 'subcontract-remote-'))
  const run = await node([
    'run',
    // The env file points at the sandbox's Adapty API only.
    '--api',
    'adapty',
    '--target',
    'remote',
    '--env-file',
    envFile,
    '--report-dir',
    reportDir,
    ...args,
  ])
  return { ...run, reportDir }
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

const testProfilesLeft = () => testProfilesOn(sandbox)

describe('remote target over loopback', () => {
  beforeAll(async () => {
    sandbox = await createSandbox({ apis: [adapty], clock: 'system' })
    const { url, apiKey, values } = served()
    envFile = join(mkdtempSync(join(tmpdir(), 'subcontract-env-')), '.env.remote')
    writeFileSync(
      envFile,
      [
        `ADAPTY_BASE_URL=${url}`,
        `ADAPTY_SECRET_API_KEY=${apiKey}`,
        `ADAPTY_CUSTOMER_USER_ID=${values.ADAPTY_CUSTOMER_USER_ID}`,
        `ADAPTY_PAYWALL_ID=${values.ADAPTY_PAYWALL_ID}`,
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

  it('creates test profiles with --allow-writes and removes every one at teardown', async () => {
    const run = await regression(
      '--allow-writes',
      '--operation',
      'createProfile',
      '--operation',
      'deleteProfile',
    )
    expect(run.status, run.stdout + run.stderr).toBe(0)
    expect(run.stdout).toMatch(/teardown: removed \d+ test profile/)
    expect(await testProfilesLeft()).toEqual([])
  }, 120_000)

  it('ends a 429 storm in a passing run whose report shows the retries', async () => {
    sandbox.faults.add({ operationId: 'getProfile', kind: '429', times: 3, retryAfterSeconds: 0 })
    const run = await regression(
      '--allow-writes',
      '--runner',
      'vitest',
      '--operation',
      'getProfile',
    )
    expect(run.status, run.stdout + run.stderr).toBe(0)
    expect(run.stdout).toMatch(/retried [1-9]\d* request\(s\)/)
    const summary = JSON.parse(readFileSync(join(run.reportDir, 'summary.json'), 'utf8'))
    expect(summary.totals.failed).toBe(0)
    expect(summary.retries.requests).toBeGreaterThan(0)
    expect(summary.retries.attempts).toBeGreaterThan(summary.retries.requests)
    expect(summary.operations[0].retried).toBeGreaterThan(0)
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

  it('still removes its test profiles when tests fail', async () => {
    sandbox.faults.add({ operationId: 'updateProfile', kind: '503', times: 1000 })
    const run = await regression(
      '--allow-writes',
      '--runner',
      'vitest',
      '--operation',
      'updateProfile',
    )
    expect(run.status).toBe(1)
    expect(run.stdout).toMatch(/[1-9]\d* failed/)
    const summary = JSON.parse(readFileSync(join(run.reportDir, 'summary.json'), 'utf8'))
    expect(summary.failures.length).toBeGreaterThan(0)
    expect(await testProfilesLeft()).toEqual([])
  }, 120_000)

  it('removes the collection profile when Newman stops halfway', async () => {
    sandbox.faults.add({ operationId: 'grantAccessLevel', kind: '503', times: 1000 })
    const run = await regression('--allow-writes', '--runner', 'newman', '--bail')
    expect(run.status).toBe(1)
    expect(run.stdout).toMatch(/newman .* [1-9]\d* failed/)
    expect(run.stdout).toMatch(/teardown: removed 1 test profile/)
    expect(await testProfilesLeft()).toEqual([])
  }, 120_000)

  it('removes what an interrupted run left behind with npm run cleanup', async () => {
    const killed = deadOwner()
    for (const id of ['subcontract-killed-1', 'subcontract-killed-2'])
      await leftBehind('killed', id, killed)
    expect(await testProfilesLeft()).toEqual(['subcontract-killed-1', 'subcontract-killed-2'])
    const cleanup = await node(['cleanup', '--target', 'remote', '--env', envFile])
    expect(cleanup.status, cleanup.stderr).toBe(0)
    expect(cleanup.stdout).toContain('cleanup adapty: removed 2 test profile(s)')
    expect(await testProfilesLeft()).toEqual([])
  }, 120_000)

  it('leaves the profiles of a live run to it, and removes them only with --force', async () => {
    await leftBehind('livecleanup', 'subcontract-live-1', currentProcessOwner())
    await leftBehind('deadcleanup', 'subcontract-dead-1', deadOwner())
    const cleanup = await node(['cleanup', '--target', 'remote', '--env', envFile])
    expect(cleanup.status, cleanup.stderr).toBe(0)
    expect(cleanup.stdout).toContain('cleanup adapty: removed 1 test profile(s)')
    expect(cleanup.stdout).toContain(
      `cleanup adapty: left 1 test profile(s) of run livecleanup: it is still running (pid ${process.pid}`,
    )
    expect(cleanup.stdout).toContain('pass --force to remove them anyway')
    expect(await testProfilesLeft()).toEqual(['subcontract-live-1'])
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
        id: 'subcontract-never-made',
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
    // Forgotten: nothing of it is left to remove (other runs' entries may still be recorded).
    expect(second.stdout).toMatch(
      /cleanup( adapty: removed 0 test profile\(s\)\n|: nothing recorded for [a-z, ]*\badapty\b[a-z, ]*; nothing to remove)/,
    )
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
