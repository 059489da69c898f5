/**
 * `npm run import -- <collection.json|.zip>`: reads a vendor (or any) Postman collection,
 * normalises it, matches its requests to our operations by method and path, reports what we do
 * not know (new requests, unknown headers, unknown body fields), and writes honest `it.todo`
 * suite stubs for requests no operation covers. Bad input changes nothing.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { unzipSync } from 'fflate'
import type { PostmanCollection, PostmanFolder, PostmanRequestItem } from '../collection/postman.ts'
import { HarnessError } from '../errors.ts'
import { matchOperation } from '../registry/operations.ts'
import type { ApiName, Operation } from '../registry/types.ts'

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

/** Reads a .json or .zip input and returns the collection and, if present, an environment. */
export function readImportInput(
  path: string,
  environmentPath?: string,
): { collection: unknown; environment?: unknown } {
  if (!existsSync(path))
    fail(`${path} does not exist.`, 'pass the path of the downloaded .json or .zip.')
  let environment: unknown
  if (environmentPath !== undefined) {
    if (!existsSync(environmentPath))
      fail(`${environmentPath} does not exist.`, 'pass an exported environment .json.')
    environment = parseJson(readFileSync(environmentPath, 'utf8'), environmentPath)
  }
  if (!path.toLowerCase().endsWith('.zip')) {
    const collection = parseJson(readFileSync(path, 'utf8'), basename(path))
    return environment === undefined ? { collection } : { collection, environment }
  }
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(readFileSync(path))
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

/** Checks the input is a Postman v2.x collection, rejecting v1 and non-collections with a clear reason. */
export function assertCollection(value: unknown): PostmanCollection {
  if (!isObject(value))
    fail(
      'the file is not a Postman collection (not a JSON object).',
      'export a collection from Postman.',
    )
  if (
    Array.isArray(value.requests) ||
    (typeof value.order === 'object' && value.id !== undefined && !('item' in value))
  ) {
    fail(
      'this is a Postman v1 collection.',
      'open it in Postman and export it again as "Collection v2.1".',
    )
  }
  const info = value.info
  if (!isObject(info) || !Array.isArray(value.item)) {
    fail(
      'the file is not a Postman collection (no "info" and "item").',
      'export a collection from Postman as "Collection v2.1".',
    )
  }
  const schema = String(info.schema ?? '')
  if (!/collection\/v2\.[01]\.0/.test(schema)) {
    fail(
      `unsupported collection schema "${schema || '(none)'}".`,
      'export it from Postman as "Collection v2.1".',
    )
  }
  return value as unknown as PostmanCollection
}

function requestPath(item: PostmanRequestItem): string {
  const url = item.request.url as PostmanRequestItem['request']['url'] | string | undefined
  let segments: string[]
  if (typeof url === 'string') {
    const raw = url.replace(/^\{\{[^}]+\}\}/, '').replace(/^https?:\/\/[^/]+/, '')
    segments = raw.split('?')[0]?.split('/') ?? []
  } else segments = url?.path ?? []
  const path = segments
    .filter((s, i) => s !== '' || i === segments.length - 1)
    .map((s) => s.replace(/^:(.+)$/, '{$1}').replace(/^\{\{(.+)\}\}$/, '{$1}'))
    .join('/')
  return `/${path}`.replace(/\/+/g, '/')
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
  const walk = (items: Array<PostmanFolder | PostmanRequestItem>, folder: string) => {
    for (const item of items) {
      if (isObject(item) && 'request' in item && isObject(item.request)) {
        const request = item as PostmanRequestItem
        out.push({
          name: String(request.name),
          folder,
          method: String(request.request.method ?? 'GET').toUpperCase(),
          path: requestPath(request),
          headers: (request.request.header ?? [])
            .filter((h) => h.disabled !== true)
            .map((h) => h.key),
          bodyFields: bodyFields(request),
        })
      } else if (isObject(item) && Array.isArray(item.item))
        walk(item.item as PostmanFolder['item'], String(item.name))
    }
  }
  walk(collection.item, '')
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

/** Compares the collection with the registry; nothing is written. */
export function compareCollection(
  collection: PostmanCollection,
  api: ApiName,
  schemaRoot: string,
): Omit<ImportReport, 'generated' | 'environmentVariables'> {
  const report: Omit<ImportReport, 'generated' | 'environmentVariables'> = {
    collectionName: String(collection.info.name ?? '(unnamed)'),
    matched: [],
    newRequests: [],
    changes: [],
  }
  for (const request of normaliseRequests(collection)) {
    const concrete = request.path.replace(/\{[^}]+\}/g, 'x')
    const { op } = matchOperation(api, request.method, concrete)
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

/** The it.todo stub for a request no operation covers. */
export function todoSuite(request: ImportedRequest, source: string): string {
  return [
    `// Generated by npm run import from "${source}": ${request.method} ${request.path} is not in`,
    '// src/registry/. Add the operation to the registry and the contract, then write these tests.',
    "import { describe, it } from 'vitest'",
    '',
    `describe(${JSON.stringify(request.name)}, () => {`,
    `  it.todo(${JSON.stringify(`returns the documented success answer for ${request.method} ${request.path}`)})`,
    `  it.todo('returns 401 without an API key')`,
    '})',
    '',
  ].join('\n')
}

/** Runs the whole import: read, validate, compare, then write stubs (never overwriting a file). */
export function importCollection(options: {
  input: string
  environment?: string
  api: ApiName
  schemaRoot: string
  outDir: string
}): ImportReport {
  const input = readImportInput(options.input, options.environment)
  const collection = assertCollection(input.collection)
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
    text: todoSuite(request, basename(options.input)),
  }))
  const fresh = planned.filter((p) => !existsSync(p.path))
  if (fresh.length > 0) mkdirSync(options.outDir, { recursive: true })
  for (const file of fresh) {
    writeFileSync(`${file.path}.tmp`, file.text)
    renameSync(`${file.path}.tmp`, file.path)
  }
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
