/**
 * Deterministic sample bodies from our contract, for the property tests: one valid body per
 * variant (each anyOf/oneOf branch, each item variant), with every documented property present,
 * and the location of every object in it. Only our structural keywords are understood; anything
 * else fails loudly, so a new keyword in the contract cannot be sampled wrongly in silence.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CONTRACT_KEYWORDS } from './keywords.ts'
import { SCHEMA_ROOT } from './load-schemas.ts'

type Json = { [key: string]: unknown }

/** An object in a sample: where it is and what its schema says. */
export interface ObjectLocation {
  /** JSON pointer of the object in the body. */
  pointer: string
  /** A record lists its properties; a map (`additionalProperties`) holds entries of one schema. */
  kind: 'record' | 'map'
  /** The documented properties of a record, each with its resolved schema. */
  properties: Record<string, Json>
  required: string[]
}

/** One valid body and the objects inside it. */
export interface Sample {
  value: unknown
  objects: ObjectLocation[]
}

const FORMATS: Record<string, unknown> = {
  uuid: '3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f',
  'date-time': '2026-01-15T12:00:00.000Z',
  date: '2026-01-15',
  email: 'qa@example.com',
  uri: 'https://example.com/a',
}

/** A value for each pattern the contract uses; a new pattern needs a line here. */
const PATTERNS: Record<string, string> = {
  '^[A-Za-z0-9._-]+$': 'level',
  '^[1-5][0-9]{2}$': '400',
}

const KNOWN = CONTRACT_KEYWORDS

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1')

/** Reads the raw schemas of one API, keyed by file name (what `$ref` names). */
export function readSchemas(api: string, root = SCHEMA_ROOT): Map<string, Json> {
  const dir = join(root, api)
  const out = new Map<string, Json>()
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.schema.json'))) {
    out.set(file, JSON.parse(readFileSync(join(dir, file), 'utf8')) as Json)
  }
  return out
}

/** Follows `$ref` (and a lone allOf of one schema) to the schema that describes the value. */
export function resolve(schemas: Map<string, Json>, schema: Json): Json {
  let node = schema
  while (typeof node.$ref === 'string') {
    const target = schemas.get(node.$ref)
    if (target === undefined) throw new Error(`sample: no schema ${node.$ref}`)
    node = target
  }
  return node
}

function typesOf(node: Json): string[] {
  if (node.type === undefined) return node.properties !== undefined ? ['object'] : []
  return Array.isArray(node.type) ? (node.type as string[]) : [node.type as string]
}

function stringOf(node: Json): string {
  if (typeof node.format === 'string' && typeof FORMATS[node.format] === 'string') {
    return FORMATS[node.format] as string
  }
  if (typeof node.pattern === 'string') {
    const value = PATTERNS[node.pattern]
    if (value === undefined) throw new Error(`sample: no value for pattern ${node.pattern}`)
    return value
  }
  const min = typeof node.minLength === 'number' ? node.minLength : 1
  const max = typeof node.maxLength === 'number' ? node.maxLength : Math.max(min, 6)
  return 'sample'.padEnd(min, 'x').slice(0, Math.max(min, Math.min(max, 6)))
}

function numberOf(node: Json): number {
  if (typeof node.minimum === 'number') return node.minimum
  if (typeof node.exclusiveMinimum === 'number') return node.exclusiveMinimum + 1
  if (typeof node.maximum === 'number') return Math.min(node.maximum, 1)
  return 1
}

