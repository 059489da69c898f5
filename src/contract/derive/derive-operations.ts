/**
 * Turns a vendor OpenAPI document into an API's operation registry (src/apis/<api>/operations.ts),
 * keeping structural facts only: methods, paths, tags, parameters, statuses, body schemas,
 * response headers, scopes and rate-limit domains. No summary, description or example of the
 * vendor is kept: summaries are ours, made from the operationId. The module text is formatted by
 * biome, so that the committed file is what `--check` compares against.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { parse } from 'yaml'
import type {
  ApiName,
  HttpMethod,
  Operation,
  ParameterSpec,
  ResponseHeaderSpec,
  ResponseSpec,
} from '../../registry/types.ts'
import {
  componentFileStem,
  inlineSchemaStem,
  jsonSchemaOf,
  responseComponentStem,
  type SchemaObject,
  type SpecOperation,
  specOperations,
} from './openapi-to-schemas.ts'

/** What the derivation needs to know about one API's spec. */
export interface OperationOptions {
  api: ApiName
  /** The operation extension that lists the scopes it needs (RevenueCat: `x-scopes`). */
  scopesExtension?: string
  /** The operation extension that names its rate-limit domain. */
  rateLimitDomainExtension?: string
  /** Keeps an operation (for example, only `x-release-status: public` ones). */
  include?: (operation: SchemaObject) => boolean
  /** Our labels of a kept operation (`beta`); none by default. */
  labels?: (operation: SchemaObject) => string[]
}

/** A second spec whose kept operations join the first's (RevenueCat's beta file). */
export interface ExtraSpec {
  specPath: string
  operation: OperationOptions
}

const JSON_MEDIA_TYPE = 'application/json'
const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']

function isObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function fail(message: string): never {
  throw new Error(`Failed to derive operations: ${message}`)
}

