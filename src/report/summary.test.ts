import { describe, expect, it } from 'vitest'
import { fixtureRun } from './fixtures/run.ts'
import { buildSummary, EVIDENCE_LIMIT, exitCodeOf, latencyOf } from './summary.ts'

const summary = buildSummary(fixtureRun(), ['adapty'])
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
    const big = buildSummary(fixtureRun(many), ['adapty'])
    expect(big.failures).toHaveLength(EVIDENCE_LIMIT + 8)
    expect(big.failures[EVIDENCE_LIMIT - 1]?.evidence).toBeDefined()
    expect(big.failures.slice(EVIDENCE_LIMIT).filter((f) => f.evidence !== undefined)).toEqual([])
  })
})

describe('exitCodeOf', () => {
  const base = buildSummary(fixtureRun(), ['adapty'])
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
