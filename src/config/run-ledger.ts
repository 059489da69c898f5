/**
 * The run ledger: every test profile a run creates is recorded before the request that creates it
 * is sent (and forgotten if the request is refused), in
 * `.subcontract/created/<runId>-<pid>.jsonl` (one file per process), with the run's owning
 * process (pid, host, start time). Teardown removes what its run created; `npm run cleanup`
 * removes what interrupted runs left behind and leaves live runs alone. Every change happens
 * under one lock file, so parallel workers and concurrent runs never lose an entry. The ledger
 * holds ids only, never keys.
 */
import {
  appendFileSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { HarnessError } from '../errors.ts'

/** Where run state lives (git-ignored). */
export const STATE_DIR = '.subcontract'

import type { LedgerEntry, LedgerOwner } from './ledger-types.ts'

export type { LedgerEntry, LedgerOwner }

/**
 * The environment variable that names a run's owner for the processes it starts (test workers):
 * set by the process that starts the run (see `runOwnerEnv`), read by `recordCreated`.
 */
export const RUN_OWNER_VARIABLE = 'SUBCONTRACT_RUN_OWNER'

/** This process as an owner. */
export function currentProcessOwner(): LedgerOwner {
  return {
    pid: process.pid,
    hostname: hostname(),
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
  }
}

/** The value of RUN_OWNER_VARIABLE that makes this process the owner of the run it starts. */
export function runOwnerEnv(): string {
  return JSON.stringify(currentProcessOwner())
}

/**
 * The owner of the run this process belongs to: the one its starter named (trusted only when it
 * is this process or its parent, so a variable inherited from an unrelated outer run names
 * nobody), else this process.
 */
export function runOwner(
  env: Readonly<Record<string, string | undefined>> = process.env,
): LedgerOwner {
  const raw = env[RUN_OWNER_VARIABLE]
  if (raw !== undefined) {
    try {
      const owner = JSON.parse(raw) as Partial<LedgerOwner>
      if (
        (owner.pid === process.pid || owner.pid === process.ppid) &&
        typeof owner.pid === 'number' &&
        typeof owner.hostname === 'string' &&
        typeof owner.startedAt === 'string'
      )
        return { pid: owner.pid, hostname: owner.hostname, startedAt: owner.startedAt }
    } catch {
      // A malformed value names nobody: this process owns what it records.
    }
  }
  return currentProcessOwner()
}

/** True while the owner's process runs on this host (a process on another host counts as live). */
export function ownerAlive(owner: LedgerOwner | undefined): boolean {
  if (owner === undefined) return false
  if (owner.hostname !== hostname()) return true
  try {
    process.kill(owner.pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

const LOCK_WAIT_MS = 10_000
const pause = new Int32Array(new SharedArrayBuffer(4))

/** Runs `change` holding the ledger lock (an exclusive lock file; a dead holder's lock is taken over). */
function withLock<T>(root: string, change: () => T): T {
  mkdirSync(dir(root), { recursive: true })
  const lock = join(dir(root), '.lock')
  const deadline = Date.now() + LOCK_WAIT_MS
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'))
      writeFileSync(lock, String(process.pid))
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      let holder: number
      try {
        holder = Number(readFileSync(lock, 'utf8'))
      } catch (read) {
        // Released between our attempt and this read (another run is busy too): try again.
        if ((read as NodeJS.ErrnoException).code === 'ENOENT') continue
        throw read
      }
      if (
        Number.isInteger(holder) &&
        holder > 0 &&
        !ownerAlive({ ...currentProcessOwner(), pid: holder })
      ) {
        rmSync(lock, { force: true })
        continue
      }
      if (Date.now() > deadline) {
        throw new HarnessError(
          'CONFIG_BAD_ENVIRONMENT_FILE',
          `Failed to update the run ledger: ${lock} has been held for ${LOCK_WAIT_MS / 1000} s.`,
          { hint: `if no subcontract run is active, delete ${lock}.` },
        )
      }
      // A short synchronous pause: the ledger must be on disk before the next request.
      Atomics.wait(pause, 0, 0, 5)
    }
  }
  try {
    return change()
  } finally {
    rmSync(lock, { force: true })
  }
}

function dir(root: string): string {
  return join(root, STATE_DIR, 'created')
}

/**
 * Records a created profile with its run's owner (runOwner() unless the entry names one);
 * synchronous, so it is on disk before the next request.
 */
export function recordCreated(entry: LedgerEntry, root = '.'): void {
  const owned = { ...entry, owner: entry.owner ?? runOwner() }
  withLock(root, () =>
    appendFileSync(
      join(dir(root), `${entry.runId}-${process.pid}.jsonl`),
      `${JSON.stringify(owned)}\n`,
    ),
  )
}

/** What identifies an entry: the same id on the same target through the same API. */
function entryKey(e: LedgerEntry): string {
  return `${e.api} ${e.origin} ${e.id}`
}

/**
 * One ledger line as an entry; a line written before entries named their API (`customerUserId`,
 * Adapty's only) reads as an Adapty entry, so cleanup still finds what older runs left.
 */
function readEntry(line: string): LedgerEntry | undefined {
  const raw = JSON.parse(line) as Partial<LedgerEntry> & { customerUserId?: string }
  const id = raw.id ?? raw.customerUserId
  if (typeof id !== 'string' || typeof raw.runId !== 'string' || typeof raw.origin !== 'string')
    return undefined
  const { customerUserId: _legacy, ...rest } = raw
  return { ...rest, api: raw.api ?? 'adapty', id } as LedgerEntry
}

/** Every recorded entry not yet removed, optionally only for one run, API or origin. */
export function pendingEntries(
  root = '.',
  filter: { runId?: string; api?: string; origin?: string } = {},
): LedgerEntry[] {
  if (!existsSync(dir(root))) return []
  const entries: LedgerEntry[] = []
  for (const file of readdirSync(dir(root)).filter((f) => f.endsWith('.jsonl'))) {
    let text: string
    try {
      text = readFileSync(join(dir(root), file), 'utf8')
    } catch (error) {
      // Another run forgot its last entry of that file since the listing: nothing to read.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue
      throw error
    }
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue
      try {
        const entry = readEntry(line)
        if (entry !== undefined) entries.push(entry)
      } catch {
        // A line cut short by a killed process names nothing we could delete.
      }
    }
  }
  const unique = new Map(entries.map((e) => [entryKey(e), e]))
  return [...unique.values()].filter(
    (e) =>
      (filter.runId === undefined || e.runId === filter.runId) &&
      (filter.api === undefined || e.api === filter.api) &&
      (filter.origin === undefined || e.origin === filter.origin),
  )
}

/**
 * Rewrites each ledger file without the removed entries (under the lock; temp file, then rename),
 * so a file keeps its name while it still holds entries, and goes once it holds none.
 */
export function forgetEntries(removed: readonly LedgerEntry[], root = '.'): void {
  if (removed.length === 0 || !existsSync(dir(root))) return
  const gone = new Set(removed.map(entryKey))
  withLock(root, () => {
    for (const file of readdirSync(dir(root)).filter((f) => f.endsWith('.jsonl'))) {
      const path = join(dir(root), file)
      const lines = readFileSync(path, 'utf8').split('\n')
      const kept = lines.filter((line) => {
        if (line.trim() === '') return false
        try {
          const entry = readEntry(line)
          return entry !== undefined && !gone.has(entryKey(entry))
        } catch {
          return false
        }
      })
      if (kept.length === lines.filter((l) => l.trim() !== '').length) continue
      if (kept.length === 0) {
        rmSync(path)
        continue
      }
      const next = `${path}.tmp-${process.pid}`
      writeFileSync(next, `${kept.join('\n')}\n`)
      renameSync(next, path)
    }
  })
}
