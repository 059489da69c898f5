/**
 * Derives our JSON Schema 2020-12 contract from an OpenAPI document, keeping only structural
 * facts: types, required, enums, formats, lengths and bounds, composition and references.
 * Descriptions, titles, examples and every other piece of vendor prose are dropped.
 */

/** A JSON Schema object as we manipulate it while deriving. */
export type SchemaObject = { [key: string]: unknown }

/** Keywords that carry structure; everything else in a vendor schema is dropped. */
const STRUCTURAL_KEYWORDS = new Set([
  'type',
  'format',
  'enum',
  'const',
  'required',
  'properties',
  'items',
  'additionalProperties',
  'maxLength',
  'minLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'oneOf',
  'anyOf',
  'allOf',
  '$ref',
  // OpenAPI's discriminator picks the oneOf branch by a property, so errors name one branch only.
  'discriminator',
])

/** The base every derived `$id` hangs from; `.invalid` is reserved, so it never resolves. */
export const SCHEMA_BASE_URL = 'https://schemas.subcontract.invalid/'

/** `ProfileResponse` → `profile-response`: the file stem of a component. */
export function componentFileStem(componentName: string): string {
  return componentName
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
}

function isObject(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function rewriteRef(ref: string): string {
  const prefix = '#/components/schemas/'
  if (!ref.startsWith(prefix)) {
    throw new Error(`Failed to derive schemas: unsupported $ref "${ref}".`)
  }
  return `${componentFileStem(ref.slice(prefix.length))}.schema.json`
}

/** OpenAPI 3.0 `nullable: true` becomes a 2020-12 union with null. */
function applyNullable(schema: SchemaObject): SchemaObject {
  if (typeof schema.type === 'string') {
    const out: SchemaObject = { ...schema, type: [schema.type, 'null'] }
    // An enum may list null already (RevenueCat's webhook `environment`); list it once.
    if (Array.isArray(schema.enum)) out.enum = [...schema.enum.filter((v) => v !== null), null]
    return out
  }
  if (Array.isArray(schema.oneOf)) return { ...schema, oneOf: [...schema.oneOf, { type: 'null' }] }
  return { anyOf: [schema, { type: 'null' }] }
}

/** Converts one vendor schema node into our structural form. */
export function toStructuralSchema(node: unknown): SchemaObject {
  if (!isObject(node)) throw new Error('Failed to derive schemas: a schema node is not an object.')
  let out: SchemaObject = {}
  for (const [key, value] of Object.entries(node)) {
    if (!STRUCTURAL_KEYWORDS.has(key)) continue
    if (key === '$ref') out.$ref = rewriteRef(String(value))
    else if (key === 'properties' && isObject(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, child]) => [name, toStructuralSchema(child)]),
      )
    } else if ((key === 'items' || key === 'additionalProperties') && isObject(value)) {
      out[key] = toStructuralSchema(value)
    } else if ((key === 'oneOf' || key === 'anyOf' || key === 'allOf') && Array.isArray(value)) {
      out[key] = value.map((child) => toStructuralSchema(child))
    } else if (key === 'discriminator' && isObject(value)) {
      out.discriminator = { propertyName: value.propertyName }
    } else out[key] = value
  }
  // Ajv applies a discriminator only to objects; the branches it picks between are objects anyway.
  if (out.discriminator !== undefined && out.type === undefined) out.type = 'object'
  const implied = impliedType(out)
  if (implied !== undefined) out.type = implied
  // A lone allOf (or oneOf, anyOf) of one schema is how OpenAPI 3.0 attaches siblings to a ref;
  // once the siblings (prose) are gone, it is that schema.
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    const branches = out[key]
    if (Array.isArray(branches) && branches.length === 1 && Object.keys(out).length === 1) {
      out = branches[0] as SchemaObject
    }
  }
  return node.nullable === true ? applyNullable(out) : out
}

/** Keywords that apply to one JSON type only. */
const TYPE_OF_KEYWORD: Record<string, string> = {
  properties: 'object',
  required: 'object',
  minProperties: 'object',
  maxProperties: 'object',
  minLength: 'string',
  maxLength: 'string',
  pattern: 'string',
  items: 'array',
  minItems: 'array',
  maxItems: 'array',
  uniqueItems: 'array',
}

/**
 * The type a schema without `type` (and without `$ref`) is written for, when all its type-specific
 * keywords agree: vendor generators omit `type: object` beside `properties`, or `type: string`
 * beside lengths over a oneOf of strings. Ajv's strict types need it said, and no value of
 * another type was ever meant there.
 */
function impliedType(schema: SchemaObject): string | undefined {
  if (schema.type !== undefined || schema.$ref !== undefined) return undefined
  const types = new Set(
    Object.keys(schema)
      .map((key) => TYPE_OF_KEYWORD[key])
      .filter((type) => type !== undefined),
  )
  return types.size === 1 ? [...types][0] : undefined
}

