// Regenerates src/apis/revenuecat/operations.ts from the vendor spec in ../shared (maintainers only).
// Usage: npm run derive-operations -- [--check] [--spec path/to/openapi.yaml]
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { REVENUECAT_OPERATION_DERIVATION as HOW } from '../src/apis/revenuecat/schema-decisions.ts'
import * as derive from '../src/contract/derive/derive-operations.ts'
import type { Operation } from '../src/registry/types.ts'

const root = fileURLToPath(new URL('../', import.meta.url))
const { values } = parseArgs({
  options: { check: { type: 'boolean', default: false }, spec: { type: 'string' } },
})
const specPath = values.spec ?? '../shared/reference/revenuecat/openapi.yaml'
if (!existsSync(specPath)) {
  console.error(
    `Failed to derive operations: ${specPath} does not exist.\nFix: pass --spec <openapi.yaml>.`,
  )
  process.exit(2)
}
const file = join(root, HOW.filePath)
if (!existsSync(HOW.extra.specPath)) {
  console.error(
    `Failed to derive operations: ${HOW.extra.specPath} (the beta spec) does not exist.\nFix: put the vendor's beta file there.`,
  )
  process.exit(2)
}
const derived = derive.deriveOperationsModule({ specPath, root, ...HOW })
if (!values.check) {
  derive.writeOperationsModule(file, derived.text)
  console.log(`wrote ${derived.operations.length} operations to ${HOW.filePath}`)
  process.exit(0)
}
const committed = existsSync(file)
  ? ((await import(file)) as { REVENUECAT_OPERATIONS: readonly Operation[] }).REVENUECAT_OPERATIONS
  : undefined
const problems = derive.checkOperationsModule(file, derived, committed)
console.log(problems.length === 0 ? 'revenuecat: operations are up to date' : problems.join('\n'))
process.exit(problems.length === 0 ? 0 : 1)
