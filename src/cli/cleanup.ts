/**
 * `subcontract cleanup --target remote`: removes the test profiles that earlier runs recorded in
 * the ledger (.subcontract/) but could not remove, for example after an interrupted run. A run
 * whose owning process still runs is left alone (unless --force), so cleanup never pulls a live
 * run's data from under it. Asks nothing: safe in CI. Exit 0 when everything it may remove is
 * gone, 1 when some could not be removed.
 */
import { type Config, loadConfig } from '../config/load-config.ts'
import {
  forgetEntries,
  type LedgerEntry,
  ownerAlive,
  pendingEntries,
} from '../config/run-ledger.ts'
import { formatRemoval, type RemovalReport, removeProfiles } from '../http/remove-profiles.ts'
import { createTargetClient, type TargetClientOptions } from '../http/target-client.ts'
import { ENV_FILE_FLAGS, envFileOf, parseFlags } from './args.ts'
import type { CommandIo } from './io.ts'

/** Usage text of the cleanup command. */
export const CLEANUP_USAGE = `Usage: subcontract cleanup [options]      (npm run cleanup -- [options])

Removes the test profiles that earlier runs recorded in .subcontract/ for the configured target
but could not remove (an interrupted run, a crashed teardown). A run that is still going (its
process is alive on this host) is left alone, with a line saying so; --force removes it too.
Requests are paced and time-limited like a run's (SUBCONTRACT_RATE_LIMIT, SUBCONTRACT_*_TIMEOUT_MS).
Asks nothing: safe in CI. Exit 0 when everything it may remove is gone, 1 when some profiles
could not be removed.

Options:
  --target <local|remote>  the target whose profiles to remove (default: remote)
  --env <file>             dotenv file with the target's variables (default: .env)
  --run <runId>            only the profiles of this run
  --force                  also remove the profiles of runs that are still going
  -h, --help               show this help

Examples:
  subcontract cleanup
  subcontract cleanup --env .env.staging --run mfx3k2a1`

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
 * Removes recorded profiles of one target (optionally one run) and forgets the removed and the
 * already gone ones. Entries owned by another live process are left (unless `force`); this
 * process's own entries are always its to remove.
 */
export async function cleanupTarget(
  config: Config,
  runId?: string,
  options: CleanupOptions = {},
): Promise<RemovalReport> {
  const root = options.root ?? '.'
  const adapty = config.adapty
  if (adapty === undefined) return { removed: [], alreadyGone: [], failed: [] }
  const origin = new URL(adapty.baseUrl).origin
  const entries = pendingEntries(root, { origin, ...(runId === undefined ? {} : { runId }) })
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
  const client = createTargetClient(config, adapty, options.client)
  try {
    const report = await removeProfiles(
      client,
      entries.filter((e) => !live(e)),
    )
    forgetEntries([...report.removed, ...report.alreadyGone], root)
    return leftLive.size === 0 ? report : { ...report, leftLive: [...leftLive.values()] }
  } finally {
    await client.close()
  }
}

/** The cleanup command. */
export async function runCleanup(argv: string[], io: CommandIo): Promise<number> {
  const { print } = io
  const { values } = parseFlags(
    argv,
    {
      target: { type: 'string' },
      // --env, and its older spelling --env-file (which Node 20 itself reads through npx).
      ...ENV_FILE_FLAGS,
      run: { type: 'string' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    'Run subcontract cleanup --help for usage.',
  )
  if (values.help === true) {
    print(CLEANUP_USAGE)
    return 0
  }
  const envFile = envFileOf(values)
  const config = loadConfig({
    target: values.target ?? 'remote',
    ...(envFile === undefined ? {} : { envFile }),
  })
  const report = await cleanupTarget(config, values.run, { force: values.force === true })
  print(formatRemoval(report, 'cleanup'))
  return report.failed.length === 0 ? 0 : 1
}