/**
 * Our contract reads records tolerantly: a vendor's `additionalProperties: false` (or `true`) and
 * a `maxProperties` on an object that lists its properties are dropped, so an added field never
 * fails a default run. `--strict` closes every object at load time instead (load-schemas.ts).
 * Maps keep their `additionalProperties` schema and their `maxProperties`: a key there is data.
 */
export function openRecords(node: unknown): void {
  if (Array.isArray(node)) {
    for (const child of node) openRecords(child)
    return
  }
  if (!isObject(node)) return
  for (const [key, child] of Object.entries(node)) {
    if (key !== 'enum' && key !== 'const') openRecords(child)
  }
  if (node.properties !== undefined) {
    if (typeof node.additionalProperties === 'boolean') delete node.additionalProperties
    if (typeof node.unevaluatedProperties === 'boolean') delete node.unevaluatedProperties
    delete node.maxProperties
  }
}

/** Derives one schema document per component, keyed by file stem. */
export function deriveComponentSchemas(
  openapi: unknown,
  api: string,
  comment: string,
): Map<string, SchemaObject> {
  if (
    !isObject(openapi) ||
    !isObject(openapi.components) ||
    !isObject(openapi.components.schemas)
  ) {
    throw new Error('Failed to derive schemas: the document has no components.schemas.')
  }
  const result = new Map<string, SchemaObject>()
  for (const [name, node] of Object.entries(openapi.components.schemas)) {
    const stem = componentFileStem(name)
    result.set(stem, {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `${SCHEMA_BASE_URL}${api}/${stem}.schema.json`,
      $comment: comment,
      ...toStructuralSchema(node),
    })
  }
  return result
}

/** The media type whose schemas we derive for operations. */
const JSON_MEDIA_TYPE = 'application/json'

/** `RateLimited` → `error-rate-limited`, `InternalError` → `error-internal`: a reusable response. */
export function responseComponentStem(name: string): string {
  return `error-${componentFileStem(name.replace(/(.)Error$/, '$1'))}`
}

/** The stem of an operation's inline (not `$ref`) request or response body schema. */
export function inlineSchemaStem(operationId: string, part: 'request' | 'response'): string {
  return `${componentFileStem(operationId)}-${part}`
}

/** An operation of an OpenAPI document, with where it sits. */
export interface SpecOperation {
  path: string
  method: string
  operation: SchemaObject
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

/** Every operation of the document, in the order of its paths and methods. */
export function specOperations(openapi: unknown): SpecOperation[] {
  if (!isObject(openapi) || !isObject(openapi.paths)) {
    throw new Error('Failed to derive: the document has no paths.')
  }
  return Object.entries(openapi.paths).flatMap(([path, item]) =>
    isObject(item)
      ? Object.entries(item)
          .filter(([method, operation]) => METHODS.includes(method) && isObject(operation))
          .map(([method, operation]) => ({ path, method, operation: operation as SchemaObject }))
      : [],
  )
}

/** The JSON schema node of a request body or response, if it has one. */
export function jsonSchemaOf(body: unknown): unknown {
  if (!isObject(body) || !isObject(body.content)) return undefined
  const media = body.content[JSON_MEDIA_TYPE]
  return isObject(media) ? media.schema : undefined
}

function isInline(schema: unknown): boolean {
  return isObject(schema) && schema.$ref === undefined
}

/**
 * Derives the body schemas that are not components: each reusable response
 * (`components/responses`, named by responseComponentStem) and each operation's inline request or
 * response body (named by inlineSchemaStem). A stem that two of them, or a component, would share
 * is an error.
 */
export function deriveOperationSchemas(
  openapi: unknown,
  api: string,
  comment: string,
  taken: ReadonlySet<string>,
): Map<string, SchemaObject> {
  const result = new Map<string, SchemaObject>()
  const add = (stem: string, node: unknown) => {
    if (taken.has(stem) || result.has(stem)) {
      throw new Error(`Failed to derive schemas: two schemas would be named "${stem}".`)
    }
    result.set(stem, {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `${SCHEMA_BASE_URL}${api}/${stem}.schema.json`,
      $comment: comment,
      ...toStructuralSchema(node),
    })
  }
  const responses =
    isObject(openapi) && isObject(openapi.components) ? openapi.components.responses : undefined
  for (const [name, response] of Object.entries(isObject(responses) ? responses : {})) {
    const schema = jsonSchemaOf(response)
    if (schema !== undefined) add(responseComponentStem(name), schema)
  }
  for (const { operation } of specOperations(openapi)) {
    const id = String(operation.operationId)
    const request = jsonSchemaOf(operation.requestBody)
    if (isInline(request)) add(inlineSchemaStem(id, 'request'), request)
    const inline = Object.values(isObject(operation.responses) ? operation.responses : {})
      .map((response) => jsonSchemaOf(response))
      .filter(isInline)
    if (inline.length > 1) {
      throw new Error(`Failed to derive schemas: ${id} has more than one inline response schema.`)
    }
    if (inline.length === 1) add(inlineSchemaStem(id, 'response'), inline[0])
  }
  return result
}
