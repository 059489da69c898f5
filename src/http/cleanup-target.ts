/**
 * Removes what earlier runs recorded in the ledger for one API of a target and could not remove
 * (an interrupted run), leaving live runs alone: the run's global teardown and `subcontract
 * cleanup` both call it.
 */
import type { ApiDefinition } from '../api/api-definition.ts'
import type { Config } from '../config/load-config.ts'
import {
  forgetEntries,
  type LedgerEntry,
  ownerAlive,
  pendingEntries,
} from '../config/run-ledger.ts'
import { type RemovalReport, removeTestData } from './remove-test-data.ts'
import { createTargetClient, type TargetClientOptions } from './target-client.ts'

/** How to clean up. */
export interface CleanupOptions {
  /** Where .subcontract/ lives (default: the working directory). */
  root?: string
  /** Also remove entries whose owning process is still alive. */
  force?: boolean
  /** Test seams for the client (limiter, retry, sleep). */
  client?: TargetClientOptions
}

/**
 * Removes the recorded test data of one API of the target (optionally one run) and forgets the removed and the
 * already gone ones. Entries owned by another live process are left (unless `force`); this
 * process's own entries are always its to remove.
 */
export async function cleanupTarget(
  config: Config,
  api: Pick<ApiDefinition, 'name' | 'operations' | 'auth' | 'testData'>,
  runId?: string,
  options: CleanupOptions = {},
): Promise<RemovalReport> {
  const root = options.root ?? '.'
  const target = config.targets[api.name]
  if (target === undefined) return { removed: [], alreadyGone: [], failed: [] }
  const origin = new URL(target.baseUrl).origin
  const entries = pendingEntries(root, {
    api: api.name,
    origin,
    ...(runId === undefined ? {} : { runId }),
  })
  const live = (e: LedgerEntry) =>
    options.force !== true &&
    e.owner !== undefined &&
    e.owner.pid !== process.pid &&
    ownerAlive(e.owner)
  const leftLive = new Map<string, NonNullable<RemovalReport['leftLive']>[number]>()
  for (const entry of entries.filter(live)) {
    const owner = entry.owner as NonNullable<LedgerEntry['owner']>
    const key = `${entry.runId} ${owner.pid}`
    const seen = leftLive.get(key)
    if (seen === undefined) leftLive.set(key, { runId: entry.runId, owner, count: 1 })
    else seen.count += 1
  }
  const client = createTargetClient(config, api, target, options.client)
  try {
    const report = await removeTestData(
      api,
      client,
      entries.filter((e) => !live(e)),
    )
    forgetEntries([...report.removed, ...report.alreadyGone, ...(report.notRunScoped ?? [])], root)
    return leftLive.size === 0 ? report : { ...report, leftLive: [...leftLive.values()] }
  } finally {
    await client.close()
  }
}
