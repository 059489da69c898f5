/**
 * Turns a vendor OpenAPI file into our committed contract under fixtures/schemas/<api>/:
 * structural derivation, then the API's recorded decisions (passed in: this engine knows no API).
 * `checkSchemas` reports drift instead.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import {
  componentFileStem,
  deriveComponentSchemas,
  deriveOperationSchemas,
  openRecords,
  type SchemaObject,
} from './openapi-to-schemas.ts'
import type { SchemaDecision } from './schema-decision.ts'

/** Components of a second spec (a superset, like a beta file) that join the first's. */
export interface ExtraSchemas {
  specPath: string
  components: readonly string[]
}

/** Derives the complete schema set for one API from its OpenAPI document on disk. */
export function deriveApiSchemas(
  api: string,
  specPath: string,
  decisions: readonly SchemaDecision[],
  extra?: ExtraSchemas,
): Map<string, string> {
  const doc: unknown = parse(readFileSync(specPath, 'utf8'))
  const comment = `Derived by scripts/derive-schemas.ts (structural facts only); see DECISIONS.md.`
  const schemas: Map<string, SchemaObject> = deriveComponentSchemas(doc, api, comment)
  const bodies = deriveOperationSchemas(doc, api, comment, new Set(schemas.keys()))
  for (const [stem, schema] of bodies) schemas.set(stem, schema)
  if (extra !== undefined) {
    const more = deriveComponentSchemas(parse(readFileSync(extra.specPath, 'utf8')), api, comment)
    for (const name of extra.components) {
      const stem = componentFileStem(name)
      const schema = more.get(stem)
      if (schema === undefined || schemas.has(stem))
        throw new Error(
          `Failed to derive schemas: ${name} is not a new component of ${extra.specPath}.`,
        )
      schemas.set(stem, schema)
    }
  }
  for (const decision of decisions) decision.apply(schemas)
  // Last, so that no decision can close a record either (DECISIONS.md, closed objects).
  for (const schema of schemas.values()) openRecords(schema)
  const files = new Map<string, string>()
  for (const [stem, schema] of [...schemas].sort(([a], [b]) => a.localeCompare(b))) {
    files.set(`${stem}.schema.json`, `${JSON.stringify(schema, null, 2)}\n`)
  }
  return files
}

/** Writes the derived files atomically (temp file + rename), so a failure leaves no half file. */
export function writeSchemas(dir: string, files: Map<string, string>): void {
  mkdirSync(dir, { recursive: true })
  for (const [name, text] of files) {
    const tmp = join(dir, `.${name}.tmp`)
    writeFileSync(tmp, text)
    renameSync(tmp, join(dir, name))
  }
}

/** Lists the differences between committed schemas and a fresh derivation. */
export function checkSchemas(dir: string, files: Map<string, string>): string[] {
  const problems: string[] = []
  if (!existsSync(dir)) return [`missing: ${dir} (run npm run derive-schemas)`]
  for (const [name, text] of files) {
    const path = join(dir, name)
    if (!existsSync(path)) problems.push(`missing: ${name}`)
    else if (readFileSync(path, 'utf8') !== text) problems.push(`differs: ${name}`)
  }
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.schema.json'))) {
    if (!files.has(name)) problems.push(`not derived (remove or add a decision): ${name}`)
  }
  return problems
}

/** What one derive-schemas run over one API found or did. */
export interface SyncResult {
  ok: boolean
  lines: string[]
}

/**
 * Derives one API's schemas, then writes them to `dir`, or with `check` lists how the committed
 * files differ from the derivation (`ok` false when any does).
 */
export function syncApiSchemas(options: {
  api: string
  specPath: string
  decisions: readonly SchemaDecision[]
  dir: string
  check: boolean
  extra?: ExtraSchemas
}): SyncResult {
  const { api, dir } = options
  const files = deriveApiSchemas(api, options.specPath, options.decisions, options.extra)
  if (!options.check) {
    writeSchemas(dir, files)
    return { ok: true, lines: [`wrote ${files.size} schemas to ${dir}`] }
  }
  const problems = checkSchemas(dir, files)
  if (problems.length === 0) return { ok: true, lines: [`${api}: schemas are up to date`] }
  return { ok: false, lines: problems.map((p) => `${api}: ${p}`) }
}
