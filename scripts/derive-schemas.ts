// Regenerates fixtures/schemas/<api>/ from the vendor spec in ../shared (maintainers only).
// Usage: npm run derive-schemas -- [--check] [--api adapty|revenuecat] [--spec path/to/openapi.yaml]
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { ADAPTY_SCHEMA_DECISIONS } from '../src/apis/adapty/schema-decisions.ts'
import {
  REVENUECAT_BETA_SCHEMAS,
  REVENUECAT_SCHEMA_DECISIONS,
} from '../src/apis/revenuecat/schema-decisions.ts'
import { syncApiSchemas } from '../src/contract/derive/derive-api-schemas.ts'

const DECISIONS = { adapty: ADAPTY_SCHEMA_DECISIONS, revenuecat: REVENUECAT_SCHEMA_DECISIONS }
/** Components a second spec adds (RevenueCat's beta file: DECISIONS.md, S-51). */
const EXTRA = { revenuecat: REVENUECAT_BETA_SCHEMAS } as const
type Api = keyof typeof DECISIONS
const { values } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    api: { type: 'string' },
    spec: { type: 'string' },
  },
})
const apis = (values.api === undefined ? Object.keys(DECISIONS) : [values.api]) as Api[]
const fail = (problem: string, fix: string): never => {
  console.error(`Failed to derive schemas: ${problem}.\nFix: ${fix}.`)
  process.exit(2)
}
if (apis.some((api) => DECISIONS[api] === undefined))
  fail(`unknown --api ${values.api}`, 'pass --api adapty or --api revenuecat')
if (values.spec !== undefined && apis.length > 1) fail('--spec names one spec', 'pass --api too')
let ok = true
for (const api of apis) {
  const specPath = values.spec ?? `../shared/reference/${api}/openapi.yaml`
  if (!existsSync(specPath)) fail(`${specPath} does not exist`, 'pass --spec <openapi.yaml>')
  const dir = `fixtures/schemas/${api}`
  const result = syncApiSchemas({
    api,
    specPath,
    decisions: DECISIONS[api],
    dir,
    check: values.check,
    ...(api === 'revenuecat' ? { extra: EXTRA.revenuecat } : {}),
  })
  console.log(result.lines.join('\n'))
  ok &&= result.ok
}
process.exit(ok ? 0 : 1)
