/**
 * `subcontract cleanup --target remote`: removes the test profiles that earlier runs recorded in
 * the ledger (.subcontract/) but could not remove, for example after an interrupted run. A run
 * whose owning process still runs is left alone (unless --force), so cleanup never pulls a live
 * run's data from under it. Asks nothing: safe in CI. Exit 0 when everything it may remove is
 * gone, 1 when some could not be removed.
 */
import { APIS, apisNamed } from '../apis/all.ts'
import { apisWithKeys, loadConfig } from '../config/load-config.ts'
import { pendingEntries } from '../config/run-ledger.ts'
import { variableOf } from '../config/target-variables.ts'
import { cleanupTarget } from '../http/cleanup-target.ts'
import { formatRemoval } from '../http/remove-test-data.ts'
import { ENV_FILE_FLAGS, envFileOf, parseFlags } from './args.ts'
import type { CommandIo } from './io.ts'

/** Usage text of the cleanup command. */
export const CLEANUP_USAGE = `Usage: subcontract cleanup [options]      (npm run cleanup -- [options])

Removes the test data (Adapty test profiles, RevenueCat customers) that earlier runs recorded in
.subcontract/ for the configured target but could not remove (an interrupted run, a crashed teardown). A run that is still going (its
process is alive on this host) is left alone, with a line saying so; --force removes it too.
Requests are paced and time-limited like a run's (SUBCONTRACT_RATE_LIMIT, SUBCONTRACT_*_TIMEOUT_MS).
Asks nothing: safe in CI. Exit 0 when everything it may remove is gone, 1 when some profiles
could not be removed. Only the keys of APIs with recorded data are needed; without --api, an
API whose key the env file does not set is skipped, with a line saying so. Only ids named as their
run's (subcontract-<runId>-…) are ever deleted.

Options:
  --target <local|remote>  the target whose profiles to remove (default: remote)
  --env <file>             dotenv file with the target's variables (default: .env)
  --run <runId>            only the data of this run
  --api <name>             only this API (adapty, revenuecat); repeatable
  --force                  also remove the profiles of runs that are still going
  -h, --help               show this help

Examples:
  subcontract cleanup
  subcontract cleanup --env .env.staging --run mfx3k2a1`

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
      api: { type: 'string', multiple: true },
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
  let chosen = apisNamed(values.api ?? [])
  const overrides = {
    target: values.target ?? 'remote',
    ...(envFile === undefined ? {} : { envFile }),
  }
  // Only APIs with something recorded need their key.
  const recorded = new Set(pendingEntries('.').map((e) => e.api))
  // Without --api, an API whose key the env file does not set is skipped, as `run` skips it: the
  // ledger may hold its entries for another target or for a run still going, which this env file
  // cannot reach. --api <name> requires its key; an env file that sets no key asks for them all.
  if (loadConfig([], overrides).target === 'remote' && (values.api ?? []).length === 0) {
    const keyed = apisWithKeys(chosen, overrides)
    if (keyed.length > 0) {
      for (const api of chosen.filter((a) => recorded.has(a.name) && !keyed.includes(a)))
        print(
          `skip ${api.name}: ${variableOf(api, 'apiKey').name} is not set in ${envFile ?? '.env'} (pass --api ${api.name} to require it)`,
        )
      chosen = keyed
    }
  }
  const apis = chosen.filter((api) => recorded.has(api.name))
  const config = loadConfig(apis, overrides)
  if (apis.length === 0) {
    print(
      `cleanup: nothing recorded for ${chosen.map((a) => a.name).join(', ') || APIS.map((a) => a.name).join(', ')}; nothing to remove`,
    )
    return 0
  }
  let failed = 0
  for (const api of apis) {
    const report = await cleanupTarget(config, api, values.run, { force: values.force === true })
    print(formatRemoval(report, `cleanup ${api.name}`, api.testData.noun))
    failed += report.failed.length
  }
  return failed === 0 ? 0 : 1
}
