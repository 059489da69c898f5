/**
 * `subcontract drift`: for every API, the collection, the environments, .env.example, the
 * registry and the suites must mirror each other. Exit 0 when they do, 1 with the problems
 * grouped by kind.
 */
import { join } from 'node:path'
import { APIS, apisNamed } from '../apis/all.ts'
import { renderEnvExample } from '../config/target-variables.ts'
import { checkDrift, formatDrift } from '../drift/check-drift.ts'
import { HarnessError } from '../errors.ts'
import { parseFlags } from './args.ts'
import type { CommandIo } from './io.ts'
import { writeAtomically } from './write-report.ts'

/** Usage text of the drift command. */
export const DRIFT_USAGE = `Usage: subcontract drift [options]      (npm run drift)

Checks, for every API, that its Postman collection, its environments, .env.example, its
operation registry and its test suites mirror each other: every operation has a request and a
suite, every request names an operation, every variable is declared.

Options:
  --api <name>            check one API (repeatable; default: ${APIS.map((a) => a.name).join(', ')})
  --collection <file>     the collection to check instead of the API's committed one
                          (${APIS.map((a) => a.collection.file).join(', ')}); needs one --api
                          when there is more than one API
  --environments <dir>    directory of <api>.<kind>.postman_environment.json files
                          (default: environments)
  --root <dir>            repository root the other paths are relative to (default: .)
  --write-env-example     first regenerate .env.example from the declared variables
  -h, --help              show this help

Examples:
  subcontract drift
  subcontract drift --api adapty --collection exported/adapty.postman_collection.json
  subcontract drift --write-env-example`

/** Runs the drift check and returns its exit code. */
export async function runDrift(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parseFlags(
    argv,
    {
      api: { type: 'string', multiple: true },
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
  const apis = apisNamed(values.api ?? [])
  const [only] = apis
  if (values.collection !== undefined && (apis.length !== 1 || only === undefined)) {
    throw new HarnessError(
      'CLI_USAGE',
      'Failed to check drift: --collection names one collection, but more than one API is selected.',
      { hint: `add --api <name> (one of ${APIS.map((a) => a.name).join(', ')}).` },
    )
  }
  const root = values.root ?? '.'
  if (values['write-env-example'] === true) {
    const target = join(root, '.env.example')
    writeAtomically(target, renderEnvExample(APIS))
    io.print(`drift: wrote ${target}`)
  }
  const problems = checkDrift({
    root,
    apis,
    allApis: APIS,
    ...(values.collection === undefined || only === undefined
      ? {}
      : { collections: { [only.name]: values.collection } }),
    environments: values.environments ?? 'environments',
    envExample: '.env.example',
    tests: 'tests',
  })
  io.print(
    problems.length === 0
      ? `drift: collection, environments, registry and suites of ${apis.map((a) => a.name).join(', ')} mirror each other`
      : formatDrift(problems),
  )
  return problems.length === 0 ? 0 : 1
}
