// `run --shard i/n` and `merge`, end to end on a selection that spans both APIs and both
// runners: for n = 1, 2 and 3 the parts together run every test once, and the merged
// summary.json and junit.xml equal those of one unsharded run, apart from timings and the
// sandbox's ports. The runs go one after another in one child process (tests/support/
// run-shards.mjs), so the test pays vitest's start once; parts of a run share nothing, so
// whether they run side by side or in turn does not change what they find.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { captureIo } from '../../src/cli/io.ts'
import { runMerge } from '../../src/cli/merge.ts'
import type { Summary } from '../../src/report/summary.ts'
import { runSubcontract } from '../support/child-run.ts'
import { ROOT } from './files.ts'

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
const PARTS: Record<number, string[]> = {
  // One part, and three: two splits, whose parts the refusal cases mix (each part is a run of its
  // own, so a third split would cost two more runs for nothing these cases do not show).
  1: ['n1-part1'],
  3: ['n3-part1', 'n3-part2', 'n3-part3'],
}
const runs = new Map<string, { code: number; output: string }>()

/** A summary without what differs between any two runs: timings, start, ports. */
function comparable(dir: string): Summary {
  const summary = JSON.parse(readFileSync(join(root, dir, 'summary.json'), 'utf8')) as Summary
  const { startedAt, durationMs, timings, baseUrls, ...rest } = summary
  return {
    ...rest,
    operations: summary.operations.map(({ latency, ...op }) => op),
  } as unknown as Summary
}

/** junit.xml without times, timestamps and ports. */
function comparableJunit(dir: string): string {
  return readFileSync(join(root, dir, 'junit.xml'), 'utf8')
    .replace(/ (time|timestamp)="[^"]*"/g, '')
    .replace(/127\.0\.0\.1:\d+/g, 'HOST')
}

/** `subcontract merge` in this process: exit code, output, or the error it refused with. */
async function merge(dir: string, parts: string[]) {
  const io = captureIo()
  try {
    const code = await runMerge(
      [...parts.map((p) => join(root, p)), '--report-dir', join(root, dir)],
      io,
    )
    return { code, output: io.lines.join(''), error: undefined }
  } catch (error) {
    return { code: undefined, output: io.lines.join(''), error: error as Error & { code: string } }
  }
}

describe('a sharded run and its merge', () => {
  beforeAll(() => {
    const specs = [
      'whole=whole',
      ...Object.entries(PARTS).flatMap(([n, dirs]) => dirs.map((d, i) => `${d}=${i + 1}/${n}`)),
    ]
    const child = spawnSync(
      process.execPath,
      ['tests/support/run-shards.mjs', root, ...specs, '--', ...SELECTION],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, ...env, SUBCONTRACT_RUN_ID: undefined },
      },
    )
    expect(child.status, child.stderr).toBe(0)
    for (const line of child.stdout.split('\n').filter((l) => l.startsWith('{'))) {
      const run = JSON.parse(line) as { dir: string; code: number; output: string }
      runs.set(run.dir, run)
    }
  }, 180_000)
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('runs the selection whole first (the reference)', () => {
    const whole = runs.get('whole')
    expect(whole?.code, whole?.output).toBe(0)
    const summary = comparable('whole')
    expect(summary.totals.passed).toBeGreaterThan(0)
    expect(summary.runners.newman?.passed).toBeGreaterThan(0)
    expect(Object.keys(summary.apis).sort()).toEqual(['adapty', 'revenuecat'])
  })

  for (const count of [1, 3]) {
    it(`splits into ${count} part(s) that together equal the whole run`, async () => {
      const parts = PARTS[count] ?? []
      for (const [i, dir] of parts.entries()) {
        const run = runs.get(dir)
        expect(run?.code, run?.output).toBe(0)
        expect(run?.output).toContain(`shard ${i + 1}/${count}:`)
      }
      // Every test ran exactly once: the parts' totals add up to the whole run's.
      const totals = parts.map((dir) => comparable(dir).totals.passed)
      expect(totals.reduce((a, b) => a + b, 0)).toBe(comparable('whole').totals.passed)
      if (count > 1) for (const passed of totals) expect(passed).toBeGreaterThan(0)

      const merged = await merge(`n${count}-merged`, [...parts].reverse())
      expect(merged.code, merged.output + String(merged.error)).toBe(0)
      expect(merged.output).toContain(`subcontract merge: ${count} part(s) of ${count}`)
      expect(comparable(`n${count}-merged`)).toEqual(comparable('whole'))
      expect(comparableJunit(`n${count}-merged`)).toBe(comparableJunit('whole'))
      const { timings } = JSON.parse(
        readFileSync(join(root, `n${count}-merged`, 'summary.json'), 'utf8'),
      ) as Summary
      expect(timings?.shards?.map((s) => `${s.index}/${s.count}`)).toEqual(
        parts.map((_, i) => `${i + 1}/${count}`),
      )
    })
  }

  it('refuses a merge with a part missing, naming it, and writes nothing', async () => {
    const merged = await merge('missing', ['n3-part1', 'n3-part3'])
    expect(merged.error?.code).toBe('REPORT_BAD_SHARD')
    expect(merged.error?.message).toContain('part 2/3 is missing')
    expect(() => readFileSync(join(root, 'missing', 'summary.json'))).toThrow()
  })

  it('refuses parts of different splits, and a part given twice', async () => {
    const mixed = await merge('mixed', ['n1-part1', 'n3-part2'])
    expect(mixed.error?.message).toMatch(/is part 2\/3, but .* is part of 1/)
    const twice = await merge('twice', ['n3-part1', 'n3-part1', 'n3-part2', 'n3-part3'])
    expect(twice.error?.message).toContain('part 1/3 is given twice')
  })

  it('refuses to write into a part of its own', async () => {
    const inside = await merge('n3-part1', ['n3-part1', 'n3-part2', 'n3-part3'])
    expect(inside.error?.message).toContain("would replace that part's own")
    expect(runs.get('n3-part1')).toBeDefined()
    expect(comparable('n3-part1').totals.passed).toBeGreaterThan(0)
  })

  it('refuses, from the command line, a directory with no shard report (exit 2, how to make one)', async () => {
    const result = await runSubcontract(
      ['merge', join(root, 'whole'), '--report-dir', join(root, 'none')],
      { env },
    )
    expect(result.status).toBe(2)
    expect(result.stdout + result.stderr).toContain('shard.json')
    expect(result.stdout + result.stderr).toContain('--shard')
  }, 30_000)

  it('refuses a bad --shard before running anything (exit 2, the form it takes)', async () => {
    const result = await runSubcontract(['run', '--shard', '3/2'], { env })
    expect(result.status).toBe(2)
    expect(result.stdout + result.stderr).toContain('--shard 3/2 names no part (i must be 1 to 2)')
    expect(result.stdout).not.toContain('passed,')
  }, 30_000)
})
