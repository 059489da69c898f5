/**
 * A run's report directory is its own while it runs: one run at a time per directory (a lock
 * naming the owning process), and the previous run's report files are removed when the run
 * starts, so the directory never holds one run's summary beside another run's newman.json.
 */
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { LedgerOwner } from '../config/ledger-types.ts'
import { currentProcessOwner, ownerAlive } from '../config/run-ledger.ts'
import { HarnessError } from '../errors.ts'

/** Every file a run may write into its report directory. */
export const REPORT_FILES = [
  'summary.json',
  'junit.xml',
  'report.html',
  'newman.json',
  'shard.json',
] as const

/** The lock file a run keeps in its report directory while it runs (its owner and run id). */
export const REPORT_DIR_LOCK = '.subcontract-run.lock'

/** Who holds a report directory: the ledger's owner shape (pid, host, start) and the run. */
type LockOwner = LedgerOwner & { runId: string }

/**
 * Creates `dir` one level at a time. (mkdirSync's recursive mode spins forever on some paths under
 * /proc on Node 20; a plain mkdir fails there at once.)
 */
export function makeDirectory(dir: string): void {
  const missing: string[] = []
  for (let d = resolve(dir); !existsSync(d); d = dirname(d)) {
    missing.unshift(d)
    if (dirname(d) === d) break
  }
  for (const d of missing) mkdirSync(d)
}

/** A claimed report directory; `release` gives it back (idempotent). */
export interface ReportDirClaim {
  dir: string
  release(): void
}

/**
 * Claims `dir` for this run: creates it, checks it is writable, takes the lock (a live run that
 * holds it is a usage error; a dead one's lock is taken over) and removes the previous run's
 * report files. Throws REPORT_WRITE with a fix when the directory cannot be used.
 */
export function claimReportDir(dir: string, runId: string): ReportDirClaim {
  try {
    makeDirectory(dir)
    if (!statSync(dir).isDirectory()) throw new Error('not a directory')
    accessSync(dir, constants.W_OK)
  } catch (cause) {
    throw new HarnessError(
      'REPORT_WRITE',
      `Failed to prepare the reports: ${dir} is not a directory this run can write to.`,
      { hint: 'pass --report-dir with a writable directory (it is created when missing).', cause },
    )
  }
  const lock = join(dir, REPORT_DIR_LOCK)
  const me: LockOwner = { ...currentProcessOwner(), runId }
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(lock, `${JSON.stringify(me)}\n`, { flag: 'wx' })
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) {
        throw new HarnessError(
          'REPORT_WRITE',
          `Failed to prepare the reports: cannot take the lock ${lock}.`,
          { hint: 'pass --report-dir with a writable directory.', cause: error },
        )
      }
      let owner: LockOwner | undefined
      try {
        owner = JSON.parse(readFileSync(lock, 'utf8')) as LockOwner
      } catch {
        owner = undefined
      }
      if (owner !== undefined && ownerAlive(owner)) {
        throw new HarnessError(
          'CLI_USAGE',
          `Failed to prepare the reports: ${dir} belongs to another subcontract run (run ${owner.runId}, pid ${owner.pid}, started ${owner.startedAt}).`,
          {
            hint: `wait for it to finish, or give this run its own directory with --report-dir. If no such run exists, delete ${lock}.`,
          },
        )
      }
      // The owner is gone (a killed run): its lock is stale.
      rmSync(lock, { force: true })
    }
  }
  for (const file of REPORT_FILES) {
    const path = join(dir, file)
    if (existsSync(path) && statSync(path).isDirectory()) {
      rmSync(lock, { force: true })
      throw new HarnessError(
        'REPORT_WRITE',
        `Failed to prepare the reports: ${path} is a directory, where this run writes its ${file}.`,
        { hint: `remove ${path}, or pass --report-dir with another directory.` },
      )
    }
    rmSync(path, { force: true })
  }
  let released = false
  const release = () => {
    if (released) return
    released = true
    try {
      const owner = JSON.parse(readFileSync(lock, 'utf8')) as LockOwner
      if (owner.pid === me.pid && owner.runId === runId) rmSync(lock, { force: true })
    } catch {
      // Already gone.
    }
  }
  process.once('exit', release)
  return { dir, release }
}
