// Runs `subcontract run <args> --report-dir <root>/<dir> [--shard i/n]` for each `<dir>=<i/n|whole>`
// argument, one after another in this one process (vitest's transform cache and Newman's worker
// are paid once), and prints one JSON line per run: its directory, exit code and output.
// Used by tests/repo/shard-merge.test.ts. Usage: run-shards.mjs <root> <dir>=<spec>… -- <args…>
import { join } from 'node:path'
import { register } from 'tsx/esm/api'

register()
const { runRegression } = await import('../../src/cli/regression.ts')
const { captureIo } = await import('../../src/cli/io.ts')
const [root, ...rest] = process.argv.slice(2)
const split = rest.indexOf('--')
const runs = (split === -1 ? rest : rest.slice(0, split)).map((arg) => arg.split('='))
const args = split === -1 ? [] : rest.slice(split + 1)
for (const [dir, spec] of runs) {
  const io = captureIo()
  const shard = spec === 'whole' ? [] : ['--shard', spec]
  const code = await runRegression([...args, ...shard, '--report-dir', join(root, dir)], io)
  process.stdout.write(`${JSON.stringify({ dir, code, output: io.lines.join('') })}\n`)
}
process.exit(0)
