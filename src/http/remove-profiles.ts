/** Deletes recorded test profiles through the API: the teardown of a run and `npm run cleanup`. */
import type { LedgerEntry } from '../config/ledger-types.ts'
import type { Client } from './create-client.ts'
import { HttpError } from './http-error.ts'

/** What a removal pass did. */
export interface RemovalReport {
  removed: LedgerEntry[]
  failed: Array<{ entry: LedgerEntry; reason: string }>
}

/** Deletes each profile; 204 and 404 (already gone) both count as removed. */
export async function removeProfiles(
  client: Client,
  entries: readonly LedgerEntry[],
): Promise<RemovalReport> {
  const report: RemovalReport = { removed: [], failed: [] }
  for (const entry of entries) {
    try {
      const res = await client.call('deleteProfile', {
        headers: { 'adapty-customer-user-id': entry.customerUserId },
      })
      if (res.response.status === 204 || res.response.status === 404) report.removed.push(entry)
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

/** One line per outcome, for the console. */
export function formatRemoval(report: RemovalReport): string {
  const lines = [`teardown: removed ${report.removed.length} test profile(s)`]
  for (const { entry, reason } of report.failed)
    lines.push(
      `teardown: could not remove ${entry.customerUserId} (${reason}); run npm run cleanup later`,
    )
  return lines.join('\n')
}
