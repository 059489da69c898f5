import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { apiNamed } from '../apis/all.ts'
import { REVENUECAT_OPERATIONS } from '../apis/revenuecat/operations.ts'
import type { ContractFinding } from './evidence.ts'
import { fixtureRun } from './fixtures/run.ts'
import { REVENUECAT_LIKE, twoApiRun } from './fixtures/two-apis.ts'
import { toRunError } from './run-error.ts'
import type { TestRecord } from './run-result.ts'
import {
  buildSummary,
  EVIDENCE_LIMIT,
  exitCodeOf,
  latencyOf,
  normaliseReason,
  operationOfTest,
} from './summary.ts'

const ADAPTY = [apiNamed('adapty')]

const summary = buildSummary(fixtureRun(), ADAPTY)
const getProfile = summary.operations.find((op) => op.operationId === 'getProfile')

describe('buildSummary', () => {
  it('counts totals per API and per runner', () => {
    expect(summary.totals).toEqual({ passed: 2, failed: 3, skipped: 1 })
    expect(summary.apis.adapty?.runners).toEqual({
      vitest: { passed: 1, failed: 2, skipped: 1 },
      newman: { passed: 1, failed: 1, skipped: 0 },
    })
  })

  it('has a coverage cell per documented status, and flags an observed undocumented one', () => {
    const cells = Object.fromEntries(getProfile?.coverage.map((c) => [c.status, c]) ?? [])
    expect(cells['200']).toEqual({
      status: '200',
      documented: true,
      runners: { vitest: { exchanges: 3, failed: 1 } },
    })
    expect(cells['401']?.runners).toEqual({ newman: { exchanges: 1, failed: 0 } })
    expect(cells['404']).toEqual({ status: '404', documented: true, runners: {} })
    expect(cells['418']).toEqual({
      status: '418',
      documented: false,
      runners: { newman: { exchanges: 1, failed: 1 } },
    })
    expect(getProfile?.undocumentedStatuses).toEqual(['418'])
    expect(getProfile?.unexercisedStatuses).toEqual(['404', '500'])
  })

  it('gives p50, p95 and max latency, and the retries with their waits', () => {
    expect(getProfile?.latency).toEqual({ count: 5, p50: 10, p95: 30, max: 30 })
    expect(getProfile?.retried).toBe(1)
    expect(getProfile?.waitMs).toBe(250)
    expect(summary.retries).toEqual({ requests: 1, attempts: 3, waitMs: 250 })
    expect(summary.operations.find((op) => op.operationId === 'listPaywalls')?.latency).toBeNull()
  })

  it('computes nearest-rank percentiles', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1)
    expect(latencyOf(hundred)).toEqual({ count: 100, p50: 50, p95: 95, max: 100 })
    expect(latencyOf([7])).toEqual({ count: 1, p50: 7, p95: 7, max: 7 })
    expect(latencyOf([])).toBeNull()
  })

  it('lists every failure with its kind, tag and evidence', () => {
    expect(summary.failures.map((f) => [f.runner, f.kind, f.tag])).toEqual([
      ['vitest', 'contract', 'Profile'],
      ['newman', 'assertion', 'Profile'],
      ['vitest', 'transport', 'Profile'],
    ])
    expect(summary.failures[0]?.evidence?.contract?.[0]?.pointer).toBe('/data/profile_id')
  })

  it('keeps evidence for the first failures only, to bound the report size', () => {
    const many = Array.from({ length: EVIDENCE_LIMIT + 5 }, (_, i) => ({
      ...fixtureRun().tests[1],
      name: `failure ${i}`,
    })) as ReturnType<typeof fixtureRun>['tests']
    const big = buildSummary(fixtureRun(many), ADAPTY)
    expect(big.failures).toHaveLength(EVIDENCE_LIMIT + 8)
    expect(big.failures[EVIDENCE_LIMIT - 1]?.evidence).toBeDefined()
    expect(big.failures.slice(EVIDENCE_LIMIT).filter((f) => f.evidence !== undefined)).toEqual([])
  })
})

describe('exitCodeOf', () => {
  const base = buildSummary(fixtureRun(), ADAPTY)
  it('is 1 when a test or contract check failed', () => {
    expect(exitCodeOf(base)).toBe(1)
  })
  it('is 3 when every failure is a transport failure', () => {
    expect(
      exitCodeOf({ ...base, failures: base.failures.filter((f) => f.kind === 'transport') }),
    ).toBe(3)
  })
  it('is 0 when nothing failed, and 1 when nothing ran or an error happened outside tests', () => {
    const clean = { ...base, failures: [], totals: { passed: 3, failed: 0, skipped: 0 } }
    expect(exitCodeOf(clean)).toBe(0)
    expect(
      exitCodeOf({ ...clean, runErrors: [{ source: 'vitest', message: 'boom', kind: 'error' }] }),
    ).toBe(1)
    expect(exitCodeOf({ ...clean, totals: { passed: 0, failed: 0, skipped: 4 } })).toBe(1)
  })
})

