import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { adapty } from '../apis/adapty/api.ts'
import { isHarnessError } from '../errors.ts'
import { fixtureRun } from '../report/fixtures/run.ts'
import { buildSummary } from '../report/summary.ts'
import { writeReports } from './regression.ts'
import { claimReportDir, REPORT_FILES } from './report-dir.ts'

const fresh = () => mkdtempSync(join(tmpdir(), 'subcontract-report-dir-'))

/** The pid of a process that has exited (so no process has it now, bar reuse). */
function deadPid(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', ''])
    child.on('close', () => resolve(child.pid as number))
  })
}

function errorOf(fn: () => unknown) {
  try {
    fn()
  } catch (error) {
    if (isHarnessError(error)) return error
    throw error
  }
  throw new Error('expected a HarnessError')
}

describe('claimReportDir', () => {
  it("removes the previous run's report files, so runs never mix", () => {
    const dir = fresh()
    for (const file of [...REPORT_FILES, 'keep.txt']) writeFileSync(join(dir, file), 'old')
    const claim = claimReportDir(dir, 'run1')
    expect(readdirSync(dir).sort()).toEqual(['.subcontract-run.lock', 'keep.txt'])
    claim.release()
    expect(readdirSync(dir)).toEqual(['keep.txt'])
  })

  it('refuses a directory a live run holds, naming the run and the way out', () => {
    const dir = fresh()
    const first = claimReportDir(dir, 'first')
    writeFileSync(join(dir, 'summary.json'), 'first run, still writing')
    const error = errorOf(() => claimReportDir(dir, 'second'))
    expect(error.message).toContain(
      `belongs to another subcontract run (run first, pid ${process.pid}`,
    )
    expect(error.hint).toContain('--report-dir')
    // The live run's files are untouched.
    expect(existsSync(join(dir, 'summary.json'))).toBe(true)
    first.release()
    claimReportDir(dir, 'second').release()
  })

  it('takes over the lock of a run that is gone', async () => {
    const dir = fresh()
    const lock = { pid: await deadPid(), hostname: hostname(), runId: 'killed', startedAt: 'then' }
    writeFileSync(join(dir, '.subcontract-run.lock'), JSON.stringify(lock))
    const claim = claimReportDir(dir, 'next')
    claim.release()
    expect(existsSync(join(dir, '.subcontract-run.lock'))).toBe(false)
  })

  it('creates missing directories, and fails at once where none can be made', () => {
    const dir = join(fresh(), 'a', 'b')
    claimReportDir(dir, 'run').release()
    expect(existsSync(dir)).toBe(true)
    // mkdirSync's recursive mode spins forever here on Node 20.
    expect(errorOf(() => claimReportDir('/proc/subcontract-nope/x', 'run')).message).toContain(
      'is not a directory this run can write to',
    )
  })

  it('fails up front when a report path is a directory', () => {
    const dir = fresh()
    mkdirSync(join(dir, 'junit.xml'))
    expect(errorOf(() => claimReportDir(dir, 'run')).message).toContain(
      'junit.xml is a directory, where this run writes its junit.xml',
    )
    expect(existsSync(join(dir, '.subcontract-run.lock'))).toBe(false)
  })
})

describe('writeReports', () => {
  it('writes every report it can and returns the ones it could not', () => {
    const dir = fresh()
    const run = fixtureRun()
    mkdirSync(join(dir, 'junit.xml'))
    const { written, unwritten } = writeReports(
      dir,
      new Set(['json', 'junit', 'html']),
      run,
      buildSummary(run, [adapty]),
      [adapty],
    )
    const names = written.map((f) => f.slice(dir.length + 1))
    expect(names).toEqual(expect.arrayContaining(['summary.json', 'report.html']))
    expect(names).not.toContain('junit.xml')
    expect(unwritten).toHaveLength(1)
    expect(unwritten[0]?.message).toContain('junit.xml')
  })
})
