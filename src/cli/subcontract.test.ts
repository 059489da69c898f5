import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { apiNamed } from '../apis/all.ts'
import { coverageModel } from '../contract/field-coverage.ts'
import { HarnessError } from '../errors.ts'
import { fixtureRun } from '../report/fixtures/run.ts'
import { buildSummary } from '../report/summary.ts'
import { suggest } from './args.ts'
import { captureIo } from './io.ts'
import { withoutCredentials } from './regression.ts'
import { selectOperations } from './select.ts'
import { COMMANDS, runSubcontract } from './subcontract.ts'

async function cli(...argv: string[]) {
  const io = captureIo()
  const code = await runSubcontract(argv, io)
  return { code, out: io.lines.join('') }
}

async function usageError(...argv: string[]): Promise<HarnessError> {
  const error = await cli(...argv).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(HarnessError)
  expect((error as HarnessError).code).toMatch(
    /^(CLI_USAGE|CONTRACT_UNKNOWN_OPERATION|CONFIG_|REPORT_WRITE)/,
  )
  return error as HarnessError
}

describe('subcontract command', () => {
  it('lists every command in its help', async () => {
    const { code, out } = await cli('--help')
    expect(code).toBe(0)
    for (const name of ['run', 'sandbox', 'drift', 'import', 'cleanup', 'report', 'list'])
      expect(out).toMatch(new RegExp(`^  ${name} `, 'm'))
  })

  it.each(Object.keys(COMMANDS))(
    '%s --help prints its usage with examples and exits 0',
    async (name) => {
      const { code, out } = await cli(name, '--help')
      expect(code).toBe(0)
      expect(out).toContain(`subcontract ${name}`)
      expect(out).toContain('Examples:')
      expect((await cli('help', name)).out).toBe(out)
    },
  )

  it('suggests the nearest command for a typo', async () => {
    const error = await usageError('rn')
    expect(error.message).toBe('Failed to read the command line: unknown command "rn".')
    expect(error.hint).toContain('did you mean "subcontract run"?')
  })

  it('prints the usage, with every command, when no command is given', async () => {
    const { code, out } = await cli()
    expect(code).toBe(0)
    expect(out).toMatch(/^Usage: subcontract <command>/)
    for (const name of ['run', 'sandbox', 'drift', 'import', 'cleanup', 'report', 'list'])
      expect(out).toMatch(new RegExp(`^  ${name} `, 'm'))
  })

  it.each([
    ['run', '--operaton', 'operation'],
    ['list', '--tga', 'tag'],
    ['report', '--form', 'from'],
    ['drift', '--colection', 'collection'],
    ['cleanup', '--evn-file', 'env-file'],
    ['sandbox', '--prot', 'port'],
  ])('%s %s: an unknown flag suggests --%s', async (command, flag, near) => {
    const error = await usageError(command, flag, 'x')
    expect(error.message).toBe(`Failed to read the command line: unknown flag "${flag}".`)
    expect(error.hint).toContain(`did you mean --${near}?`)
  })

  it('refuses an unknown reporter, runner, tag and operation before running anything', async () => {
    expect((await usageError('run', '--reporter', 'htm')).hint).toContain('did you mean "html"?')
    expect((await usageError('run', '--runner', 'newmann')).hint).toContain(
      'did you mean "newman"?',
    )
    expect((await usageError('run', '--tag', 'smok')).hint).toContain('did you mean "smoke"?')
    expect((await usageError('run', '--operation', 'getProfil')).hint).toContain(
      'did you mean "getProfile"?',
    )
  })

  it('refuses a report directory it cannot write, before running anything', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'subcontract-dir-')), 'a-file')
    writeFileSync(file, 'not a directory')
    const error = await usageError('run', '--operation', 'getProfile', '--report-dir', file)
    expect(error.code).toBe('REPORT_WRITE')
    expect(error.message).toContain('is not a directory this run can write to')
    expect(readFileSync(file, 'utf8')).toBe('not a directory')
  })

  it('refuses a stray argument', async () => {
    const error = await usageError('list', 'getProfile')
    expect(error.message).toContain('unexpected argument "getProfile"')
  })
})

describe('operation selection', () => {
  it('selects by id and by glob', () => {
    expect(selectOperations([], ['getProfile']).map((op) => op.operationId)).toEqual(['getProfile'])
    expect(selectOperations(['adapty'], ['list*']).map((op) => op.operationId)).toEqual([
      'listPaywalls',
      'listVirtualCurrencyTransactions',
      'listVirtualCurrencyBalances',
    ])
  })

  it('rejects an unknown API with the known ones', () => {
    expect(() => selectOperations(['adapti'], [])).toThrow(/unknown API "adapti"/)
  })

  it('suggests the nearest name for a typo and nothing for gibberish', () => {
    expect(suggest('operaton', ['operation', 'api', 'target'])).toBe('operation')
    expect(suggest('zzzzzzzz', ['operation', 'api'])).toBeUndefined()
  })
})

