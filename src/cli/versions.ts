/** Versions for the report header: subcontract itself, Node.js and the two runners. */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

function versionOf(manifest: string): string {
  try {
    const path = require.resolve(manifest)
    return (JSON.parse(readFileSync(path, 'utf8')) as { version?: string }).version ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

/** `{ subcontract, node, vitest, newman }` versions of this installation. */
export function versions(): Record<string, string> {
  return {
    subcontract: versionOf('../../package.json'),
    node: process.versions.node,
    vitest: versionOf('vitest/package.json'),
    newman: versionOf('newman/package.json'),
  }
}
