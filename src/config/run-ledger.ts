/**
 * The run ledger: every test profile a run creates is recorded the moment it exists, in
 * `.subcontract/created/<runId>-<pid>.jsonl` (one file per process, so parallel workers never
 * interleave writes). Teardown removes what its run created; `npm run cleanup` removes what
 * interrupted runs left behind. The ledger holds ids only, never keys.
 */
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'

/** Where run state lives (git-ignored). */
export const STATE_DIR = '.subcontract'

import type { LedgerEntry } from './ledger-types.ts'

export type { LedgerEntry }

function dir(root: string): string {
  return join(root, STATE_DIR, 'created')
}

/** Records a created profile; synchronous, so it is on disk before the next request. */
export function recordCreated(entry: LedgerEntry, root = '.'): void {
  mkdirSync(dir(root), { recursive: true })
  appendFileSync(
    join(dir(root), `${entry.runId}-${process.pid}.jsonl`),
    `${JSON.stringify(entry)}\n`,
  )
}

/** Every recorded profile not yet removed, optionally only for one run or origin. */
export function pendingEntries(
  root = '.',
  filter: { runId?: string; origin?: string } = {},
): LedgerEntry[] {
  if (!existsSync(dir(root))) return []
  const entries: LedgerEntry[] = []
  for (const file of readdirSync(dir(root)).filter((f) => f.endsWith('.jsonl'))) {
    for (const line of readFileSync(join(dir(root), file), 'utf8').split('\n')) {
      if (line.trim() === '') continue
      try {
        entries.push(JSON.parse(line) as LedgerEntry)
      } catch {
        // A line cut short by a killed process names nothing we could delete.
      }
    }
  }
  const unique = new Map(entries.map((e) => [`${e.origin} ${e.customerUserId}`, e]))
  return [...unique.values()].filter(
    (e) =>
      (filter.runId === undefined || e.runId === filter.runId) &&
      (filter.origin === undefined || e.origin === filter.origin),
  )
}

/** Rewrites the ledger without the removed entries (atomically: temp file, then rename). */
export function forgetEntries(removed: readonly LedgerEntry[], root = '.'): void {
  if (removed.length === 0 || !existsSync(dir(root))) return
  const gone = new Set(removed.map((e) => `${e.origin} ${e.customerUserId}`))
  const left = pendingEntries(root).filter((e) => !gone.has(`${e.origin} ${e.customerUserId}`))
  const files = readdirSync(dir(root)).filter((f) => f.endsWith('.jsonl'))
  const next = join(dir(root), `remaining-${process.pid}.tmp`)
  writeFileSync(next, left.map((e) => JSON.stringify(e)).join('\n') + (left.length > 0 ? '\n' : ''))
  for (const file of files) rmSync(join(dir(root), file))
  if (left.length > 0) renameSync(next, join(dir(root), `remaining-${Date.now()}.jsonl`))
  else rmSync(next)
}
