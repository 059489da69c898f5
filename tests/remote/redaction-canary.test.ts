// The canary: a fake secret key, a full regression against a remote in which some requests fail
// on purpose, and a search of everything printed and every report for the key in any form.
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSandbox, type Sandbox } from '../../src/sandbox/create-sandbox.ts'

const ROOT = new URL('../../', import.meta.url).pathname
const CANARY = 'canary_secret_key_7f3a/9b+c d"e'
const FORMS = [
  CANARY,
  encodeURIComponent(CANARY),
  JSON.stringify(CANARY).slice(1, -1),
  'canary_secret_key_7f3a',
]

let sandbox: Sandbox
let output = ''
let status: number | null = null
const reportDir = mkdtempSync(join(tmpdir(), 'subcontract-canary-'))

describe('secret redaction canary', () => {
  beforeAll(async () => {
    sandbox = await createSandbox({
      clock: 'system',
      apiKeys: { main: CANARY },
      faults: [
        { operationId: 'updateProfile', kind: '503', times: 1000 },
        { operationId: 'getPaywall', kind: 'malformed', times: 1000 },
      ],
    })
    const envFile = join(reportDir, '.env.canary')
    writeFileSync(
      envFile,
      [
        `ADAPTY_BASE_URL=${sandbox.adapty.url}`,
        `ADAPTY_SECRET_API_KEY="${CANARY}"`,
        `ADAPTY_PAYWALL_ID=${sandbox.adapty.paywallId}`,
        `ADAPTY_STRIPE_TOKEN=${sandbox.adapty.stripeToken}`,
        `ADAPTY_PADDLE_TOKEN=${sandbox.adapty.paddleToken}`,
      ].join('\n'),
    )
    const env = { ...process.env }
    delete env.SUBCONTRACT_RUN_ID
    await new Promise<void>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          '--',
          'bin/subcontract.js',
          'run',
          '--target',
          'remote',
          '--env-file',
          envFile,
          '--allow-writes',
          '--report-dir',
          reportDir,
        ],
        { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
      )
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString()
      })
      child.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString()
      })
      child.on('close', (code) => {
        status = code
        resolve()
      })
    })
  }, 240_000)
  afterAll(() => sandbox.close())

  it('ran a regression in which requests failed on purpose', () => {
    expect(status).toBe(1)
    expect(output).toMatch(/[1-9]\d* failed/)
  })

  it('printed the key in no form', () => {
    for (const form of FORMS) expect(output.includes(form), form).toBe(false)
  })

  it('wrote the key into no report', () => {
    const files = readdirSync(reportDir).filter((f) => !f.startsWith('.env'))
    expect(files).toEqual(expect.arrayContaining(['summary.json', 'junit.xml', 'newman.json']))
    for (const file of files) {
      const text = readFileSync(join(reportDir, file), 'utf8')
      for (const form of FORMS) expect(text.includes(form), `${file}: ${form}`).toBe(false)
    }
  })
})