/** Follows a local `$ref` (`#/components/<kind>/<name>`) to what it names. */
function deref(doc: SchemaObject, node: unknown): { node: SchemaObject; name?: string } {
  if (!isObject(node)) fail('a parameter, response or header is not an object.')
  if (typeof node.$ref !== 'string') return { node }
  const parts = node.$ref.replace(/^#\//, '').split('/')
  let target: unknown = doc
  for (const part of parts) target = isObject(target) ? target[part] : undefined
  if (!isObject(target)) fail(`unresolved $ref "${node.$ref}".`)
  return { node: target, name: parts.at(-1) as string }
}

/** `list-paywalls` → `List paywalls`: our own summary. */
export function summaryOf(operationId: string): string {
  const words = operationId.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[-_\s]+/)
  const text = words.join(' ').toLowerCase()
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** A header or query parameter, as much of it as ParameterSpec can say. */
function parameterSpec(name: string, parameter: SchemaObject, where: string): ParameterSpec {
  const schema = isObject(parameter.schema) ? parameter.schema : {}
  const spec: ParameterSpec = { name, required: parameter.required === true }
  const type = schema.type ?? 'string'
  if (type === 'array') {
    spec.type = 'array'
    const items = isObject(schema.items) ? schema.items : {}
    if (Array.isArray(items.enum)) spec.enum = items.enum.map(String)
    return spec
  }
  if (type === 'integer' || type === 'boolean') spec.type = type
  else if (type !== 'string') fail(`${where}: parameter "${name}" has type ${String(type)}.`)
  if (schema.format === 'uuid') spec.format = 'uuid'
  if (Array.isArray(schema.enum)) spec.enum = schema.enum.map(String)
  if (type === 'string' && typeof schema.maxLength === 'number') spec.maxLength = schema.maxLength
  return spec
}

/** One response header, by the name it is attached under (lower-cased). */
function headerSpec(name: string, header: SchemaObject): ResponseHeaderSpec {
  const schema = isObject(header.schema) ? header.schema : {}
  const type = schema.type ?? 'string'
  if (type !== 'integer' && type !== 'string') fail(`header "${name}" has type ${String(type)}.`)
  return { name: name.toLowerCase(), required: header.required === true, type }
}

/** A response's body contract, without its headers. */
function bodyOf(response: SchemaObject, status: string, inlineStem: string): ResponseSpec {
  const content = isObject(response.content) ? response.content : undefined
  if (content === undefined)
    return status.startsWith('2') ? { kind: 'empty' } : { kind: 'undocumented' }
  const schema = jsonSchemaOf(response)
  if (!isObject(schema)) fail(`a ${status} documents ${Object.keys(content).join(', ')} only.`)
  const stem =
    typeof schema.$ref === 'string'
      ? componentFileStem(schema.$ref.replace('#/components/schemas/', ''))
      : inlineStem
  return { kind: 'json', schema: stem, contentType: JSON_MEDIA_TYPE }
}

/** The operations of one API, derived from its (parsed) OpenAPI document, in spec order. */
export function operationsFromSpec(doc: unknown, options: OperationOptions): Operation[] {
  if (!isObject(doc)) fail('the document is not an object.')
  return specOperations(doc)
    .filter(({ operation }) => options.include?.(operation) ?? true)
    .map((entry) => operationOf(doc, entry, options))
}

function operationOf(
  doc: SchemaObject,
  entry: SpecOperation,
  options: OperationOptions,
): Operation {
  const { path, operation } = entry
  const operationId = String(
    operation.operationId ?? fail(`${entry.method} ${path} has no operationId.`),
  )
  const method = entry.method.toUpperCase() as HttpMethod
  if (!HTTP_METHODS.includes(method)) fail(`${operationId} uses ${method}.`)
  const tags = operation.tags
  if (!Array.isArray(tags) || typeof tags[0] !== 'string') fail(`${operationId} has no tag.`)
  const pathItem = (doc.paths as SchemaObject)[path] as SchemaObject
  const parameters = new Map<string, SchemaObject>()
  for (const raw of [
    ...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []),
    ...(Array.isArray(operation.parameters) ? operation.parameters : []),
  ]) {
    const { node } = deref(doc, raw)
    parameters.set(`${String(node.in)} ${String(node.name)}`, node)
  }
  const of = (where: string) => [...parameters.values()].filter((p) => p.in === where)
  const pathParams = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string)
  const declared = of('path').map((p) => String(p.name))
  if ([...declared].sort().join() !== [...pathParams].sort().join()) {
    fail(`${operationId}: path parameters ${declared.join(', ')} do not match ${path}.`)
  }
  const scopes =
    options.scopesExtension === undefined ? undefined : operation[options.scopesExtension]
  const domain =
    options.rateLimitDomainExtension === undefined
      ? undefined
      : operation[options.rateLimitDomainExtension]
  return {
    api: options.api,
    operationId,
    method,
    path,
    tag: tags[0],
    summary: summaryOf(operationId),
    safety: method === 'GET' ? 'read' : 'write',
    labels: options.labels?.(operation) ?? [],
    ...(Array.isArray(scopes) ? { scopes: scopes.map(String) } : {}),
    ...(typeof domain === 'string' ? { rateLimitDomain: domain } : {}),
    headers: of('header').map((p) => parameterSpec(String(p.name).toLowerCase(), p, operationId)),
    query: of('query').map((p) => parameterSpec(String(p.name), p, operationId)),
    pathParams,
    ...(operation.requestBody === undefined
      ? {}
      : { request: requestOf(doc, operation.requestBody, operationId) }),
    responses: responsesOf(doc, operation, operationId),
  }
}

function requestOf(
  doc: SchemaObject,
  raw: unknown,
  operationId: string,
): { contentType: string; schema: string } {
  const schema = jsonSchemaOf(deref(doc, raw).node)
  if (!isObject(schema)) fail(`${operationId} takes a body that is not ${JSON_MEDIA_TYPE}.`)
  const stem =
    typeof schema.$ref === 'string'
      ? componentFileStem(schema.$ref.replace('#/components/schemas/', ''))
      : inlineSchemaStem(operationId, 'request')
  return { contentType: JSON_MEDIA_TYPE, schema: stem }
}

function responsesOf(
  doc: SchemaObject,
  operation: SchemaObject,
  operationId: string,
): Record<string, ResponseSpec> {
  const responses = isObject(operation.responses) ? operation.responses : {}
  const out: Record<string, ResponseSpec> = {}
  for (const [status, raw] of Object.entries(responses)) {
    const { node, name } = deref(doc, raw)
    const body =
      name === undefined
        ? bodyOf(node, status, inlineSchemaStem(operationId, 'response'))
        : { ...bodyOf(node, status, ''), ...schemaOfComponent(name, node) }
    const headers = Object.entries(isObject(node.headers) ? node.headers : {}).map(
      ([headerName, header]) => headerSpec(headerName, deref(doc, header).node),
    )
    out[status] = headers.length === 0 ? body : { ...body, headers }
  }
  return out
}

/** A reusable response's JSON body is our schema named after the response. */
function schemaOfComponent(name: string, node: SchemaObject): { schema?: string } {
  return jsonSchemaOf(node) === undefined ? {} : { schema: responseComponentStem(name) }
}

// ---------------------------------------------------------------------------------------------
// Rendering: the registry module as TypeScript, with one constant per reusable header and
// response, so that the 85 operations read as a table.

