/**
 * `subcontract drift`: the collection, the environments, .env.example, the registry and the
 * suites must mirror each other. Exit 0 when they do, 1 with the problems grouped by kind.
 */
import { join } from 'node:path'
import { renderEnvExample } from '../config/target-variables.ts'
import { checkDrift, formatDrift } from '../drift/check-drift.ts'
import { parseFlags } from './args.ts'
import type { CommandIo } from './io.ts'
import { writeAtomically } from './write-report.ts'

/** Usage text of the drift command. */
export const DRIFT_USAGE = `Usage: subcontract drift [options]      (npm run drift)

Checks that the Postman collection, the environments, .env.example, the operation registry and
the test suites mirror each other: every operation has a request and a suite, every request
names an operation, every variable is declared.

Options:
  --collection <file>     the collection to check
                          (default: collections/adapty-server-side-api.postman_collection.json)
  --environments <dir>    directory of *.postman_environment.json files (default: environments)
  --root <dir>            repository root the other paths are relative to (default: .)
  --write-env-example     first regenerate .env.example from src/config/target-variables.ts
  -h, --help              show this help

Examples:
  subcontract drift
  subcontract drift --collection exported/adapty.postman_collection.json
  subcontract drift --write-env-example`

/** Runs the drift check and returns its exit code. */
export async function runDrift(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parseFlags(
    argv,
    {
      collection: { type: 'string' },
      environments: { type: 'string' },
      root: { type: 'string' },
      'write-env-example': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    'Run subcontract drift --help for usage.',
  )
  if (values.help === true) {
    io.print(DRIFT_USAGE)
    return 0
  }
  const root = values.root ?? '.'
  if (values['write-env-example'] === true) {
    const target = join(root, '.env.example')
    writeAtomically(target, renderEnvExample())
    io.print(`drift: wrote ${target}`)
  }
  const problems = checkDrift({
    root,
    api: 'adapty',
    collection: values.collection ?? 'collections/adapty-server-side-api.postman_collection.json',
    environments: values.environments ?? 'environments',
    envExample: '.env.example',
    tests: 'tests/adapty',
  })
  io.print(
    problems.length === 0
      ? 'drift: collection, environments, registry and suites mirror each other'
      : formatDrift(problems),
  )
  return problems.length === 0 ? 0 : 1
}
