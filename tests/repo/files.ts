// Helpers for tests of the repository itself: list files and read their imports.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** Every file under `dir` (relative to the root) whose name ends with `suffix`. */
export function listFiles(dir: string, suffix: string): string[] {
  const out: string[] = []
  const walk = (abs: string) => {
    for (const name of readdirSync(abs)) {
      if (name === 'node_modules' || name.startsWith('.')) continue
      const path = join(abs, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (name.endsWith(suffix)) out.push(relative(ROOT, path))
    }
  }
  walk(join(ROOT, dir))
  return out.sort()
}

/** Reads a file relative to the root. */
export function read(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8')
}

/** The relative module specifiers a TypeScript file imports (static imports and re-exports). */
export function importsOf(path: string): string[] {
  const text = read(path)
  const specifiers = [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+'([^']+)'/gm)].map(
    (m) => m[1] ?? '',
  )
  return specifiers.filter((s) => s.startsWith('.'))
}
