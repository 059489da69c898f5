/**
 * `npm run cleanup -- --target remote`: removes the test profiles that earlier runs recorded in
 * the ledger (.subcontract/) but could not remove, for example after an interrupted run. Asks
 * nothing: safe in CI. Exit 0 when everything recorded is gone, 1 when some could not be removed.
 */
import { type Config, loadConfig } from '../config/load-config.ts'
import { forgetEntries, pendingEntries } from '../config/run-ledger.ts'
import { createClient } from '../http/create-client.ts'
import { formatRemoval, removeProfiles } from '../http/remove-profiles.ts'
import { parseFlags } from './args.ts'
import type { CommandIo } from './io.ts'

/** Usage text of the cleanup command. */
export const CLEANUP_USAGE = `Usage: subcontract cleanup [options]      (npm run cleanup -- [options])

Removes the test profiles that earlier runs recorded in .subcontract/ for the configured target
but could not remove (an interrupted run, a crashed teardown). Asks nothing: safe in CI.
Exit 0 when everything recorded is gone, 1 when some profiles could not be removed.

Options:
  --target <local|remote>  the target whose profiles to remove (default: remote)
  --env-file <file>        dotenv file with the target's variables (default: .env)
  --run <runId>            only the profiles of this run
  -h, --help               show this help

Examples:
  subcontract cleanup
  subcontract cleanup --env-file .env.staging --run mfx3k2a1`

/** Removes recorded profiles of one target (optionally one run) and forgets the removed ones. */
export async function cleanupTarget(config: Config, runId?: string, root = '.') {
  const adapty = config.adapty
  if (adapty === undefined) return { removed: [], failed: [] }
  const origin = new URL(adapty.baseUrl).origin
  const entries = pendingEntries(root, { origin, ...(runId === undefined ? {} : { runId }) })
  const client = createClient({
    api: 'adapty',
    baseUrl: adapty.baseUrl,
    authorization: `Api-Key ${adapty.apiKey}`,
  })
  try {
    const report = await removeProfiles(client, entries)
    forgetEntries(report.removed, root)
    return report
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
      'env-file': { type: 'string' },
      run: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'Run subcontract cleanup --help for usage.',
  )
  if (values.help === true) {
    print(CLEANUP_USAGE)
    return 0
  }
  const config = loadConfig({
    target: values.target ?? 'remote',
    ...(values['env-file'] === undefined ? {} : { envFile: values['env-file'] }),
  })
  const report = await cleanupTarget(config, values.run)
  print(formatRemoval(report).replaceAll('teardown:', 'cleanup:'))
  return report.failed.length === 0 ? 0 : 1
}
