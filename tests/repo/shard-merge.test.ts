// `run --shard i/n` and `merge`, end to end on a selection that spans both APIs and both
// runners: for n = 1, 2 and 3 the parts together run every test once, and the merged
// summary.json and junit.xml equal those of one unsharded run, apart from timings and the
// sandbox's ports. The parts of one n run side by side, as CI jobs would.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Summary } from '../../src/report/summary.ts'
import { type ChildRun, runSubcontract } from '../support/child-run.ts'

const SELECTION = [
  '--operation',
  'getProfile',
  '--operation',
  'createProfile',
  '--operation',
  'listPaywalls',
  '--operation',
  'listVirtualCurrencyBalances',
  '--operation',
  'list-projects',
]

const root = mkdtempSync(join(tmpdir(), 'subcontract-shards-'))
const env = { CI: 'true', SUBCONTRACT_TARGET: 'local' }

function run(dir: string, ...args: string[]): Promise<ChildRun> {
  return runSubcontract(['run', ...SELECTION, '--report-dir', join(root, dir), ...args], { env })
}

function merge(dir: string, parts: string[], ...args: string[]): Promise<ChildRun> {
  return runSubcontract(
    ['merge', ...parts.map((p) => join(root, p)), '--report-dir', join(root, dir), ...args],
    { env },
  )
}

/** A summary without what differs between any two runs: timings, start, ports. */
function comparable(dir: string): unknown {
  const summary = JSON.parse(readFileSync(join(root, dir, 'summary.json'), 'utf8')) as Summary
  const { startedAt, durationMs, timings, baseUrls, ...rest } = summary
  return {
    ...rest,
    operations: summary.operations.map(({ latency, ...op }) => op),
  }
}

/** junit.xml without times, timestamps and ports. */
function comparableJunit(dir: string): string {
  return readFileSync(join(root, dir, 'junit.xml'), 'utf8')
    .replace(/ (time|timestamp)="[^"]*"/g, '')
    .replace(/127\.0\.0\.1:\d+/g, 'HOST')
}

const ran = (result: ChildRun) => result.stdout + result.stderr
let whole: ChildRun

describe('a sharded run and its merge', () => {
  beforeAll(async () => {
    whole = await run('whole')
  }, 120_000)
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('runs the selection whole first (the reference)', () => {
    expect(whole.status, ran(whole)).toBe(0)
    const summary = comparable('whole') as Summary
    expect(summary.totals.passed).toBeGreaterThan(0)
    expect(summary.runners.newman?.passed).toBeGreaterThan(0)
    expect(Object.keys(summary.apis).sort()).toEqual(['adapty', 'revenuecat'])
  })

  for (const count of [1, 2, 3]) {
    it(`splits into ${count} part(s) that together equal the whole run`, async () => {
      const parts = Array.from({ length: count }, (_, i) => `n${count}-part${i + 1}`)
      const results = await Promise.all(
        parts.map((dir, i) => run(dir, '--shard', `${i + 1}/${count}`)),
      )
      for (const [i, result] of results.entries()) {
        expect(result.status, ran(result)).toBe(0)
        expect(result.stdout).toContain(`shard ${i + 1}/${count}:`)
      }
      // Every test ran exactly once: the parts' totals add up to the whole run's.
      const totals = parts.map((dir) => (comparable(dir) as Summary).totals.passed)
      expect(totals.reduce((a, b) => a + b, 0)).toBe((comparable('whole') as Summary).totals.passed)
      if (count > 1) for (const passed of totals) expect(passed).toBeGreaterThan(0)

      const merged = await merge(`n${count}-merged`, [...parts].reverse())
      expect(merged.status, ran(merged)).toBe(0)
      expect(merged.stdout).toContain(`subcontract merge: ${count} part(s) of ${count}`)
      expect(comparable(`n${count}-merged`)).toEqual(comparable('whole'))
      expect(comparableJunit(`n${count}-merged`)).toBe(comparableJunit('whole'))
      const timings = (
        JSON.parse(readFileSync(join(root, `n${count}-merged`, 'summary.json'), 'utf8')) as Summary
      ).timings
      expect(timings?.shards?.map((s) => `${s.index}/${s.count}`)).toEqual(
        parts.map((_, i) => `${i + 1}/${count}`),
      )
    }, 180_000)
  }

  it('refuses a merge with a part missing, naming it (exit 2, nothing written)', async () => {
    const merged = await merge('missing', ['n3-part1', 'n3-part3'])
    expect(merged.status).toBe(2)
    expect(ran(merged)).toContain('part 2/3 is missing')
    expect(() => readFileSync(join(root, 'missing', 'summary.json'))).toThrow()
  })

  it('refuses parts of different splits, and a part given twice', async () => {
    const mixed = await merge('mixed', ['n2-part1', 'n3-part2'])
    expect(mixed.status).toBe(2)
    expect(ran(mixed)).toMatch(/is part 2\/3, but .* is part of 2/)
    const twice = await merge('twice', ['n2-part1', 'n2-part1', 'n2-part2'])
    expect(twice.status).toBe(2)
    expect(ran(twice)).toContain('part 1/2 is given twice')
  })

  it('refuses a directory that holds no shard report, saying how to make one', async () => {
    const merged = await merge('none', ['whole'])
    expect(merged.status).toBe(2)
    expect(ran(merged)).toContain('shard.json')
    expect(ran(merged)).toContain('--shard')
  })

  it('refuses a bad --shard before running anything (exit 2, the form it takes)', async () => {
    const result = await runSubcontract(['run', '--shard', '3/2'], { env })
    expect(result.status).toBe(2)
    expect(ran(result)).toContain('--shard 3/2 names no part (i must be 1 to 2)')
    expect(ran(result)).not.toContain('passed,')
  }, 30_000)
})
