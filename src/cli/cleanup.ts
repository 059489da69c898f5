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

const USAGE = `Usage: npm run cleanup -- [--target remote] [--env-file .env] [--run <runId>]

Removes the test profiles recorded in .subcontract/ for the configured target.`

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
export async function runCleanup(argv: string[], print: (line: string) => void): Promise<number> {
  const { values } = parseFlags(
    argv,
    {
      target: { type: 'string' },
      'env-file': { type: 'string' },
      run: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    USAGE,
  )
  if (values.help === true) {
    print(USAGE)
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
