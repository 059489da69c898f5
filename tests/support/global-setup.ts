// Starts the embedded sandbox once for the whole run (local target) and hands its URL and seeded
// values to the test workers; fails the run at teardown if the sandbox broke its own contract.
// What only some runs need loads when they need it: `npm run regression` on the sandbox hands
// over its own sandbox, and pays for none of the imports below its first branch.
import type { TestProject } from 'vitest/node'
import type { ApiDefinition } from '../../src/api/api-definition.ts'
import { type Config, loadConfig, newRunId } from '../../src/config/load-config.ts'
import { RUN_OWNER_VARIABLE, runOwnerEnv } from '../../src/config/run-ledger.ts'
import { isHarnessError } from '../../src/errors.ts'
import type { serveRunPace } from '../../src/http/target-client.ts'
import type { Sandbox } from '../../src/sandbox/create-sandbox.ts'

let sandbox: Sandbox | undefined

let remoteConfig: Config | undefined
let pace: Awaited<ReturnType<typeof serveRunPace>> | undefined

export async function setup(project: TestProject): Promise<void> {
  // One run id for every worker, so teardown and cleanup find all of this run's test data.
  process.env.SUBCONTRACT_RUN_ID ??= newRunId()
  // This process owns the run: its workers record it in the ledger, so cleanup leaves a live run.
  process.env[RUN_OWNER_VARIABLE] = runOwnerEnv()
  const config = loadConfig([])
  if (config.target !== 'local') {
    remoteConfig = config
    // One pace for the whole run: the workers take their tokens from this process.
    const { serveRunPace } = await import('../../src/http/target-client.ts')
    pace = await serveRunPace(config)
    Object.assign(process.env, pace.env)
    return
  }
  // `npm run regression` starts one sandbox for both runners and hands it over.
  const shared = process.env.SUBCONTRACT_SANDBOX_INFO
  if (shared !== undefined) {
    project.provide('sandbox', JSON.parse(shared) as Sandbox['apis'])
    return
  }
  const [{ APIS }, { createSandbox }] = await Promise.all([
    import('../../src/apis/all.ts'),
    import('../../src/sandbox/create-sandbox.ts'),
  ])
  sandbox = await createSandbox({ apis: APIS })
  project.provide('sandbox', sandbox.apis)
}

export async function teardown(): Promise<void> {
  if (remoteConfig !== undefined) {
    // Whatever the files' own teardown could not remove (a crashed file, an interrupted worker),
    // for every API whose key this run has.
    const [{ cleanupTarget }, { formatRemoval }] = await Promise.all([
      import('../../src/http/cleanup-target.ts'),
      import('../../src/http/remove-test-data.ts'),
    ])
    for (const { api, config } of await configuredApis()) {
      const report = await cleanupTarget(config, api, config.runId)
      process.stdout.write(`${formatRemoval(report, 'teardown', api.testData.noun)}\n`)
    }
    for (const name of Object.keys(pace?.env ?? {})) delete process.env[name]
    await pace?.close()
  }
  if (sandbox === undefined) return
  const problems = [...sandbox.selfCheck.problems]
  await sandbox.close()
  if (problems.length > 0) {
    // vitest reports but does not fail on a teardown error; the exit code must say it.
    process.exitCode = 1
    throw new Error(
      `The sandbox broke its own contract ${problems.length} time(s):\n${problems.join('\n')}`,
    )
  }
}

/** The APIs whose remote key is configured, each with its config (the others are not in the run). */
async function configuredApis(): Promise<Array<{ api: ApiDefinition; config: Config }>> {
  const { APIS } = await import('../../src/apis/all.ts')
  return APIS.flatMap((api) => {
    try {
      return [{ api, config: loadConfig([api]) }]
    } catch (error) {
      if (isHarnessError(error) && error.code === 'CONFIG_MISSING_VARIABLE') return []
      throw error
    }
  })
}
