// The collector on a real vitest run of fixture files: a failing beforeAll and afterAll, a file
// whose tests are all skipped, and one that passes.
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { startVitest } from 'vitest/node'
import { apiNamed } from '../apis/all.ts'
import { registerSecret } from '../redact/redact.ts'
import { REVENUECAT_LIKE } from './fixtures/two-apis.ts'
import { createProgress } from './progress.ts'
import { terminalOf } from './terminal.ts'
import { createVitestCollector, suiteFilesOf, type VitestCollector } from './vitest-collector.ts'

const FIXTURES = fileURLToPath(new URL('./fixtures/hooks/', import.meta.url))
const lines: string[] = []
let collector: VitestCollector

describe('createVitestCollector', () => {
  beforeAll(async () => {
    registerSecret('sk_fixture_secret_value')
    const terminal = terminalOf({ write: (t) => lines.push(t), isTTY: false }, {})
    collector = createVitestCollector(createProgress({ terminal }), terminal.colors, {
      apis: [apiNamed('adapty')],
    })
    const vitest = await startVitest('test', [], {
      config: false,
      root: FIXTURES,
      include: ['*.fixture.ts'],
      run: true,
      watch: false,
      reporters: [collector],
      fileParallelism: false,
    })
    await vitest.close()
  }, 60_000)

  it("records a suite's failing beforeAll and afterAll with file, place and a trimmed stack", () => {
    const errors = collector.runErrors
    expect(errors).toHaveLength(2)
    const [setup, teardown] = [...errors].sort((a, b) => a.message.localeCompare(b.message))
    expect(setup).toMatchObject({
      source: 'vitest',
      kind: 'error',
      message: 'profile setup failed with key [redacted]',
      where: 'beforeAll or describe of "setup fails"; its 2 test(s) did not run',
    })
    expect(setup?.file).toMatch(/hooks\.fixture\.ts$/)
    // Frames of our code only, relative to the checkout: no node_modules, no node:internal.
    expect(setup?.stack).toMatch(
      /^at setUpProfile \(src\/report\/fixtures\/hooks\/hooks\.fixture\.ts:5:\d+\)/,
    )
    expect(setup?.stack).not.toMatch(/node_modules|node:internal/)
    expect(teardown).toMatchObject({
      message: 'teardown failed',
      where: 'afterAll of "teardown fails"',
    })
  })

  it('gives the tests a failed beforeAll kept from running a reason', () => {
    const notRun = collector.records.filter((r) => r.fullName.startsWith('setup fails'))
    expect(notRun.map((r) => [r.state, r.reason])).toEqual([
      [
        'skipped',
        'not run: a hook of "setup fails" failed: profile setup failed with key [redacted]',
      ],
      [
        'skipped',
        'not run: a hook of "setup fails" failed: profile setup failed with key [redacted]',
      ],
    ])
  })

  it('marks a file with errors FAIL, one with only skipped tests skip, and prints the skipped count', () => {
    const out = lines.join('')
    expect(out).toMatch(
      /^FAIL src\/report\/fixtures\/hooks\/hooks\.fixture\.ts {2}1 passed, 0 failed, 2 skipped, 2 error\(s\) outside tests /m,
    )
    expect(out).toMatch(
      /^skip src\/report\/fixtures\/hooks\/skipped\.fixture\.ts {2}0 passed, 0 failed, 2 skipped /m,
    )
    expect(out).toMatch(
      /^ok {3}src\/report\/fixtures\/hooks\/passing\.fixture\.ts {2}1 passed, 0 failed {2}/m,
    )
    expect(out).not.toContain('sk_fixture_secret_value')
  })

  it('plans the files up front, so the count is files done until every file is collected', () => {
    const out = lines.join('')
    expect(out).toMatch(/\[adapty, vitest files 1\/3, tests \d+ done, /)
    expect(out).toMatch(/\[adapty, vitest 6\/6, 0 failed, /)
  })
})

describe('suiteFilesOf', () => {
  const TWO_APIS = [apiNamed('adapty'), REVENUECAT_LIKE]
  const suites = suiteFilesOf(TWO_APIS)
  const root = '/home/ci/tests/checkout'

  it("takes a file's API from the folder it is in, and its operation from the suite stem", () => {
    expect(suites.apiOf(`${root}/tests/adapty/get-profile.test.ts`)).toBe('adapty')
    expect(suites.operationOf(`${root}/tests/adapty/get-profile.test.ts`)?.operationId).toBe(
      'getProfile',
    )
    expect(suites.apiOf(`${root}/tests/revenuecat/get-customer.test.ts`)).toBe('revenuecat')
    expect(suites.operationOf(`${root}/tests/revenuecat/get-customer.test.ts`)).toMatchObject({
      api: 'revenuecat',
      operationId: 'get-customer',
    })
  })

  it('gives a cross-cutting file its API and no operation', () => {
    const file = `${root}/tests/revenuecat/cross-cutting/get-customer.test.ts`
    expect(suites.apiOf(file)).toBe('revenuecat')
    expect(suites.operationOf(file)).toBeUndefined()
  })

  it("never takes another API's operation for a stem both could have", () => {
    // getProfile is Adapty's: a file of that stem under tests/revenuecat/ has no operation.
    expect(suites.operationOf(`${root}/tests/revenuecat/get-profile.test.ts`)).toBeUndefined()
  })

  it('counts a file under no API folder for the first API given', () => {
    expect(suites.apiOf('/work/src/report/fixtures/hooks/passing.fixture.ts')).toBe('adapty')
    expect(suiteFilesOf([...TWO_APIS].reverse()).apiOf('/work/src/x.fixture.ts')).toBe('revenuecat')
  })
})
