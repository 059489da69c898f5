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
    if (Array.isArray(schema.enum)) out.enum = [...schema.enum, null]
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
  // A lone allOf of one $ref is how OpenAPI 3.0 attaches siblings to a ref; flatten it.
  if (Array.isArray(out.allOf) && out.allOf.length === 1 && Object.keys(out).length === 1) {
    out = out.allOf[0] as SchemaObject
  }
  return node.nullable === true ? applyNullable(out) : out
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