const contractFailure = fixtureRun().tests[1] as TestRecord
/** A copy of the fixture's contract failure, in another test, with another id in its reason. */
function sameCause(i: number, pointer = '/data/profile_id'): TestRecord {
  const finding = contractFailure.evidence?.contract?.[0] as ContractFinding
  return {
    ...contractFailure,
    name: `copy ${i}`,
    fullName: `getProfile > copy ${i}`,
    reason: `getProfile broke the contract for 200: [response-schema] must be string at ${pointer} (profile ${randomUUID()})`,
    evidence: { ...contractFailure.evidence, contract: [{ ...finding, pointer }] },
  }
}

describe('failure groups', () => {
  it('groups failures with one cause (runner, operation, status, first finding), largest first', () => {
    const run = fixtureRun([sameCause(1), sameCause(2), sameCause(3), sameCause(4, '/data/other')])
    const grouped = buildSummary(run, ADAPTY)
    // summary.json keeps every failure; groups are a view over them.
    expect(grouped.failures).toHaveLength(7)
    expect(grouped.groups.map((g) => [g.kind, g.runner, g.operationId, g.status, g.count])).toEqual(
      [
        ['contract', 'vitest', 'getProfile', 200, 4],
        ['assertion', 'newman', 'getProfile', 418, 1],
        ['transport', 'vitest', 'deleteProfile', null, 1],
        ['contract', 'vitest', 'getProfile', 200, 1],
      ],
    )
    expect(grouped.groups[0]?.failures).toEqual([0, 3, 4, 5])
    expect(grouped.groups.flatMap((g) => g.failures).sort()).toEqual([0, 1, 2, 3, 4, 5, 6])
  })

  it('normalises what differs between failures of one cause out of a reason', () => {
    expect(
      normaliseReason(
        'expected 404, received 200 for subcontract-abc123-7 (3f0e2c1a-1b2c-4d5e-8f90-123456789abc) after 1523 ms at /data/items/12/id',
      ),
    ).toBe(
      'expected 404, received 200 for <test-profile> (<uuid>) after <n> ms at /data/items/*/id',
    )
  })
})

describe('table attribution', () => {
  const crossCutting: TestRecord = {
    runner: 'vitest',
    api: 'adapty',
    operationId: undefined,
    file: 'tests/adapty/cross-cutting/lifecycle.test.ts',
    name: 'runs a profile from creation to deletion',
    fullName: 'lifecycles > runs a profile from creation to deletion',
    state: 'passed',
    durationMs: 5,
    exchanges: ['createProfile', 'getProfile', 'deleteProfile'].map((operationId) => ({
      api: 'adapty',
      operationId,
      status: 200,
      durationMs: 1,
      contract: 'passed' as const,
    })),
  }
  const nothingCalled: TestRecord = {
    ...crossCutting,
    file: 'tests/adapty/cross-cutting/hostile-requests.test.ts',
    fullName: 'hostile > answers an unknown path',
    exchanges: [],
  }

  it('counts each test for one operation, so the columns add up to the totals', () => {
    const s = buildSummary(fixtureRun([crossCutting, nothingCalled]), ADAPTY)
    for (const state of ['passed', 'failed', 'skipped'] as const) {
      const perOperation = s.operations.reduce((n, op) => n + op[state], 0)
      expect(perOperation + (s.unattributed.adapty?.[state] ?? 0)).toBe(s.totals[state])
    }
    // The cross-cutting test counts for the operation of its last request only...
    expect(operationOfTest(crossCutting, ADAPTY)).toBe('deleteProfile')
    expect(s.unattributed.adapty).toMatchObject({ passed: 1, runners: { vitest: { passed: 1 } } })
    // ...while each of its exchanges still counts for its own operation's coverage.
    const created = s.operations.find((op) => op.operationId === 'createProfile')
    expect(created?.statuses).toEqual(['200'])
    expect(created?.passed).toBe(0)
  })

  it('prefers the operation a cross-cutting test names in brackets', () => {
    expect(
      operationOfTest(
        {
          ...crossCutting,
          fullName: 'authentication > rejects a wrong key [getProfile: no auth]',
        },
        ADAPTY,
      ),
    ).toBe('getProfile')
  })
})

describe('exitCodeOf with errors outside tests', () => {
  const run = fixtureRun()
  const transportOnly = buildSummary(
    {
      ...run,
      tests: run.tests.filter((t) => t.state !== 'failed' || t.failureKind === 'transport'),
    },
    ADAPTY,
  )
  it('is 3 when every failure and every run error is a transport failure (a dead target)', () => {
    const refused = toRunError('newman', 'transport: connect ECONNREFUSED 127.0.0.1:9', {
      where: 'pm.sendRequest from a script',
    })
    expect(refused.kind).toBe('transport')
    expect(exitCodeOf({ ...transportOnly, runErrors: [refused] })).toBe(3)
  })
  it('is 1 when one run error is not a transport failure', () => {
    const hook = toRunError('vitest', new Error('boom'), { file: 'tests/adapty/x.test.ts' })
    expect(exitCodeOf({ ...transportOnly, runErrors: [hook] })).toBe(1)
  })
})