/** Every variant of a valid value for `schema` at `pointer`. */
export function samples(schemas: Map<string, Json>, schema: Json, pointer = ''): Sample[] {
  const node = resolve(schemas, schema)
  for (const key of Object.keys(node)) {
    if (!KNOWN.has(key)) throw new Error(`sample: unsupported keyword "${key}" at ${pointer}`)
  }
  if ('const' in node) return [{ value: node.const, objects: [] }]
  if (Array.isArray(node.enum)) {
    const value = (node.enum as unknown[]).find((v) => v !== null) ?? null
    return [{ value, objects: [] }]
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    if (!Array.isArray(node[key])) continue
    const branches = (node[key] as Json[]).filter((b) => resolve(schemas, b).type !== 'null')
    return branches.flatMap((branch) =>
      samples(schemas, merge(node, resolve(schemas, branch)), pointer),
    )
  }
  if (Array.isArray(node.allOf)) {
    let merged: Json = { ...node, allOf: undefined }
    for (const branch of node.allOf as Json[]) merged = mergeAll(merged, resolve(schemas, branch))
    return samples(schemas, strip(merged), pointer)
  }
  const types = typesOf(node).filter((t) => t !== 'null')
  const type =
    types[0] ?? (node.type === 'null' || typesOf(node).includes('null') ? 'null' : undefined)
  switch (type) {
    case 'object':
      return objectSamples(schemas, node, pointer)
    case 'array': {
      const items = node.items as Json | undefined
      if (items === undefined) return [{ value: [], objects: [] }]
      return samples(schemas, items, `${pointer}/0`).map((s) => ({
        value: [s.value],
        objects: s.objects,
      }))
    }
    case 'string':
      return [{ value: stringOf(node), objects: [] }]
    case 'integer':
    case 'number':
      return [{ value: numberOf(node), objects: [] }]
    case 'boolean':
      return [{ value: true, objects: [] }]
    case 'null':
      return [{ value: null, objects: [] }]
    default:
      throw new Error(`sample: no type at ${pointer}`)
  }
}

/** The schema of a branch applied in place: the parent's own keywords plus the branch's. */
function merge(parent: Json, branch: Json): Json {
  const out: Json = {}
  for (const [key, value] of Object.entries(parent)) {
    if (key !== 'oneOf' && key !== 'anyOf' && key !== 'discriminator' && key !== 'type')
      out[key] = value
  }
  return strip(mergeAll(out, branch))
}

function mergeAll(a: Json, b: Json): Json {
  const out: Json = { ...a, ...b }
  if (a.properties !== undefined || b.properties !== undefined) {
    out.properties = { ...(a.properties as Json), ...(b.properties as Json) }
  }
  if (a.required !== undefined || b.required !== undefined) {
    out.required = [...((a.required as string[]) ?? []), ...((b.required as string[]) ?? [])]
  }
  return out
}

function strip(node: Json): Json {
  return Object.fromEntries(Object.entries(node).filter(([, v]) => v !== undefined))
}

function objectSamples(schemas: Map<string, Json>, node: Json, pointer: string): Sample[] {
  if (node.properties === undefined) {
    const entry = node.additionalProperties
    if (typeof entry === 'object' && entry !== null) {
      // A map: one entry, so its value schema is exercised too.
      return samples(schemas, entry as Json, `${pointer}/entry`).map((s) => ({
        value: { entry: s.value },
        objects: [{ pointer, kind: 'map', properties: {}, required: [] }, ...s.objects],
      }))
    }
    // An object the contract says nothing more about: a record with no documented property.
    return [{ value: {}, objects: [{ pointer, kind: 'record', properties: {}, required: [] }] }]
  }
  const properties = node.properties as Record<string, Json>
  const required = (node.required as string[] | undefined) ?? []
  const resolved = Object.fromEntries(
    Object.entries(properties).map(([name, child]) => [name, resolve(schemas, child)]),
  )
  const self: ObjectLocation = { pointer, kind: 'record', properties: resolved, required }
  const variants = Object.entries(properties).map(
    ([name, child]) =>
      [name, samples(schemas, child, `${pointer}/${escapePointer(name)}`)] as const,
  )
  const build = (pick: (name: string, list: readonly Sample[]) => Sample): Sample => {
    const value: Json = {}
    const objects: ObjectLocation[] = [self]
    for (const [name, list] of variants) {
      const chosen = pick(name, list)
      value[name] = chosen.value
      objects.push(...chosen.objects)
    }
    return { value, objects }
  }
  // The first variant of every property, then one body per further variant of each property.
  const out = [build((_, list) => list[0] as Sample)]
  for (const [name, list] of variants) {
    for (const extra of list.slice(1)) {
      out.push(build((n, l) => (n === name ? extra : (l[0] as Sample))))
    }
  }
  return out
}
