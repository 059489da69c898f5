// Regenerates fixtures/schemas/<api>/ from the vendor spec in ../shared (maintainers only).
// Usage: npm run derive-schemas -- [--check] [--spec path/to/openapi.yaml]
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import {
  checkSchemas,
  deriveApiSchemas,
  writeSchemas,
} from '../src/contract/derive/derive-api-schemas.ts'

const { values } = parseArgs({
  options: { check: { type: 'boolean', default: false }, spec: { type: 'string' } },
})
const spec = values.spec ?? '../shared/reference/adapty/openapi.yaml'
if (!existsSync(spec)) {
  console.error(
    `Failed to derive schemas: ${spec} does not exist.\nFix: pass --spec <openapi.yaml>.`,
  )
  process.exit(2)
}
const files = deriveApiSchemas('adapty', spec)
if (values.check) {
  const problems = checkSchemas('fixtures/schemas/adapty', files)
  console.log(problems.length === 0 ? 'schemas are up to date' : problems.join('\n'))
  process.exit(problems.length === 0 ? 0 : 1)
}
writeSchemas('fixtures/schemas/adapty', files)
console.log(`wrote ${files.size} schemas to fixtures/schemas/adapty`)
