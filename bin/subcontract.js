#!/usr/bin/env -S node --
// The subcontract command line. Its sources are TypeScript, loaded through tsx (a dependency).
// "node --" because Node 20 reads --env-file even when it comes after the script name:
// without it, `subcontract run --env-file x` would be taken by node itself.
import { register } from 'tsx/esm/api'

register()
const { runMain } = await import('../src/cli/main.ts')
const { processIo } = await import('../src/cli/io.ts')
const { runSubcontract } = await import('../src/cli/subcontract.ts')
await runMain((argv) => runSubcontract(argv, processIo()))