describe('subcontract list', () => {
  const empty = mkdtempSync(join(tmpdir(), 'subcontract-list-'))

  it('prints every operation with tag, method, path and documented statuses', async () => {
    const { code, out } = await cli('list', '--report-dir', empty)
    expect(code).toBe(0)
    const rows = out.split('\n').filter((l) => l.startsWith('adapty '))
    expect(rows).toHaveLength(19)
    expect(out).toMatch(
      /^adapty\s+Profile\s+getProfile\s+GET\s+\/api\/v2\/server-side-api\/profile\/\s+200 401 404 500\s+smoke$/m,
    )
    expect(out).toContain('Run subcontract run to see which statuses the suites exercise.')
  })

  it('marks the statuses an earlier run exercised, passed or failed, and undocumented ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'subcontract-list-'))
    writeFileSync(
      join(dir, 'summary.json'),
      JSON.stringify(buildSummary(fixtureRun(), [apiNamed('adapty')])),
    )
    const { out } = await cli('list', '--report-dir', dir, '--operation', 'getProfile')
    expect(out).toMatch(/getProfile .* 200✗ 401✓ 404· 500· 418!/)
  })

  it("shows the share of documented response fields an earlier run's responses showed", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'subcontract-list-'))
    const run = fixtureRun()
    const shown = coverageModel('adapty', 'profile-response')
    // One checked 200 that showed half of the profile's items (the first ones, by index).
    const half = shown.items.slice(0, Math.floor(shown.items.length / 2)).map((_, i) => i)
    const first = run.tests.find((t) => t.operationId === 'getProfile')
    first?.exchanges.push({
      api: 'adapty',
      operationId: 'getProfile',
      status: 200,
      durationMs: 1,
      fields: half,
    })
    const summary = buildSummary(run, [apiNamed('adapty')])
    writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary))
    const ratio = summary.operations.find((o) => o.operationId === 'getProfile')?.fieldCoverage
      ?.ratio
    expect(ratio).toBeGreaterThan(0)
    const { out } = await cli('list', '--report-dir', dir, '--operation', 'getProfile')
    expect(out.split('\n')[0]).toMatch(/\sstatuses\s+fields\s+labels$/)
    expect(out).toMatch(
      new RegExp(`getProfile .* ${Math.floor((ratio ?? 0) * 100)}%\\s+smoke$`, 'm'),
    )
    const { out: json } = await cli(
      'list',
      '--report-dir',
      dir,
      '--operation',
      'getProfile',
      '--json',
    )
    expect(
      (JSON.parse(json) as Array<{ fieldCoverage?: { ratio: number } }>)[0]?.fieldCoverage?.ratio,
    ).toBe(ratio)
  })

  it('narrows by tag and prints JSON on request', async () => {
    const { out } = await cli('list', '--tag', 'smoke', '--json', '--report-dir', empty)
    const rows = JSON.parse(out) as Array<{ labels: string[]; documentedStatuses: string[] }>
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) expect(row.labels).toContain('smoke')
  })

  it('takes the vendor tags it shows as --tag values, in any case and spacing', async () => {
    for (const tag of ['Virtual Currency', 'virtual-currency', 'VIRTUALCURRENCY']) {
      // Adapty's only: RevenueCat's virtual currency operations carry the same tag.
      const { out } = await cli(
        'list',
        '--api',
        'adapty',
        '--tag',
        tag,
        '--json',
        '--report-dir',
        empty,
      )
      const rows = JSON.parse(out) as Array<{ operationId: string; tag: string }>
      expect(rows.map((r) => r.operationId).sort()).toEqual([
        'createVirtualCurrencyTransaction',
        'listVirtualCurrencyBalances',
        'listVirtualCurrencyTransactions',
      ])
    }
    expect((await usageError('list', '--tag', 'Profle')).hint).toContain('did you mean "Profile"?')
  })
})

describe('subcontract report', () => {
  function summaryDir(text: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'subcontract-report-'))
    writeFileSync(join(dir, 'summary.json'), text)
    return dir
  }

  it("rebuilds report.html from an earlier run's summary.json", async () => {
    const dir = summaryDir(JSON.stringify(buildSummary(fixtureRun(), [apiNamed('adapty')])))
    const { code, out } = await cli('report', '--report-dir', dir)
    expect(code).toBe(0)
    expect(out).toMatch(/wrote .*report\.html \(\d+\.\d KiB, 19 operations, 3 failures\)/)
    const html = readFileSync(join(dir, 'report.html'), 'utf8')
    expect(html).toContain('<h2>Failures (3)</h2>')
  })

  it.each([
    ['not JSON', '{"target": ', /is not valid JSON/],
    [
      'the wrong shape',
      '{"target": "local"}',
      /is not a subcontract summary \(\(root\) must have required property/,
    ],
    [
      'a bad nested value',
      JSON.stringify({ ...buildSummary(fixtureRun(), [apiNamed('adapty')]), operations: [{}] }),
      /\/operations\/0 must have required property 'api'/,
    ],
  ])('refuses a summary that is %s, and writes nothing', async (_what, text, message) => {
    const dir = summaryDir(text)
    const error = await usageError('report', '--report-dir', dir)
    expect(error.message).toMatch(message)
    expect(existsSync(join(dir, 'report.html'))).toBe(false)
  })

  it('names a missing summary and how to get one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'subcontract-report-'))
    mkdirSync(join(dir, 'empty'))
    const error = await usageError('report', '--report-dir', join(dir, 'empty'))
    expect(error.message).toMatch(/summary\.json does not exist/)
    expect(error.hint).toContain('run subcontract run first')
  })
})

describe('withoutCredentials', () => {
  it('drops a user:password part from a base URL, and leaves the rest', () => {
    expect(withoutCredentials('https://me:hunter2@api.example.test/v2')).toBe(
      'https://api.example.test/v2',
    )
    expect(withoutCredentials('https://api.adapty.io')).toBe('https://api.adapty.io')
    expect(withoutCredentials('not a url')).toBe('not a url')
  })
})
