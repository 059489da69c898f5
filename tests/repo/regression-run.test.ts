// `npm run regression` end to end, on one operation: exit code, table, summary.json and a JUnit
// file that a real XML parser reads with the common JUnit shape.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { XMLParser } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Summary } from '../../src/report/summary.ts'
import { hasControlCharacters } from '../../src/report/terminal.ts'
import { type FaultyRun, runAgainstFaultySandbox } from '../support/faulty-run.ts'
import { ROOT } from './files.ts'

const reportDir = mkdtempSync(join(tmpdir(), 'subcontract-regression-'))
let run: { status: number | null; stdout: string; stderr: string }

describe('npm run regression', () => {
  beforeAll(() => {
    run = spawnSync(
      process.execPath,
      ['--', 'bin/subcontract.js', 'run', '--operation', 'getProfile', '--report-dir', reportDir],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, SUBCONTRACT_TARGET: 'local', CI: 'true' },
      },
    )
  }, 120_000)

  it('exits 0 and prints the per-operation table with both runners', () => {
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/adapty\.getProfile\s+200 401 404/)
    expect(run.stdout).toContain('vitest ok/fail')
    expect(run.stdout).toContain('newman ok/fail')
    expect(run.stdout).toMatch(/^\d+ passed, 0 failed, 0 skipped$/m)
  })

  it('prints plain progress lines without control characters when not on a terminal', () => {
    expect(hasControlCharacters(run.stdout)).toBe(false)
    expect(run.stdout).toMatch(
      /^ok {3}tests\/adapty\/get-profile\.test\.ts {2}\d+ passed, 0 failed {2}\d+ms {2}\[adapty, vitest (\d+)\/\1( · newman \d+\/\d+)?, 0 failed, \d+\.\ds\]$/m,
    )
    expect(run.stdout).toContain(`HTML report: ${join(reportDir, 'report.html')}`)
  })

  it('writes a self-contained report.html with the coverage matrix and latency', () => {
    const html = readFileSync(join(reportDir, 'report.html'), 'utf8')
    expect(html.match(/<tr class="op"/g)).toHaveLength(1)
    expect(html).toContain('data-operation="getProfile"')
    expect(html).toContain('<p class="ok-text">No failures.</p>')
    expect(html).toMatch(/aria-label="p50 [\d.]+ ms, p95 [\d.]+ ms"/)
  })

  it('writes summary.json with the documented keys and a per-runner breakdown', () => {
    const summary = JSON.parse(readFileSync(join(reportDir, 'summary.json'), 'utf8'))
    expect(summary).toMatchObject({ target: 'local', totals: { failed: 0 } })
    expect(Date.parse(summary.startedAt)).not.toBeNaN()
    expect(summary.durationMs).toBeGreaterThan(0)
    const [op] = summary.operations
    expect(op).toMatchObject({
      api: 'adapty',
      operationId: 'getProfile',
      method: 'GET',
      path: '/api/v2/server-side-api/profile/',
      statuses: expect.arrayContaining(['200', '401', '404']),
      failed: 0,
    })
    expect(op.runners.vitest.passed).toBeGreaterThan(0)
    expect(op.coverage.find((c: { status: string }) => c.status === '200')).toMatchObject({
      documented: true,
      runners: { vitest: { failed: 0 }, newman: { failed: 0 } },
    })
    expect(op.latency.count).toBeGreaterThan(0)
    expect(summary.versions.node).toBe(process.versions.node)
    expect(op.runners.newman.passed).toBeGreaterThan(0)
  })

  it('says where the time went: in summary.json and on one console line', () => {
    const { timings } = JSON.parse(readFileSync(join(reportDir, 'summary.json'), 'utf8'))
    expect(timings.startupMs).toBeGreaterThan(0)
    expect(timings.vitestMs).toBeGreaterThan(0)
    expect(timings.vitestFiles).toMatchObject({ files: 1 })
    expect(timings.vitestFiles.setupMs + timings.vitestFiles.testsMs).toBeGreaterThan(0)
    expect(Object.keys(timings.newmanMs)).toEqual(['adapty'])
    expect(run.stdout).toMatch(
      /^time: start-up \d+\.\ds, sandbox \d+\.\ds, vitest \d+\.\ds \(over 1 files: .*\), newman adapty \d+\.\ds, summary \d+\.\ds$/m,
    )
  })

  it('writes JUnit XML that parses, with classnames <api>.<tag>.<operationId>', () => {
    const xml = readFileSync(join(reportDir, 'junit.xml'), 'utf8')
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml)
    const suites = [doc.testsuites.testsuite].flat()
    expect(suites.map((s: { name: string }) => s.name).sort()).toEqual([
      'subcontract.newman.adapty',
      'subcontract.vitest.adapty',
    ])
    const cases = suites.flatMap((s: { testcase: unknown }) => [s.testcase].flat()) as Array<{
      classname: string
      name: string
      time: string
    }>
    expect(cases.length).toBe(Number(doc.testsuites.tests))
    for (const c of cases) {
      expect(c.classname).toMatch(/^adapty\.[A-Za-z]+\.[A-Za-z]+$|^adapty\.cross-cutting\./)
      expect(Number(c.time)).toBeGreaterThanOrEqual(0)
    }
  })

  it('never writes the sandbox key into a report', () => {
    for (const file of ['summary.json', 'junit.xml', 'newman.json', 'report.html']) {
      expect(readFileSync(join(reportDir, file), 'utf8')).not.toContain(
        'subcontract_adapty_sandbox_key_main',
      )
    }
  })
})

