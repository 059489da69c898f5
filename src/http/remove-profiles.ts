/** Deletes recorded test profiles through the API: the teardown of a run and `npm run cleanup`. */
import type { LedgerEntry, LedgerOwner } from '../config/ledger-types.ts'
import type { Client } from './create-client.ts'
import { HttpError } from './http-error.ts'

/** What a removal pass did. */
export interface RemovalReport {
  /** Deleted by this pass (204). */
  removed: LedgerEntry[]
  /** Not there any more (404): removed earlier, by a teardown or by hand. */
  alreadyGone: LedgerEntry[]
  failed: Array<{ entry: LedgerEntry; reason: string }>
  /** Runs whose owning process is still running: left alone (cleanup without --force). */
  leftLive?: Array<{ runId: string; owner: LedgerOwner; count: number }>
}

/** Deletes each profile; a 204 is removed, a 404 already gone, anything else a failure. */
export async function removeProfiles(
  client: Client,
  entries: readonly LedgerEntry[],
): Promise<RemovalReport> {
  const report: RemovalReport = { removed: [], alreadyGone: [], failed: [] }
  for (const entry of entries) {
    try {
      const res = await client.call('deleteProfile', {
        headers: { 'adapty-customer-user-id': entry.customerUserId },
      })
      if (res.response.status === 204) report.removed.push(entry)
      else if (res.response.status === 404) report.alreadyGone.push(entry)
      else report.failed.push({ entry, reason: `status ${res.response.status}` })
    } catch (error) {
      report.failed.push({
        entry,
        reason: error instanceof HttpError ? error.code : (error as Error).message,
      })
    }
  }
  return report
}

/** One line per outcome, for the console; `label` starts each line (teardown, cleanup). */
export function formatRemoval(report: RemovalReport, label = 'teardown'): string {
  const gone = report.alreadyGone.length
  const lines = [
    `${label}: removed ${report.removed.length} test profile(s)${gone > 0 ? `, ${gone} already gone` : ''}`,
  ]
  for (const { entry, reason } of report.failed)
    lines.push(
      `${label}: could not remove ${entry.customerUserId} (${reason}); run subcontract cleanup later`,
    )
  for (const { runId, owner, count } of report.leftLive ?? [])
    lines.push(
      `${label}: left ${count} test profile(s) of run ${runId}: it is still running (pid ${owner.pid} on ${owner.hostname}, started ${owner.startedAt}); pass --force to remove them anyway`,
    )
  return lines.join('\n')
}
