/**
 * `npm run import -- <collection.json|.zip>`: reads a vendor (or any) Postman collection,
 * normalises it, matches its requests to our operations by method and path, reports what we do
 * not know (new requests, unknown headers, unknown body fields), and writes honest `it.todo`
 * suite stubs for requests no operation covers. Bad input changes nothing.
 */
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { unzipSync } from 'fflate'
import type { ApiDefinition } from '../api/api-definition.ts'
import {
  concretePath,
  type MatchedApi,
  matchRequest,
  pathOf,
  walkRequests,
} from '../collection/collection-items.ts'
import type { PostmanCollection, PostmanRequestItem } from '../collection/postman.ts'
import { assertCollection } from '../collection/validate-collection.ts'
import { HarnessError } from '../errors.ts'
import type { Operation } from '../registry/types.ts'

/** A request of the imported collection, normalised. */
export interface ImportedRequest {
  name: string
  folder: string
  method: string
  /** Path template with `{param}` placeholders. */
  path: string
  headers: string[]
  bodyFields: string[]
}

/** What the import found. */
export interface ImportReport {
  collectionName: string
  matched: Array<{ request: string; operationId: string }>
  newRequests: ImportedRequest[]
  changes: Array<{
    request: string
    operationId: string
    kind: 'header' | 'body-field'
    name: string
  }>
  environmentVariables: string[]
  generated: string[]
}

const STANDARD_HEADERS = new Set([
  'authorization',
  'content-type',
  'accept',
  'user-agent',
  'cache-control',
])

function fail(message: string, hint: string, cause?: unknown): never {
  throw new HarnessError(
    'CONFIG_BAD_ENVIRONMENT_FILE',
    `Failed to import the collection: ${message}`,
    {
      hint,
      ...(cause === undefined ? {} : { cause }),
    },
  )
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text)
  } catch (cause) {
    return fail(
      `${what} is not valid JSON.`,
      'export it again from Postman (Collection v2.1).',
      cause,
    )
  }
}

/** The bytes of a file the user named, or a config error saying why it cannot be read. */
function readUserFile(path: string, fix: string): Buffer {
  if (!existsSync(path)) fail(`${path} does not exist.`, fix)
  if (statSync(path).isDirectory()) fail(`${path} is a directory, not a file.`, fix)
  try {
    return readFileSync(path)
  } catch (cause) {
    return fail(`${path} cannot be read (${(cause as NodeJS.ErrnoException).code}).`, fix, cause)
  }
}

/** Reads a .json or .zip input and returns the collection and, if present, an environment. */
export function readImportInput(
  path: string,
  environmentPath?: string,
): { collection: unknown; environment?: unknown } {
  const bytes = readUserFile(path, 'pass the path of the downloaded .json or .zip.')
  let environment: unknown
  if (environmentPath !== undefined) {
    const text = readUserFile(environmentPath, 'pass an exported environment .json.')
    environment = parseJson(text.toString('utf8'), environmentPath)
  }
  if (!path.toLowerCase().endsWith('.zip')) {
    const collection = parseJson(bytes.toString('utf8'), basename(path))
    return environment === undefined ? { collection } : { collection, environment }
  }
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(new Uint8Array(bytes))
  } catch (cause) {
    return fail(
      `${basename(path)} is not a readable zip archive (${(cause as Error).message}).`,
      'download it again; the archive is corrupt.',
      cause,
    )
  }
  const names = Object.keys(files).filter((n) => !n.startsWith('__MACOSX/') && n.endsWith('.json'))
  const decode = (name: string) => new TextDecoder().decode(files[name])
  const collectionName =
    names.find((n) => n.endsWith('postman_collection.json')) ??
    names.find((n) => !n.includes('environment'))
  if (collectionName === undefined)
    fail(
      `${basename(path)} holds no collection .json.`,
      'the zip should contain a *.postman_collection.json.',
    )
  const envName = names.find((n) => n.endsWith('postman_environment.json'))
  const collection = parseJson(decode(collectionName), collectionName)
  if (environment === undefined && envName !== undefined)
    environment = parseJson(decode(envName), envName)
  return environment === undefined ? { collection } : { collection, environment }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function bodyFields(item: PostmanRequestItem): string[] {
  const raw = item.request.body?.raw
  if (raw === undefined || raw.trim() === '') return []
  const parsed = (() => {
    try {
      return JSON.parse(raw.replace(/\{\{[^}]+\}\}/g, '0')) as unknown
    } catch {
      return undefined
    }
  })()
  return isObject(parsed) ? Object.keys(parsed) : []
}

