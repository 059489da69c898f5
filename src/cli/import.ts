/**
 * `subcontract import <collection.json|.zip>`: matches an exported Postman collection against one
 * API's registry, reports new requests and unknown fields, and writes it.todo stubs for new
 * requests.
 */
import { APIS, apiNamed } from '../apis/all.ts'
import { SCHEMA_ROOT } from '../contract/load-schemas.ts'
import { HarnessError } from '../errors.ts'
import { formatImportReport, importCollection } from '../importer/import-collection.ts'
import { parseFlags } from './args.ts'
import type { CommandIo } from './io.ts'

const NAMES = APIS.map((a) => a.name).join(', ')

/** Usage text of the import command. */
export const IMPORT_USAGE = `Usage: subcontract import <collection.json|collection.zip> [options]      (npm run import -- …)

Reads a Postman v2.1 collection (or a zip of a collection and its environment), matches every
request to an operation of the API by method and path, and reports new requests and headers or
body fields the contract does not know. New requests get it.todo stubs; nothing else is written.

Options:
  --api <name>            the API the collection is for (${NAMES}); needed when there is more
                          than one
  --environment <file>    the environment exported with the collection
  --out-dir <dir>         where stubs go (default: tests/<api>/imported)
  -h, --help              show this help

Examples:
  subcontract import ~/Downloads/adapty.postman_collection.json --api adapty
  subcontract import export.zip --api adapty --out-dir tests/adapty/imported`

/** Runs the import and returns its exit code. */
export async function runImport(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseFlags(
    argv,
    {
      api: { type: 'string' },
      environment: { type: 'string' },
      'out-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'Run subcontract import --help for usage.',
    { positionals: 1 },
  )
  if (values.help === true) {
    io.print(IMPORT_USAGE)
    return 0
  }
  const input = positionals[0]
  if (input === undefined) {
    throw new HarnessError('CLI_USAGE', 'Failed to import: no collection file given.', {
      hint: 'subcontract import <collection.json|collection.zip> [--api <name>] [--environment env.json]',
    })
  }
  const [single] = APIS
  if (values.api === undefined && (APIS.length !== 1 || single === undefined)) {
    throw new HarnessError('CLI_USAGE', 'Failed to import: which API is the collection for?', {
      hint: `add --api <name> (one of ${NAMES}).`,
    })
  }
  const api = values.api === undefined && single !== undefined ? single : apiNamed(values.api ?? '')
  const report = importCollection({
    input,
    ...(values.environment === undefined ? {} : { environment: values.environment }),
    api,
    schemaRoot: SCHEMA_ROOT,
    outDir: values['out-dir'] ?? `tests/${api.name}/imported`,
  })
  io.print(formatImportReport(report))
  return 0
}
