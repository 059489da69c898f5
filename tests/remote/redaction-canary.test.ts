// The canary: a fake secret key, a full regression against a remote in which some requests fail
// on purpose, and a search of everything printed and every report for the key in any form. Then
// the same for RevenueCat, with a canary for each of its keys (the main one, and the read-only,
// no-permission and rate-limited keys its permission tests send).
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { revenuecat } from '../../src/apis/revenuecat/api.ts'
import { escapeHtml } from '../../src/report/reporters/html.ts'
import { createSandbox } from '../../src/sandbox/create-sandbox.ts'
import { runSubcontract } from '../support/child-run.ts'
import { type FaultyRun, runAgainstFaultySandbox } from '../support/faulty-run.ts'

// Characters that URL- and JSON-encoding change, but no whitespace: "Api-Key <key>" is split on it,
// so a key with a space is refused (a run with it stops at the target check, and tests nothing).
const CANARY = 'canary_secret_key_7f3a/9b+c=d"e'
/** Every form a key may take in output: raw, URL- and JSON-encoded, HTML-escaped, its start. */
function formsOf(key: string, start: string): string[] {
  return [
    key,
    encodeURIComponent(key),
    JSON.stringify(key).slice(1, -1),
    // The HTML report escapes what it shows: a leak there would look like this.
    escapeHtml(key),
    escapeHtml(JSON.stringify(key).slice(1, -1)),
    start,
  ]
}
const FORMS = formsOf(CANARY, 'canary_secret_key_7f3a')

let run: FaultyRun

describe('secret redaction canary', () => {
  beforeAll(async () => {
    run = await runAgainstFaultySandbox({
      apiKeys: { adapty: { main: CANARY } },
      key: CANARY,
      faults: [
        { operationId: 'updateProfile', kind: '503', times: 1000 },
        { operationId: 'getPaywall', kind: 'malformed', times: 1000 },
      ],
      // The env file points at the sandbox's Adapty API only.
      args: ['--api', 'adapty'],
    })
  }, 240_000)
  afterAll(() => run.sandbox.close())

  it('ran a regression in which requests failed on purpose', () => {
    expect(run.status).toBe(1)
    expect(run.output).toMatch(/[1-9]\d* failed/)
  })

  it('printed the key in no form', () => {
    for (const form of FORMS) expect(run.output.includes(form), form).toBe(false)
  })

  it('wrote the key into no report', () => {
    const files = readdirSync(run.reportDir).filter((f) => !f.startsWith('.env'))
    expect(files).toEqual(
      expect.arrayContaining(['summary.json', 'junit.xml', 'newman.json', 'report.html']),
    )
    for (const file of files) {
      const text = readFileSync(join(run.reportDir, file), 'utf8')
      for (const form of FORMS) expect(text.includes(form), `${file}: ${form}`).toBe(false)
    }
  })
})

// RevenueCat's seeded keys by name, each replaced by a canary of its own.
const RC_KEY_NAMES = [
  'main',
  'read-only',
  'no-customer-information',
  'charts',
  'other-project',
  'rate-limited',
  'no-permissions',
]
const rcCanary = (name: string) => `sk_canary_${name.replaceAll('-', '_')}_4c1d/8e+f=a"b`
const RC_FORMS = RC_KEY_NAMES.flatMap((name) =>
  formsOf(rcCanary(name), `sk_canary_${name.replaceAll('-', '_')}_4c1d`),
)

let rc: { status: number | null; output: string; reportDir: string; close: () => Promise<void> }

describe('secret redaction canary, RevenueCat', () => {
  beforeAll(async () => {
    const sandbox = await createSandbox({
      apis: [revenuecat],
      clock: 'system',
      apiKeys: { revenuecat: Object.fromEntries(RC_KEY_NAMES.map((n) => [n, rcCanary(n)])) },
      faults: [
        { operationId: 'set-customer-attributes', kind: '503', times: 1000 },
        { operationId: 'get-customer', kind: 'malformed', times: 1000 },
      ],
    })
    const served = sandbox.apis.revenuecat
    if (served === undefined) throw new Error('the sandbox does not serve revenuecat')
    const reportDir = mkdtempSync(join(tmpdir(), 'subcontract-canary-rc-'))
    const envFile = join(reportDir, '.env.canary')
    // Every variable the sandbox has (what --write-env writes), secrets quoted as a user would.
    writeFileSync(
      envFile,
      revenuecat.target.variables
        .flatMap((v) => {
          const value = served.values[v.name]
          if (value === undefined || value === '') return []
          return [v.secret === true ? `${v.name}="${value}"` : `${v.name}=${value}`]
        })
        .join('\n'),
    )
    const { status, output } = await runSubcontract([
      'run',
      '--api',
      'revenuecat',
      '--target',
      'remote',
      '--env',
      envFile,
      '--allow-writes',
      '--report-dir',
      reportDir,
      // The two operations the faults hit (their suites create test customers), and one that
      // answers: the cross-cutting permission and auth suites send it every other key. With their
      // Newman requests.
      '--operation',
      'get-customer',
      '--operation',
      'set-customer-attributes',
      '--operation',
      'list-customers',
    ])
    rc = { status, output, reportDir, close: () => sandbox.close() }
  }, 240_000)
  afterAll(() => rc.close())

  it('ran a regression in which requests failed on purpose, with the canary keys', () => {
    expect(rc.output).not.toContain('The target did not answer the first request')
    expect(rc.status).toBe(1)
    expect(rc.output).toMatch(/[1-9]\d* failed/)
    // The permission tests sent the other keys too, and some passed with the canaries.
    expect(rc.output).toMatch(
      /tests\/revenuecat\/cross-cutting\/permissions\.test\.ts {2}[1-9]\d* passed/,
    )
  })

  it('printed no key in any form', () => {
    for (const form of RC_FORMS) expect(rc.output.includes(form), form).toBe(false)
  })

  it('wrote no key into any report', () => {
    const files = readdirSync(rc.reportDir).filter((f) => !f.startsWith('.env'))
    expect(files).toEqual(
      expect.arrayContaining(['summary.json', 'junit.xml', 'newman.json', 'report.html']),
    )
    for (const file of files) {
      const text = readFileSync(join(rc.reportDir, file), 'utf8')
      for (const form of RC_FORMS) expect(text.includes(form), `${file}: ${form}`).toBe(false)
    }
  })
})