/** Flattens and normalises every request; duplicate names are an error. */
export function normaliseRequests(collection: PostmanCollection): ImportedRequest[] {
  const out: ImportedRequest[] = []
  walkRequests(collection.item, (request, folder) => {
    const header = request.request.header as PostmanRequestItem['request']['header'] | string
    out.push({
      name: String(request.name),
      folder,
      method: String(request.request.method ?? 'GET').toUpperCase(),
      path: pathOf(request),
      headers: (Array.isArray(header) ? header : [])
        .filter((h) => h.disabled !== true)
        .map((h) => h.key),
      bodyFields: bodyFields(request),
    })
  })
  const seen = new Map<string, number>()
  for (const r of out)
    seen.set(`${r.folder}/${r.name}`, (seen.get(`${r.folder}/${r.name}`) ?? 0) + 1)
  const duplicates = [...seen].filter(([, n]) => n > 1).map(([name]) => name)
  if (duplicates.length > 0) {
    fail(
      `duplicate request names: ${duplicates.join(', ')}.`,
      'rename them in Postman so every request in a folder has its own name.',
    )
  }
  return out
}

function knownBodyFields(op: Operation, schemaRoot: string): Set<string> {
  if (op.request === undefined) return new Set()
  const fields = new Set<string>()
  const visit = (stem: string) => {
    const schema = JSON.parse(
      readFileSync(join(schemaRoot, op.api, `${stem}.schema.json`), 'utf8'),
    ) as Record<string, unknown>
    for (const key of Object.keys((schema.properties as object | undefined) ?? {})) fields.add(key)
    for (const branch of [
      ...((schema.oneOf as unknown[]) ?? []),
      ...((schema.anyOf as unknown[]) ?? []),
    ]) {
      const ref = (branch as { $ref?: string }).$ref
      if (ref !== undefined) visit(ref.replace('.schema.json', ''))
    }
  }
  visit(op.request.schema)
  return fields
}

function kebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
}

/** What the importer needs of an API: its operations and the path they are relative to. */
export type ImportApi = MatchedApi

/** Compares the collection with the API's registry; nothing is written. */
export function compareCollection(
  collection: PostmanCollection,
  api: ImportApi,
  schemaRoot: string,
): Omit<ImportReport, 'generated' | 'environmentVariables'> {
  const report: Omit<ImportReport, 'generated' | 'environmentVariables'> = {
    collectionName: String(collection.info.name ?? '(unnamed)'),
    matched: [],
    newRequests: [],
    changes: [],
  }
  for (const request of normaliseRequests(collection)) {
    const { op } = matchRequest(api, request.method, concretePath(request.path))
    if (op === undefined) {
      report.newRequests.push(request)
      continue
    }
    report.matched.push({ request: request.name, operationId: op.operationId })
    const knownHeaders = new Set(op.headers.map((h) => h.name.toLowerCase()))
    for (const header of request.headers) {
      const lower = header.toLowerCase()
      if (!knownHeaders.has(lower) && !STANDARD_HEADERS.has(lower)) {
        report.changes.push({
          request: request.name,
          operationId: op.operationId,
          kind: 'header',
          name: header,
        })
      }
    }
    const fields = knownBodyFields(op, schemaRoot)
    for (const field of request.bodyFields) {
      if (!fields.has(field))
        report.changes.push({
          request: request.name,
          operationId: op.operationId,
          kind: 'body-field',
          name: field,
        })
    }
  }
  return report
}

/**
 * A string literal as Biome writes it (biome.json: single quotes, unless the text holds more
 * single than double quotes), so a generated stub passes `npm run lint` untouched.
 */
