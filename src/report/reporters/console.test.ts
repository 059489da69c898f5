import { describe, expect, it } from 'vitest'
import { apiNamed } from '../../apis/all.ts'
import { fixtureRun } from '../fixtures/run.ts'
import { REVENUECAT_LIKE, twoApiRun } from '../fixtures/two-apis.ts'
import { toRunError } from '../run-error.ts'
import type { TestRecord } from '../run-result.ts'
import { buildSummary } from '../summary.ts'
import { GROUP_LINES, renderOutcome, renderTable } from './console.ts'

const ADAPTY = [apiNamed('adapty')]

const contract = fixtureRun().tests[1] as TestRecord
const copies: TestRecord[] = Array.from({ length: 8 }, (_, i) => ({
  ...contract,
  fullName: `getProfile > copy ${i}`,
}))

describe('renderOutcome', () => {
  it('prints failures with one cause once, with the count and the first tests', () => {
    const out = renderOutcome(buildSummary(fixtureRun(copies), ADAPTY))
    expect(out).toContain(
      'FAIL 9 tests, one cause: [contract] vitest adapty.getProfile → 200\n     getProfile broke the contract for 200: [response-schema] must be string at /data/profile_id',
    )
    expect(out).toContain(
      '     - tests/adapty/get-profile.test.ts > getProfile > has a profile_id string <script>',
    )
    expect(out.match(/^ {5}- /gm)).toHaveLength(GROUP_LINES)
    expect(out).toContain('     … and 4 more (every one is in summary.json and report.html)')
    // A cause with one failure keeps the one-test form.
    expect(out).toContain(
      'FAIL [transport] vitest tests/adapty/delete-profile.test.ts > getProfile > deletes the profile\n     Failed to call deleteProfile: other side closed',
    )
  })

  it('prints each error outside tests with its source, file, place and first stack frames', () => {
    const error = new Error('profile setup failed')
    error.stack = [
      'Error: profile setup failed',
      `    at createTestProfile (${process.cwd()}/tests/support/adapty-data.ts:56:15)`,
      `    at file://${process.cwd()}/node_modules/@vitest/runner/dist/index.js:1:1`,
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      `    at ${process.cwd()}/tests/adapty/get-profile.test.ts:11:15`,
    ].join('\n')
    const run = {
      ...fixtureRun(),
      runErrors: [
        toRunError('vitest', error, {
          file: 'tests/adapty/get-profile.test.ts',
          where: 'beforeAll or describe of "getProfile"; its 9 test(s) did not run',
        }),
      ],
    }
    const out = renderOutcome(buildSummary(run, ADAPTY))
    expect(out).toContain(
      'ERROR [vitest] tests/adapty/get-profile.test.ts (beforeAll or describe of "getProfile"; its 9 test(s) did not run): profile setup failed\n' +
        '     at createTestProfile (tests/support/adapty-data.ts:56:15)\n' +
        '     at tests/adapty/get-profile.test.ts:11:15',
    )
    expect(out).not.toContain('node_modules')
  })
})

describe('renderTable', () => {
  it('has a row for tests that count for no operation, so the columns add up', () => {
    const hostile: TestRecord = {
      ...contract,
      operationId: undefined,
      file: 'tests/adapty/cross-cutting/hostile-requests.test.ts',
      fullName: 'hostile > unknown path',
      state: 'passed',
      exchanges: [],
    }
    const table = renderTable(buildSummary(fixtureRun([hostile]), ADAPTY))
    expect(table).toMatch(/^adapty \(no operation\)\s+-\s+-\s+-\s+-\s+1\/0\s+-\s+1\s+0\s+0$/m)
  })
})

describe('renderTable over two APIs', () => {
  const table = renderTable(buildSummary(twoApiRun(), [...ADAPTY, REVENUECAT_LIKE]))
  const rows = table.split('\n').slice(2)
  const row = (name: string) => rows.find((r) => r.startsWith(`${name} `)) ?? ''

  it('lists the operations API by API, each API followed by its tests for no operation', () => {
    const names = rows.map((r) => r.split(/\s+/)[0])
    const firstRc = names.findIndex((n) => n?.startsWith('revenuecat.'))
    expect(names.slice(0, firstRc).every((n) => n?.startsWith('adapty'))).toBe(true)
    expect(names.slice(firstRc)).toEqual([
      'revenuecat.list-customers',
      'revenuecat.get-customer',
      'revenuecat.create-customer',
      'revenuecat.list-entitlements',
      'revenuecat.list-projects',
    ])
  })

  it('shows a 501 in the undocumented column, and the documented success as not exercised', () => {
    expect(table.split('\n')[0]).toMatch(
      /^operation\s+statuses exercised\s+not exercised\s+undocumented\s+fields\s/,
    )
    expect(row('revenuecat.list-entitlements')).toMatch(
      /^revenuecat\.list-entitlements\s+-\s+200 400 401 403 404 429\s+501\s+0%\s+0\/1\s+-\s+0\s+1\s+0$/,
    )
    expect(row('revenuecat.get-customer')).toMatch(
      /^revenuecat\.get-customer\s+200 404\s+400 401 403 429\s+-\s/,
    )
    expect(row('revenuecat.create-customer')).toMatch(/\s201 400 401 403 404 429\s+501\s/)
  })
})