/** A piece of TypeScript written as is (a constant's name). */
interface Code {
  code: string
}

const isCode = (value: unknown): value is Code =>
  isObject(value) && typeof value.code === 'string' && Object.keys(value).length === 1

function literal(value: unknown): string {
  if (isCode(value)) return value.code
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`
  if (isObject(value)) {
    const entries = Object.entries(value).map(([key, child]) => {
      const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `'${key}'`
      return `${name}: ${literal(child)}`
    })
    return `{ ${entries.join(', ')} }`
  }
  return fail(`cannot write ${String(value)}.`)
}

/** `RateLimitCurrentUsage` → `RATE_LIMIT_CURRENT_USAGE`. */
function constantName(name: string): string {
  return componentFileStem(name).replace(/-/g, '_').toUpperCase()
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** The module text (not yet formatted) that exports `operations` as `exportName`. */
export function renderOperationsModule(
  doc: unknown,
  operations: readonly Operation[],
  exportName: string,
  title: string,
): string {
  if (!isObject(doc) || !isObject(doc.components)) fail('the document has no components.')
  const components = doc.components
  const headerConstants = new Map<string, { name: string; spec: ResponseHeaderSpec }>()
  const responseConstants = new Map<string, { name: string; spec: ResponseSpec }>()
  // Which header component stands behind each header a response carries, by the name used there.
  for (const { operation } of specOperations(doc)) {
    for (const raw of Object.values(isObject(operation.responses) ? operation.responses : {})) {
      const response = deref(doc, raw)
      for (const [headerName, header] of Object.entries(
        isObject(response.node.headers) ? response.node.headers : {},
      )) {
        const resolved = deref(doc, header)
        if (resolved.name === undefined) continue
        const spec = headerSpec(headerName, resolved.node)
        const known = headerConstants.get(resolved.name)
        if (known !== undefined && !sameJson(known.spec, spec)) {
          fail(`header ${resolved.name} is attached under two names.`)
        }
        headerConstants.set(resolved.name, { name: constantName(resolved.name), spec })
      }
    }
  }
  const responses = isObject(components.responses) ? components.responses : {}
  const headerCode = (spec: ResponseHeaderSpec): unknown => {
    for (const constant of headerConstants.values()) {
      if (sameJson(constant.spec, spec)) return { code: constant.name }
    }
    return spec
  }
  const withHeaderCode = (spec: ResponseSpec): unknown =>
    spec.headers === undefined ? spec : { ...spec, headers: spec.headers.map(headerCode) }
  for (const [name, response] of Object.entries(responses)) {
    if (!isObject(response)) continue
    const body = { ...bodyOf(response, '4xx', ''), ...schemaOfComponent(name, response) }
    const headers = Object.entries(isObject(response.headers) ? response.headers : {}).map(
      ([headerName, header]) => headerSpec(headerName, deref(doc, header).node),
    )
    const spec = headers.length === 0 ? body : { ...body, headers }
    responseConstants.set(name, { name: constantName(name), spec })
  }
  const responseCode = (spec: ResponseSpec): unknown => {
    for (const constant of responseConstants.values()) {
      if (sameJson(constant.spec, spec)) return { code: constant.name }
    }
    return withHeaderCode(spec)
  }
  const lines = [
    '// Generated by scripts/derive-operations.ts from the vendor spec: structural facts only',
    '// (methods, paths, tags, parameters, statuses, schemas, headers, scopes, rate-limit domains).',
    "// Summaries are ours, made from the operationId. Do not edit: run 'npm run derive-operations'.",
    "import type { Operation, ResponseHeaderSpec, ResponseSpec } from '../../registry/types.ts'",
    '',
    `const JSON_TYPE = ${literal(JSON_MEDIA_TYPE)}`,
    '',
  ]
  for (const { name, spec } of headerConstants.values()) {
    lines.push(`const ${name}: ResponseHeaderSpec = ${literal(spec)}`)
  }
  lines.push('')
  for (const { name, spec } of responseConstants.values()) {
    lines.push(`const ${name}: ResponseSpec = ${literal(withContentType(withHeaderCode(spec)))}`)
  }
  lines.push('', `/** ${title} */`, `export const ${exportName}: readonly Operation[] = [`)
  for (const op of operations) {
    const responsesCode = Object.fromEntries(
      Object.entries(op.responses).map(([status, spec]) => [
        status,
        withContentType(responseCode(spec)),
      ]),
    )
    const fields: Record<string, unknown> = { ...op, responses: responsesCode }
    if (op.request !== undefined) fields.request = withContentType(op.request)
    lines.push(`${literal(fields)},`)
  }
  lines.push(']', '')
  return lines.join('\n')
}

/** Writes `contentType: JSON_TYPE` instead of the string it stands for. */
function withContentType(value: unknown): unknown {
  if (!isObject(value) || isCode(value) || value.contentType !== JSON_MEDIA_TYPE) return value
  return { ...value, contentType: { code: 'JSON_TYPE' } }
}

/** Formats TypeScript as `biome format` would format the file at `filePath` under `root`. */
export function formatWithBiome(source: string, filePath: string, root: string): string {
  const biome = join(root, 'node_modules', '.bin', 'biome')
  if (!existsSync(biome)) fail(`biome is not installed under ${root} (run npm ci).`)
  return execFileSync(biome, ['format', `--stdin-file-path=${filePath}`], {
    cwd: root,
    input: source,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
  })
}

/** Everything derive-operations needs for one API. */
export interface OperationsModule {
  operations: Operation[]
  /** The formatted module text, as it is committed. */
  text: string
}

/** Derives one API's registry module from its spec on disk, formatted for `filePath`. */
export function deriveOperationsModule(options: {
  specPath: string
  root: string
  filePath: string
  exportName: string
  title: string
  operation: OperationOptions
  /** More operations from a second spec, placed where that spec has them. */
  extra?: ExtraSpec
}): OperationsModule {
  const doc: unknown = parse(readFileSync(options.specPath, 'utf8'))
  let operations = operationsFromSpec(doc, options.operation)
  if (options.extra !== undefined) {
    const extraDoc: unknown = parse(readFileSync(options.extra.specPath, 'utf8'))
    operations = mergeOperations(operations, extraDoc, options.extra.operation)
  }
  const source = renderOperationsModule(doc, operations, options.exportName, options.title)
  return { operations, text: formatWithBiome(source, options.filePath, options.root) }
}

/**
 * The operations of `base` and the kept operations of a second spec (a superset of the first,
 * like RevenueCat's beta file), in the second spec's order; an id both keep is an error.
 */
export function mergeOperations(
  base: readonly Operation[],
  extraDoc: unknown,
  options: OperationOptions,
): Operation[] {
  if (!isObject(extraDoc)) fail('the second document is not an object.')
  const extra = operationsFromSpec(extraDoc, options)
  const ids = new Set(base.map((op) => op.operationId))
  for (const op of extra) if (ids.has(op.operationId)) fail(`${op.operationId} is in both specs.`)
  const byId = new Map([...base, ...extra].map((op) => [op.operationId, op]))
  const order = specOperations(extraDoc).map(({ operation }) => String(operation.operationId))
  const placed = order.filter((id) => byId.has(id)).map((id) => byId.get(id) as Operation)
  const missing = [...byId.values()].filter((op) => !order.includes(op.operationId))
  return [...placed, ...missing]
}

/** Writes the module atomically (temp file + rename). */
export function writeOperationsModule(path: string, text: string): void {
  const tmp = join(dirname(path), '.operations.ts.tmp')
  writeFileSync(tmp, text)
  renameSync(tmp, path)
}

/**
 * Lists how a committed registry differs from a fresh derivation: operations missing, extra or
 * different (by field), and a text difference that no operation explains.
 */
export function checkOperationsModule(
  path: string,
  derived: OperationsModule,
  committed: readonly Operation[] | undefined,
): string[] {
  if (!existsSync(path)) return [`missing: ${path}`]
  if (readFileSync(path, 'utf8') === derived.text) return []
  const problems: string[] = []
  const ours = new Map((committed ?? []).map((op) => [op.operationId, op]))
  for (const op of derived.operations) {
    const have = ours.get(op.operationId)
    if (have === undefined) {
      problems.push(`missing: ${op.operationId}`)
      continue
    }
    const keys = new Set([...Object.keys(op), ...Object.keys(have)])
    const fields = [...keys].filter(
      (key) => !sameJson(op[key as keyof Operation], have[key as keyof Operation]),
    )
    if (fields.length > 0) problems.push(`differs: ${op.operationId} (${fields.join(', ')})`)
    ours.delete(op.operationId)
  }
  for (const id of ours.keys()) problems.push(`not derived (remove it): ${id}`)
  const order = derived.operations.map((op) => op.operationId).join()
  const sameSet = !problems.some((p) => p.startsWith('missing') || p.startsWith('not derived'))
  if (
    sameSet &&
    committed !== undefined &&
    committed.map((op) => op.operationId).join() !== order
  ) {
    problems.push('differs: the order of the operations')
  }
  if (problems.length === 0) problems.push(`differs: ${path} (text or formatting only)`)
  return problems
}