export function quoteLikeBiome(text: string): string {
  const json = JSON.stringify(text)
  const singles = text.split("'").length - 1
  const doubles = text.split('"').length - 1
  if (singles > doubles) return json
  const inner = json
    .slice(1, -1)
    .replace(/\\\\|\\"|'/g, (m) => (m === '\\"' ? '"' : m === "'" ? "\\'" : m))
  return `'${inner}'`
}

// biome.json's formatter.lineWidth.
const LINE_WIDTH = 100

/** `callee(arg)` on one line when it fits Biome's line width, otherwise the argument on its own. */
function callLine(indent: string, callee: string, arg: string): string[] {
  const line = `${indent}${callee}(${arg})`
  return [...line].length <= LINE_WIDTH
    ? [line]
    : [`${indent}${callee}(`, `${indent}  ${arg},`, `${indent})`]
}

/** Text safe inside a `//` comment: no line breaks. */
const oneLine = (text: string) => text.replace(/[\r\n\u2028\u2029]+/g, ' ')

/** The it.todo stub for a request no operation covers, formatted as Biome would format it. */
export function todoSuite(
  request: ImportedRequest,
  source: string,
  api: Pick<ApiDefinition, 'name'>,
): string {
  const endpoint = oneLine(`${request.method} ${request.path}`)
  return [
    `// Generated by npm run import from "${oneLine(source)}": ${endpoint} is not in`,
    `// src/apis/${api.name}/operations.ts. Add the operation to the registry and the contract,`,
    '// then write these tests.',
    "import { describe, it } from 'vitest'",
    '',
    // A test call (a name and a function) stays on one line whatever its length, as in Biome.
    `describe(${quoteLikeBiome(request.name)}, () => {`,
    ...callLine(
      '  ',
      'it.todo',
      quoteLikeBiome(`returns the documented success answer for ${request.method} ${request.path}`),
    ),
    ...callLine('  ', 'it.todo', quoteLikeBiome('returns 401 without an API key')),
    '})',
    '',
  ].join('\n')
}

/** Fails unless `dir` is a directory or can become one; nothing is created yet. */
function checkOutDir(dir: string): void {
  const fix = 'pass --out-dir a directory (it is created if missing), e.g. tests/<api>/imported.'
  let parent = resolve(dir)
  while (!existsSync(parent)) parent = dirname(parent)
  if (!statSync(parent).isDirectory())
    fail(
      parent === resolve(dir)
        ? `--out-dir ${dir} is a file, not a directory.`
        : `--out-dir ${dir} cannot be created: ${parent} is a file.`,
      fix,
    )
}

/** Writes every stub or none: all go to temporary files first, then are renamed into place. */
function writeStubs(dir: string, files: ReadonlyArray<{ path: string; text: string }>): void {
  if (files.length === 0) return
  const written: string[] = []
  try {
    mkdirSync(dir, { recursive: true })
    for (const file of files) {
      writeFileSync(`${file.path}.tmp`, file.text)
      written.push(`${file.path}.tmp`)
    }
    for (const file of files) renameSync(`${file.path}.tmp`, file.path)
  } catch (cause) {
    for (const tmp of written) rmSync(tmp, { force: true })
    fail(
      `cannot write the stubs to ${dir} (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}).`,
      'pass --out-dir a directory you can write to.',
      cause,
    )
  }
}

/** Runs the whole import: read, validate, compare, then write stubs (never overwriting a file). */
export function importCollection(options: {
  input: string
  environment?: string
  api: ImportApi
  schemaRoot: string
  outDir: string
}): ImportReport {
  checkOutDir(options.outDir)
  const input = readImportInput(options.input, options.environment)
  const collection = assertCollection(input.collection, {
    action: 'import the collection',
    source: basename(options.input),
  })
  const comparison = compareCollection(collection, options.api, options.schemaRoot)
  const environmentVariables =
    isObject(input.environment) && Array.isArray(input.environment.values)
      ? (input.environment.values as Array<{ key?: string }>).map((v) => String(v.key))
      : []
  const planned = comparison.newRequests.map((request) => ({
    path: join(
      options.outDir,
      `${kebab(request.folder ? `${request.folder}-${request.name}` : request.name)}.test.ts`,
    ),
    text: todoSuite(request, basename(options.input), options.api),
  }))
  const fresh = planned.filter((p) => !existsSync(p.path))
  writeStubs(options.outDir, fresh)
  return { ...comparison, environmentVariables, generated: fresh.map((f) => f.path) }
}

/** Renders the import report for the terminal. */
export function formatImportReport(report: ImportReport): string {
  const lines = [
    `Imported "${report.collectionName}": ${report.matched.length} requests match our operations.`,
  ]
  if (report.newRequests.length > 0) {
    lines.push(`New requests (${report.newRequests.length}), not in the registry:`)
    for (const r of report.newRequests) lines.push(`  - ${r.method} ${r.path}  "${r.name}"`)
  }
  if (report.changes.length > 0) {
    lines.push(
      `Changed requests (${report.changes.length}), with a header or body field we do not know:`,
    )
    for (const c of report.changes)
      lines.push(`  - ${c.operationId} ("${c.request}"): ${c.kind} ${c.name}`)
  }
  if (report.environmentVariables.length > 0)
    lines.push(`Environment variables: ${report.environmentVariables.join(', ')}`)
  for (const file of report.generated) lines.push(`wrote ${file} (it.todo: not yet written)`)
  if (report.newRequests.length === 0 && report.changes.length === 0)
    lines.push('Nothing new: the collection matches the registry.')
  return lines.join('\n')
}
