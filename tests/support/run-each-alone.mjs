// Runs `subcontract run --operation <id>` (both runners, embedded sandbox) once per operation of
// every API (or of the `api:operationId` arguments), in one process so vitest's transform cache is paid once, and prints one JSON line
// per operation: what a user gets from running it alone. Used by tests/repo/each-operation-alone.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { register } from 'tsx/esm/api'

register()
const { runRegression } = await import('../../src/cli/regression.ts')
const { OPERATIONS } = await import('../../src/apis/all.ts')
const { processIo } = await import('../../src/cli/io.ts')
const silent = { ...processIo(), print: () => {} }
const chosen = new Set(process.argv.slice(2))
for (const op of OPERATIONS.all.filter(
  (o) => chosen.size === 0 || chosen.has(`${o.api}:${o.operationId}`),
)) {
  const dir = mkdtempSync(join(tmpdir(), `subcontract-alone-${op.api}-${op.operationId}-`))
  // --api too: two APIs may share an operation id.
  const code = await runRegression(
    ['--api', op.api, '--operation', op.operationId, '--report-dir', dir],
    silent,
  )
  const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'))
  const row = summary.operations.find((o) => o.api === op.api && o.operationId === op.operationId)
  process.stdout.write(
    `${JSON.stringify({
      api: op.api,
      operationId: op.operationId,
      code,
      runners: summary.runners,
      failures: summary.failures.map((f) => `${f.runner} ${f.test}: ${f.reason}`),
      runErrors: summary.runErrors.map((e) => e.message),
      statuses: row?.statuses ?? [],
    })}\n`,
  )
}
process.exit(0)
