// The canary: a fake secret key, a full regression against a remote in which some requests fail
// on purpose, and a search of everything printed and every report for the key in any form.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { escapeHtml } from '../../src/report/reporters/html.ts'
import { type FaultyRun, runAgainstFaultySandbox } from '../support/faulty-run.ts'

// Characters that URL- and JSON-encoding change, but no whitespace: "Api-Key <key>" is split on it,
// so a key with a space is refused (a run with it stops at the target check, and tests nothing).
const CANARY = 'canary_secret_key_7f3a/9b+c=d"e'
const FORMS = [
  CANARY,
  encodeURIComponent(CANARY),
  JSON.stringify(CANARY).slice(1, -1),
  // The HTML report escapes what it shows: a leak there would look like this.
  escapeHtml(CANARY),
  escapeHtml(JSON.stringify(CANARY).slice(1, -1)),
  'canary_secret_key_7f3a',
]

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