// A suite whose beforeAll fails (every createProfile answer is malformed, so getProfile's setup
// cannot make its profile): the error must reach every report with its file and stack.
describe('a run whose suite setup fails', () => {
  let faulty: FaultyRun
  let summary: Summary
  beforeAll(async () => {
    faulty = await runAgainstFaultySandbox({
      faults: [{ operationId: 'createProfile', kind: 'malformed', times: 10_000 }],
      // The env file points at the sandbox's Adapty API only.
      args: ['--api', 'adapty', '--operation', 'getProfile', '--runner', 'vitest'],
    })
    summary = JSON.parse(readFileSync(join(faulty.reportDir, 'summary.json'), 'utf8')) as Summary
  }, 180_000)
  afterAll(async () => {
    await faulty?.sandbox.close()
  })

  it('exits 1 and prints the error with its file, place and first stack frames', () => {
    expect(faulty.status, faulty.output).toBe(1)
    expect(faulty.output).toMatch(
      /^ERROR \[vitest\] tests\/adapty\/get-profile\.test\.ts \(beforeAll or describe of "getProfile"; its \d+ test\(s\) did not run\): .*createProfile/m,
    )
    expect(faulty.output).toMatch(/^ {5}at .*tests\/support\/adapty-data\.ts:\d+:\d+/m)
    expect(faulty.output).toMatch(
      /^FAIL tests\/adapty\/get-profile\.test\.ts {2}0 passed, 0 failed, \d+ skipped, 1 error\(s\) outside tests/m,
    )
    expect(faulty.output).not.toContain('vitest reported failures outside any test')
  })

  it('writes the error to summary.json with source, file, place and a stack without node_modules', () => {
    expect(summary.runErrors).toHaveLength(1)
    const [error] = summary.runErrors
    expect(error).toMatchObject({
      source: 'vitest',
      kind: 'error',
      file: 'tests/adapty/get-profile.test.ts',
      where: expect.stringMatching(/^beforeAll or describe of "getProfile"/),
    })
    expect(error?.stack).toMatch(/tests\/support\/adapty-data\.ts:\d+:\d+/)
    expect(error?.stack).not.toMatch(/node_modules|node:internal/)
    const skipped = summary.totals.skipped
    expect(skipped).toBeGreaterThan(0)
  })

  it('writes a junit testcase with an <error> for it, and shows it in report.html', () => {
    const xml = readFileSync(join(faulty.reportDir, 'junit.xml'), 'utf8')
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml)
    const cases = [doc.testsuites.testsuite]
      .flat()
      .flatMap((s: { testcase: unknown }) => [s.testcase].flat()) as Array<{
      classname: string
      name: string
      error?: { message: string }
    }>
    const errorCase = cases.find((c) => c.error !== undefined)
    expect(errorCase?.classname).toBe('adapty.setup')
    expect(errorCase?.name).toMatch(
      /^tests\/adapty\/get-profile\.test\.ts > beforeAll or describe of "getProfile"/,
    )
    expect(errorCase?.error?.message).toContain('createProfile')
    const html = readFileSync(join(faulty.reportDir, 'report.html'), 'utf8')
    expect(html).toContain('<h3 id="run-errors">Errors outside any test (1)</h3>')
    expect(html).toContain('<code>tests/adapty/get-profile.test.ts</code>')
    expect(html).toMatch(/<pre class="stack">[^<]*tests\/support\/adapty-data\.ts:\d+:\d+/)
  })

  it('never writes the key into the output or a report', () => {
    const key = faulty.sandbox.apis.adapty?.apiKey ?? ''
    expect(key).not.toBe('')
    expect(faulty.output).not.toContain(key)
    for (const file of ['summary.json', 'junit.xml', 'report.html'])
      expect(readFileSync(join(faulty.reportDir, file), 'utf8')).not.toContain(key)
  })
})