describe('buildSummary over two APIs', () => {
  const apis = [...ADAPTY, REVENUECAT_LIKE]
  const two = buildSummary(twoApiRun(), apis)
  const rc = (id: string) =>
    two.operations.find((op) => op.api === 'revenuecat' && op.operationId === id)

  it('lists every operation of every API, with its api, API by API and then tag by tag', () => {
    expect(two.operations).toHaveLength((ADAPTY[0]?.operations.length ?? 0) + 5)
    expect(two.operations.filter((op) => op.api === 'adapty')).toHaveLength(
      ADAPTY[0]?.operations.length ?? 0,
    )
    expect(
      two.operations.filter((op) => op.api === 'revenuecat').map((op) => op.operationId),
    ).toEqual([
      'list-customers',
      'get-customer',
      'create-customer',
      'list-entitlements',
      'list-projects',
    ])
    expect(two.operations.findIndex((op) => op.api === 'revenuecat')).toBe(
      two.operations.filter((op) => op.api === 'adapty').length,
    )
    expect(Object.keys(two.apis)).toEqual(['adapty', 'revenuecat'])
    expect(two.apis.revenuecat?.totals).toEqual({ passed: 4, failed: 1, skipped: 0 })
  })

  it('shows a 501 as an undocumented status and the documented success as not exercised', () => {
    const entitlements = rc('list-entitlements')
    expect(entitlements?.statuses).toEqual([])
    expect(entitlements?.unexercisedStatuses).toContain('200')
    expect(entitlements?.undocumentedStatuses).toEqual(['501'])
    expect(entitlements?.coverage.find((c) => c.status === '501')).toEqual({
      status: '501',
      documented: false,
      runners: { vitest: { exchanges: 1, failed: 1 } },
    })
  })

  it('never counts a 501 as a pass: unchecked, or even marked passed by a test', () => {
    for (const id of ['create-customer', 'list-projects']) {
      const op = rc(id)
      expect(op?.statuses, id).toEqual([])
      expect(op?.undocumentedStatuses, id).toEqual(['501'])
      expect(op?.unexercisedStatuses, id).toEqual(op?.documentedStatuses)
      expect(op?.coverage.find((c) => c.status === '501')?.runners, id).toEqual({
        vitest: { exchanges: 1, failed: 1 },
      })
    }
    // The cross-cutting test names its operation in brackets, kebab-case ids too.
    expect(rc('list-projects')?.passed).toBe(1)
  })

  it('keeps the columns adding up to the totals, and each failure with its API and tag', () => {
    for (const state of ['passed', 'failed', 'skipped'] as const) {
      const perOperation = two.operations.reduce((n, op) => n + op[state], 0)
      const other = Object.values(two.unattributed).reduce((n, u) => n + u[state], 0)
      expect(perOperation + other).toBe(two.totals[state])
    }
    expect(two.failures.at(-1)).toMatchObject({
      api: 'revenuecat',
      operationId: 'list-entitlements',
      tag: 'Entitlement',
      status: 501,
    })
    expect(rc('get-customer')?.statuses).toEqual(['200', '404'])
  })
})

describe('buildSummary with the real registries of both APIs', () => {
  const apis = [...ADAPTY, { name: 'revenuecat' as const, operations: REVENUECAT_OPERATIONS }]
  const notEmulated: TestRecord = {
    runner: 'vitest',
    api: 'revenuecat',
    operationId: 'list-customers',
    file: 'tests/revenuecat/list-customers.test.ts',
    name: 'lists the customers',
    fullName: 'list-customers > lists the customers',
    state: 'failed',
    failureKind: 'contract',
    reason: 'list-customers broke the contract for 200: [expected-status] expected status 200',
    durationMs: 3,
    exchanges: [
      {
        api: 'revenuecat',
        operationId: 'list-customers',
        status: 501,
        durationMs: 1,
        contract: 'failed',
      },
    ],
  }
  const s = buildSummary(fixtureRun([notEmulated]), apis)

  it('lists all 19 + 85 operations with their api, each API grouped by tag', () => {
    expect(s.operations).toHaveLength(
      (ADAPTY[0]?.operations.length ?? 0) + REVENUECAT_OPERATIONS.length,
    )
    const rc = s.operations.filter((op) => op.api === 'revenuecat')
    expect(rc).toHaveLength(REVENUECAT_OPERATIONS.length)
    // Each tag is one run of rows: no tag comes back after another began.
    const runs = rc.map((op) => op.tag).filter((tag, i, tags) => tag !== tags[i - 1])
    expect(runs).toEqual([...new Set(runs)])
  })

  it("shows the sandbox's 501 as undocumented and RevenueCat's 200 as not exercised", () => {
    const op = s.operations.find(
      (o) => o.api === 'revenuecat' && o.operationId === 'list-customers',
    )
    expect(op?.documentedStatuses).not.toContain('501')
    expect(op?.undocumentedStatuses).toEqual(['501'])
    expect(op?.unexercisedStatuses).toContain('200')
    expect(op?.statuses).toEqual([])
    expect(s.failures.at(-1)).toMatchObject({ api: 'revenuecat', tag: 'Customer', status: 501 })
  })
})
