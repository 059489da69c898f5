/**
 * Removes recorded test data through its API (ApiDefinition.testData.remove): the teardown of a
 * run and `npm run cleanup`.
 */
import type { ApiDefinition } from '../api/api-definition.ts'
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
  /**
   * Recorded, but not named as its run's test data (`subcontract-<runId>-…`): a request that named
   * an id the run did not make (a seeded or configured one, to provoke a refusal) and got no
   * answer. Never deleted, and forgotten like the removed ones.
   */
  notRunScoped?: LedgerEntry[]
  /** Runs whose owning process is still running: left alone (cleanup without --force). */
  leftLive?: Array<{ runId: string; owner: LedgerOwner; count: number }>
}

/**
 * True when the entry's own id (the last part of a reference such as RevenueCat's
 * `<project_id>/<customer_id>`) is its run's: `subcontract-<runId>-…`, as every id a run makes is.
 */
export function runScoped(entry: Pick<LedgerEntry, 'id' | 'runId'>): boolean {
  return entry.id.split('/').at(-1)?.startsWith(`subcontract-${entry.runId}-`) === true
}

/** Removes each entry through the API; removed, already gone, or a failure with its reason. */
export async function removeTestData(
  api: Pick<ApiDefinition, 'testData'>,
  client: Client,
  entries: readonly LedgerEntry[],
): Promise<RemovalReport> {
  const report: RemovalReport = { removed: [], alreadyGone: [], failed: [] }
  const rank = api.testData.order ?? (() => 0)
  // Stable: entries of one rank keep the ledger's order.
  const ordered = [...entries].sort((a, b) => rank(a.id) - rank(b.id))
  for (const entry of ordered) {
    if (!runScoped(entry)) {
      report.notRunScoped = [...(report.notRunScoped ?? []), entry]
      continue
    }
    try {
      const outcome = await api.testData.remove(client, entry.id)
      if (outcome === 'removed') report.removed.push(entry)
      else if (outcome === 'gone') report.alreadyGone.push(entry)
      else report.failed.push({ entry, reason: outcome.failed })
    } catch (error) {
      report.failed.push({
        entry,
        reason: error instanceof HttpError ? error.code : (error as Error).message,
      })
    }
  }
  return report
}

/**
 * One line per outcome, for the console; `label` starts each line (teardown, cleanup) and `noun`
 * names what was removed (the API's testData.noun).
 */
export function formatRemoval(
  report: RemovalReport,
  label = 'teardown',
  noun = 'test profile',
): string {
  const gone = report.alreadyGone.length
  const lines = [
    `${label}: removed ${report.removed.length} ${noun}(s)${gone > 0 ? `, ${gone} already gone` : ''}`,
  ]
  const foreign = report.notRunScoped?.length ?? 0
  if (foreign > 0)
    lines.push(
      `${label}: left ${foreign} recorded id(s) alone that are not named as their run's (subcontract-<runId>-…): a run deletes only what it made`,
    )
  for (const { entry, reason } of report.failed)
    lines.push(`${label}: could not remove ${entry.id} (${reason}); run subcontract cleanup later`)
  for (const { runId, owner, count } of report.leftLive ?? [])
    lines.push(
      `${label}: left ${count} ${noun}(s) of run ${runId}: it is still running (pid ${owner.pid} on ${owner.hostname}, started ${owner.startedAt}); pass --force to remove them anyway`,
    )
  return lines.join('\n')
}
