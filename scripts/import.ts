// npm run import -- <collection.json|.zip> [--environment env.json] [--out-dir dir]
import { parseFlags } from '../src/cli/args.ts'
import { runMain } from '../src/cli/main.ts'
import { SCHEMA_ROOT } from '../src/contract/load-schemas.ts'
import { HarnessError } from '../src/errors.ts'
import { formatImportReport, importCollection } from '../src/importer/import-collection.ts'

const USAGE =
  'Usage: npm run import -- <collection.json|collection.zip> [--environment env.json] [--out-dir tests/adapty/imported]'

await runMain(async (argv) => {
  const input = argv[0]
  if (input === undefined || input.startsWith('-')) {
    throw new HarnessError('CLI_USAGE', 'Failed to import: no collection file given.', {
      hint: USAGE,
    })
  }
  const { values } = parseFlags(
    argv.slice(1),
    { environment: { type: 'string' }, 'out-dir': { type: 'string' } },
    USAGE,
  )
  const report = importCollection({
    input,
    ...(values.environment === undefined ? {} : { environment: values.environment }),
    api: 'adapty',
    schemaRoot: SCHEMA_ROOT,
    outDir: values['out-dir'] ?? 'tests/adapty/imported',
  })
  console.log(formatImportReport(report))
  return 0
})
