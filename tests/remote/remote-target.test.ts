// A remote target, done safely: the sandbox runs on loopback as if it were the vendor, and the
// regression runs against it from a dotenv file. Afterwards the sandbox is asked what is left.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { recordCreated } from '../../src/config/run-ledger.ts'
import { createSandbox, type Sandbox } from '../../src/sandbox/create-sandbox.ts'

const ROOT = new URL('../../', import.meta.url).pathname
let sandbox: Sandbox
let envFile: string

// Asynchronous on purpose: the sandbox lives in this process and must keep answering.
function node(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env }
    delete env.SUBCONTRACT_TARGET
    delete env.SUBCONTRACT_ALLOW_WRITES
    delete env.SUBCONTRACT_RUN_ID
    const child = spawn(process.execPath, ['--', 'bin/subcontract.js', ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}

async function regression(...args: string[]) {
  const reportDir = mkdtempSync(join(tmpdir(), 'subcontract-remote-'))
  const run = await node([
    'run',
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

async function testProfilesLeft(): Promise<string[]> {
  const res = await fetch(`${sandbox.adapty.url}/__sandbox/profiles`, {
    headers: { authorization: `Api-Key ${sandbox.adapty.apiKey}` },
  })
  const { profiles } = (await res.json()) as {
    profiles: Array<{ customer_user_id: string | null }>
  }
  return profiles
    .map((p) => p.customer_user_id ?? '(anonymous)')
    .filter((id) => !id.startsWith('subcontract-seed-'))
}

describe('remote target over loopback', () => {
  beforeAll(async () => {
    sandbox = await createSandbox({ clock: 'system' })
    envFile = join(mkdtempSync(join(tmpdir(), 'subcontract-env-')), '.env.remote')
    writeFileSync(
      envFile,
      [
        `ADAPTY_BASE_URL=${sandbox.adapty.url}`,
        `ADAPTY_SECRET_API_KEY=${sandbox.adapty.apiKey}`,
        `ADAPTY_CUSTOMER_USER_ID=${sandbox.adapty.seededCustomerUserId}`,
        `ADAPTY_PAYWALL_ID=${sandbox.adapty.paywallId}`,
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
    const origin = new URL(sandbox.adapty.url).origin
    for (const id of ['subcontract-killed-1', 'subcontract-killed-2']) {
      await fetch(`${sandbox.adapty.url}/api/v2/server-side-api/profile/`, {
        method: 'POST',
        headers: {
          authorization: `Api-Key ${sandbox.adapty.apiKey}`,
          'content-type': 'application/json',
          'adapty-customer-user-id': id,
        },
        body: '{}',
      })
      recordCreated(
        { runId: 'killed', origin, customerUserId: id, createdAt: new Date().toISOString() },
        ROOT,
      )
    }
    expect(await testProfilesLeft()).toEqual(['subcontract-killed-1', 'subcontract-killed-2'])
    const cleanup = await node(['cleanup', '--target', 'remote', '--env-file', envFile])
    expect(cleanup.status, cleanup.stderr).toBe(0)
    expect(cleanup.stdout).toContain('cleanup: removed 2 test profile(s)')
    expect(await testProfilesLeft()).toEqual([])
  }, 120_000)
})
