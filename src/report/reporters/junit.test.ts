import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { apiNamed } from '../../apis/all.ts'
import { fixtureRun } from '../fixtures/run.ts'
import { REVENUECAT_LIKE, twoApiRun } from '../fixtures/two-apis.ts'
import { toRunError } from '../run-error.ts'
import type { TestRecord } from '../run-result.ts'
import { renderJunit } from './junit.ts'

const ADAPTY = [apiNamed('adapty')]

type Case = {
  classname: string
  name: string
  time: string
  file?: string
  failure?: { message: string; type: string; '#text'?: string }
  skipped?: unknown
  properties?: {
    property: Array<{ name: string; value: string }> | { name: string; value: string }
  }
}

const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
  renderJunit(fixtureRun(), ADAPTY),
)
const suites = [doc.testsuites.testsuite].flat() as Array<{ name: string; testcase: Case | Case[] }>
const cases = suites.flatMap((s) => [s.testcase].flat())

describe('renderJunit (parsed with a real XML parser)', () => {
  it('follows the common JUnit shape: testsuites > testsuite per runner > testcase per test', () => {
    expect(suites.map((s) => s.name)).toEqual([
      'subcontract.vitest.adapty',
      'subcontract.newman.adapty',
    ])
    expect(Number(doc.testsuites.tests)).toBe(cases.length)
    expect(Number(doc.testsuites.failures)).toBe(3)
    for (const c of cases) {
      expect(c.classname).toMatch(/^adapty\.Profile\.(getProfile|deleteProfile)$/)
      expect(Number(c.time)).toBeGreaterThanOrEqual(0)
    }
  })

  it('gives each failure a one-line message and the full, redacted detail in its body', () => {
    const contract = cases.find((c) => c.failure?.type === 'ContractViolation')
    expect(contract?.failure?.message).toBe(
      '[contract] getProfile broke the contract for 200: [response-schema] must be string at /data/profile_id',
    )
    expect(contract?.failure?.message).not.toContain('\n')
    const body = contract?.failure?.['#text'] ?? ''
    expect(body).toContain('expected: string')
    expect(body).toContain('   at /data/profile_id')
    expect(body).toContain('Request (redacted):')
    expect(body).toContain('curl -X GET')
    expect(body).toContain('$ADAPTY_SECRET_API_KEY')
  })

  it('types failures by kind and keeps the runner as a property', () => {
    expect(cases.map((c) => c.failure?.type).filter(Boolean)).toEqual([
      'ContractViolation',
      'TransportError',
      'AssertionError',
    ])
    const transport = cases.find((c) => c.failure?.type === 'TransportError')
    expect(transport?.failure?.['#text']).toContain('attempt 1: UND_ERR_SOCKET: other side closed')
    const props = [cases[0]?.properties?.property].flat()
    expect(props).toContainEqual({ name: 'runner', value: 'vitest' })
  })

  it('marks skipped tests with their reason', () => {
    const skipped = cases.find((c) => c.skipped !== undefined)
    expect([skipped?.properties?.property].flat()).toContainEqual({
      name: 'skip-reason',
      value: 'needs ADAPTY_PAYWALL_ID',
    })
  })
})

describe('renderJunit: errors outside tests and cross-cutting classnames', () => {
  const hook = toRunError(
    'vitest',
    {
      message: 'profile setup failed',
      stack: 'Error: x\n    at setUp (/elsewhere/tests/support/adapty-data.ts:56:15)',
    },
    { file: 'tests/adapty/get-profile.test.ts', where: 'beforeAll or describe of "getProfile"' },
  )
  const run = fixtureRun([
    {
      ...(fixtureRun().tests[0] as TestRecord),
      operationId: undefined,
      file: 'tests/adapty/cross-cutting/auth.test.ts',
      fullName: 'authentication > rejects a wrong key',
    },
  ])
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
    renderJunit({ ...run, runErrors: [hook] }, ADAPTY),
  )
  const all = [parsed.testsuites.testsuite].flat() as Array<{
    name: string
    testcase: Case | Case[]
  }>
  const allCases = all.flatMap((s) => [s.testcase].flat()) as Array<
    Case & { error?: { message: string; type: string; '#text'?: string } }
  >

  it('writes a testcase with an <error> per run error, named by file and place', () => {
    const errorCase = allCases.find((c) => c.error !== undefined)
    expect(errorCase).toMatchObject({
      classname: 'adapty.setup',
      name: 'tests/adapty/get-profile.test.ts > beforeAll or describe of "getProfile"',
      file: 'tests/adapty/get-profile.test.ts',
      error: { message: 'profile setup failed', type: 'RunError' },
    })
    expect(errorCase?.error?.['#text']).toContain(
      'at setUp (/elsewhere/tests/support/adapty-data.ts:56:15)',
    )
    expect(Number(parsed.testsuites.errors)).toBe(1)
  })

  it('names a cross-cutting test by its file stem, not its path', () => {
    const auth = allCases.find((c) => c.name === 'authentication > rejects a wrong key')
    expect(auth?.classname).toBe('adapty.cross-cutting.auth')
  })
})

describe('renderJunit over two APIs', () => {
  const run = twoApiRun()
  const hook = toRunError('vitest', new Error('customer setup failed'), {
    file: 'tests/revenuecat/get-customer.test.ts',
    where: 'beforeAll or describe of "get-customer"',
  })
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
    renderJunit({ ...run, runErrors: [hook] }, [...ADAPTY, REVENUECAT_LIKE]),
  )
  const all = [parsed.testsuites.testsuite].flat() as Array<{
    name: string
    testcase: Case | Case[]
  }>
  const allCases = all.flatMap((s) => [s.testcase].flat()) as Array<Case & { error?: unknown }>

  it('writes one testsuite per runner and API, and class names from each API tag', () => {
    expect(all.map((s) => s.name)).toEqual([
      'subcontract.vitest.adapty',
      'subcontract.newman.adapty',
      'subcontract.vitest.revenuecat',
      'subcontract.errors-outside-tests',
    ])
    const rc = allCases.filter((c) => c.classname.startsWith('revenuecat.'))
    expect([...new Set(rc.map((c) => c.classname))]).toEqual([
      'revenuecat.Customer.get-customer',
      'revenuecat.Entitlement.list-entitlements',
      'revenuecat.Customer.create-customer',
      'revenuecat.cross-cutting.auth',
      'revenuecat.setup',
    ])
  })
})
