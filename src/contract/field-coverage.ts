/**
 * Response-field coverage, the pure part: which documented locations of a response schema a run
 * actually saw. A schema file becomes a fixed, ordered list of items (a location present, a
 * nullable location non-null, an enum value, a oneOf/anyOf branch) and a walk plan; `seen(body)`
 * walks the plan with a validated body and names the items it shows, as indexes into that list.
 *
 * The list depends on the schema files alone (their content, never the order a folder lists them
 * in), so indexes taken in one process mean the same in another. The plan is built once per
 * schema and process: `seen` runs on every validated response in both runners, so it resolves no
 * `$ref` and compiles nothing per call. Branches are judged by ajv itself (one instance per API,
 * compiled once per branch), so "matched a branch" means what validation means.
 */
import { join, resolve as resolvePath } from 'node:path'
import type { Ajv2020 } from 'ajv/dist/2020.js'
import { CONTRACT_KEYWORDS } from './keywords.ts'
import { createContractAjv, SCHEMA_ROOT } from './load-schemas.ts'
import { readSchemas } from './sample-bodies.ts'

type Json = { [key: string]: unknown }

/** One thing a response can show: a location present, non-null, an enum value, a branch. */
export interface CoverageItem {
  /**
   * JSON pointer into the response body; array items and map values are the segment `*`, so
   * `/data/access_levels/*` is every access level. The body itself is ''.
   */
  pointer: string
  kind: 'present' | 'non-null' | 'enum' | 'branch'
  /**
   * For 'enum': the value as JSON text (e.g. '"play_store"'); for 'branch': `oneOf[1]` /
   * `anyOf[0]`, with the branch's `$ref` file stem when it is a `$ref` (`oneOf[1] access-level`).
   * Absent for the other kinds.
   */
  value?: string
}

/** The coverage model of one schema file (a response body's schema). */
export interface CoverageModel {
  api: string
  /** The file stem, e.g. 'profile-response'. */
  schema: string
  /**
   * Every documented item, in schema walk order. The same files give the same list in every
   * process, so indexes into it can travel between processes.
   */
  items: readonly CoverageItem[]
  /**
   * The indexes (into items) of what this body shows, sorted and unique. A body that does not
   * match the schema still counts what it shows where it matches. Never throws.
   */
  seen(body: unknown): number[]
}

/** The keywords the walk understands (and annotations); anything else fails loudly. */
const KNOWN: ReadonlySet<string> = new Set([...CONTRACT_KEYWORDS, 'title', 'description'])

/** A location in the body: its own items, and the shape of the value found there. */
interface Location {
  pointer: string
  /** The 'present' item, or -1 for the body itself. */
  present: number
  /** The location's 'non-null' item, or -1 when it is not nullable. */
  nonNull: number
  /** The location's enum items, by value (strings, numbers, booleans). */
  enums: Map<unknown, number> | undefined
  /** Enum items whose value is an object or array, by JSON text. */
  enumTexts: Map<string, number> | undefined
  shape: Shape
}

/** What a schema says about a value's insides, at one location. */
interface Shape {
  properties: { key: string; at: Location }[]
  /** The documented property names, when a map's values also apply to the other keys. */
  listed: Set<string> | undefined
  items: Location | undefined
  values: Location | undefined
  branches: Branch[]
  /** Schemas that apply in place: `allOf` parts and `$ref` targets. */
  parts: Shape[]
}

interface Branch {
  item: number
  test: (value: unknown) => boolean
  shape: Shape
}

/** A shape that says nothing yet about a value's insides. */
function emptyShape(): Shape {
  return {
    properties: [],
    listed: undefined,
    items: undefined,
    values: undefined,
    branches: [],
    parts: [],
  }
}

const EMPTY: Shape = Object.freeze(emptyShape())

/** One schema file of an API. */
interface SchemaFile {
  name: string
  stem: string
  id: string
  schema: Json
}

/** Where a schema node sits: its file and its JSON pointer segments inside that file. */
interface Site {
  file: SchemaFile
  path: readonly string[]
}

/** The files of one API, with the Ajv instance and the branch tests built from them. */
interface ApiSource {
  api: string
  dir: string
  byName: Map<string, SchemaFile>
  byId: Map<string, SchemaFile>
  ajv: Ajv2020
  tests: Map<string, (value: unknown) => boolean>
}

const sources = new Map<string, ApiSource>()
const models = new Map<string, CoverageModel>()

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1')

function fragmentOf(path: readonly string[]): string {
  return path.map((segment) => `/${encodeURIComponent(escapePointer(segment))}`).join('')
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function sourceOf(api: string, root: string): ApiSource {
  const key = `${root}\0${api}`
  const known = sources.get(key)
  if (known !== undefined) return known
  const dir = join(root, api)
  let raw: Map<string, Json>
  try {
    raw = readSchemas(api, root)
  } catch (cause) {
    throw new Error(`coverage: cannot read the schemas of ${api} in ${dir}`, { cause })
  }
  // A verdict per branch is all a branch test needs (no error list); checking the files against
  // the meta-schema is the contract loader's job (its eager load).
  const ajv = createContractAjv({ allErrors: false, validateSchema: false })
  const byName = new Map<string, SchemaFile>()
  const byId = new Map<string, SchemaFile>()
  // Sorted, so the files are added in the same order whatever order the folder lists them in.
  for (const name of [...raw.keys()].sort()) {
    const schema = raw.get(name) as Json
    if (typeof schema.$id !== 'string') {
      throw new Error(`coverage: ${join(dir, name)} has no $id`)
    }
    const file: SchemaFile = {
      name,
      stem: name.replace(/\.schema\.json$/, ''),
      id: schema.$id,
      schema,
    }
    byName.set(name, file)
    byId.set(file.id, file)
    try {
      ajv.addSchema(schema)
    } catch (cause) {
      throw new Error(`coverage: cannot add ${join(dir, name)}: ${(cause as Error).message}`, {
        cause,
      })
    }
  }
  const source: ApiSource = { api, dir, byName, byId, ajv, tests: new Map() }
  sources.set(key, source)
  return source
}

/** The file a `$ref` names, resolved against the $id of the file it is written in. */
function target(source: ApiSource, ref: string, site: Site): SchemaFile {
  const where = `${join(source.dir, site.file.name)} at #${fragmentOf(site.path)}`
  let url: URL
  try {
    url = new URL(ref, site.file.id)
  } catch {
    throw new Error(`coverage: $ref "${ref}" in ${where} is not a reference`)
  }
  if (url.hash !== '') {
    throw new Error(`coverage: $ref "${ref}" in ${where}: only whole files are supported`)
  }
  const file = source.byId.get(url.href)
  if (file === undefined) {
    throw new Error(`coverage: $ref "${ref}" in ${where} names no schema file in ${source.dir}`)
  }
  return file
}

/** Follows `$ref`s to the schema that describes the value (for the null-branch check). */
function followRefs(source: ApiSource, node: unknown, site: Site): unknown {
  let current = node
  let at = site
  const visited = new Set<string>()
  while (isObject(current) && typeof current.$ref === 'string' && !visited.has(at.file.id)) {
    visited.add(at.file.id)
    const file = target(source, current.$ref, at)
    at = { file, path: [] }
    current = file.schema
  }
  return current
}

function typesOf(node: unknown): Set<string> | undefined {
  if (!isObject(node)) return undefined
  if (typeof node.type === 'string') return new Set([node.type])
  if (Array.isArray(node.type)) return new Set(node.type as string[])
  if (node.properties !== undefined || node.additionalProperties !== undefined) {
    return new Set(['object'])
  }
  if (node.items !== undefined) return new Set(['array'])
  if (Array.isArray(node.enum)) return new Set((node.enum as unknown[]).map(jsonType))
  if ('const' in node) return new Set([jsonType(node.const)])
  return undefined
}

function jsonType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

/** The test of one branch: ajv's verdict on the branch, compiled once per API and branch. */
function branchTest(source: ApiSource, node: unknown, site: Site): (value: unknown) => boolean {
  const key = `${site.file.id}#${fragmentOf(site.path)}`
  const known = source.tests.get(key)
  if (known !== undefined) return known
  let test: (value: unknown) => boolean
  try {
    const validate = source.ajv.getSchema(key)
    if (validate === undefined) throw new Error(`no schema at ${key}`)
    test = (value) => validate(value) === true
  } catch {
    // ajv cannot compile the branch (its file is refused in strict mode, say; loadContract fails
    // such a contract loudly, so this is for the odd schema only). Coverage must not fail a run,
    // so the branch counts as matched when the value's JSON type is one the branch allows (any
    // value, when the branch names no type): a looser verdict than validation, never a throw.
    const types = typesOf(followRefs(source, node, site))
    test = (value) => {
      if (types === undefined) return true
      const type = jsonType(value)
      return types.has(type) || (type === 'integer' && types.has('number'))
    }
  }
  source.tests.set(key, test)
  return test
}

function buildModel(source: ApiSource, schema: string): CoverageModel {
  const top = source.byName.get(`${schema}.schema.json`)
  if (top === undefined) {
    throw new Error(
      `coverage: no schema ${source.api}/${schema}: no file ${join(source.dir, `${schema}.schema.json`)}`,
    )
  }
  const items: CoverageItem[] = []
  const keys = new Map<string, number>()
  const locations: Location[] = []

  // Enum values an `allOf` narrows: a value only one of its parts allows is not documented there
  // (RevenueCat's 401 error is an Error whose `type` may only be authentication_error, R-5).
  const narrowed = new Map<string, ReadonlySet<string>>()
  const add = (pointer: string, kind: CoverageItem['kind'], value?: string): number => {
    if (kind === 'enum' && value !== undefined && narrowed.get(pointer)?.has(value) === false)
      return -1
    const key = `${pointer}\0${kind}\0${value ?? ''}`
    const known = keys.get(key)
    if (known !== undefined) return known
    const item: CoverageItem = value === undefined ? { pointer, kind } : { pointer, kind, value }
    items.push(Object.freeze(item))
    keys.set(key, items.length - 1)
    return items.length - 1
  }

  /** Records, for each property two or more `allOf` parts give an enum, the values all allow. */
  const narrow = (pointer: string, parts: unknown[], within: (...segments: string[]) => Site) => {
    const declared = new Map<string, Array<Set<string>>>()
    parts.forEach((part, i) => {
      const at = within('allOf', String(i))
      const resolved = followRefs(source, part, at)
      if (!isObject(resolved) || !isObject(resolved.properties)) return
      for (const [key, property] of Object.entries(resolved.properties)) {
        const schema = followRefs(source, property, at)
        if (!isObject(schema) || !Array.isArray(schema.enum)) continue
        const values = new Set((schema.enum as unknown[]).map((v) => JSON.stringify(v)))
        declared.set(key, [...(declared.get(key) ?? []), values])
      }
    })
    for (const [key, sets] of declared) {
      if (sets.length < 2) continue
      const [first, ...rest] = sets as [Set<string>, ...Set<string>[]]
      const all = new Set([...first].filter((v) => rest.every((set) => set.has(v))))
      narrowed.set(`${pointer}/${escapePointer(key)}`, all)
    }
  }

  const locate = (
    pointer: string,
    present: number,
    node: unknown,
    site: Site,
    onPath: ReadonlySet<string>,
  ): Location => {
    const at: Location = {
      pointer,
      present,
      nonNull: -1,
      enums: undefined,
      enumTexts: undefined,
      shape: EMPTY,
    }
    locations.push(at)
    at.shape = shapeOf(pointer, node, site, onPath)
    return at
  }

  const child = (
    pointer: string,
    node: unknown,
    site: Site,
    onPath: ReadonlySet<string>,
  ): Location | undefined => {
    if (node === false) return undefined
    return locate(pointer, add(pointer, 'present'), node, site, onPath)
  }

  const shapeOf = (
    pointer: string,
    node: unknown,
    site: Site,
    onPath: ReadonlySet<string>,
  ): Shape => {
    if (!isObject(node)) return EMPTY
    for (const key of Object.keys(node)) {
      if (!KNOWN.has(key)) {
        throw new Error(
          `coverage: unsupported keyword "${key}" in ${join(source.dir, site.file.name)} at #${fragmentOf(site.path)}`,
        )
      }
    }
    const within = (...segments: string[]): Site => ({
      file: site.file,
      path: [...site.path, ...segments],
    })
    if (Array.isArray(node.allOf)) narrow(pointer, node.allOf, within)
    const branchLists = (['oneOf', 'anyOf'] as const).flatMap((keyword) =>
      Array.isArray(node[keyword]) ? [[keyword, node[keyword] as unknown[]] as const] : [],
    )
    const isNullBranch = (branch: unknown, at: Site) => {
      const resolved = followRefs(source, branch, at)
      return isObject(resolved) && resolved.type === 'null'
    }
    const nullable =
      (Array.isArray(node.type) && node.type.includes('null')) ||
      (Array.isArray(node.enum) && node.enum.includes(null)) ||
      branchLists.some(([keyword, list]) =>
        list.some((branch, i) => isNullBranch(branch, within(keyword, String(i)))),
      )
    if (nullable) add(pointer, 'non-null')
    if (Array.isArray(node.enum)) {
      for (const value of node.enum as unknown[]) {
        if (value !== null) add(pointer, 'enum', JSON.stringify(value))
      }
    }

    const shape = emptyShape()
    if (typeof node.$ref === 'string') {
      const file = target(source, node.$ref, site)
      // A file already on the path is a recursive schema: its location is listed, not entered.
      if (!onPath.has(file.id)) {
        const deeper = new Set(onPath).add(file.id)
        shape.parts.push(shapeOf(pointer, file.schema, { file, path: [] }, deeper))
      }
    }
    if (isObject(node.properties)) {
      for (const [key, schema] of Object.entries(node.properties)) {
        const at = child(
          `${pointer}/${escapePointer(key)}`,
          schema,
          within('properties', key),
          onPath,
        )
        if (at !== undefined) shape.properties.push({ key, at })
      }
    }
    if (node.items !== undefined) {
      shape.items = child(`${pointer}/*`, node.items, within('items'), onPath)
    }
    if (isObject(node.additionalProperties)) {
      shape.values = child(
        `${pointer}/*`,
        node.additionalProperties,
        within('additionalProperties'),
        onPath,
      )
      if (shape.properties.length > 0) shape.listed = new Set(shape.properties.map((p) => p.key))
    }
    if (Array.isArray(node.allOf)) {
      node.allOf.forEach((part: unknown, i) => {
        shape.parts.push(shapeOf(pointer, part, within('allOf', String(i)), onPath))
      })
    }
    for (const [keyword, list] of branchLists) {
      // Every branch's item first, so a location's branches read together; then their insides.
      const planned = list.flatMap((branch, i) => {
        const at = within(keyword, String(i))
        if (isNullBranch(branch, at)) return []
        const ref = isObject(branch) && typeof branch.$ref === 'string' ? branch.$ref : undefined
        const label =
          ref === undefined
            ? `${keyword}[${i}]`
            : `${keyword}[${i}] ${target(source, ref, at).stem}`
        return [{ branch, at, item: add(pointer, 'branch', label) }]
      })
      for (const { branch, at, item } of planned) {
        shape.branches.push({
          item,
          test: branchTest(source, branch, at),
          shape: shapeOf(pointer, branch, at, onPath),
        })
      }
    }
    const own =
      shape.properties.length +
      shape.branches.length +
      (shape.items ? 1 : 0) +
      (shape.values ? 1 : 0)
    if (own === 0 && shape.parts.length === 1) return shape.parts[0] as Shape
    if (own === 0 && shape.parts.length === 0) return EMPTY
    return shape
  }

  const root = locate('', -1, top.schema, { file: top, path: [] }, new Set([top.id]))

  // A location's non-null and enum items belong to its pointer, whichever schema (a branch, a
  // $ref target, an allOf part) documented them: they are seen whenever the value shows them.
  const byPointer = new Map<string, number[]>()
  items.forEach((item, index) => {
    const list = byPointer.get(item.pointer)
    if (list === undefined) byPointer.set(item.pointer, [index])
    else list.push(index)
  })
  for (const at of locations) {
    for (const index of byPointer.get(at.pointer) ?? []) {
      const item = items[index] as CoverageItem
      if (item.kind === 'non-null') at.nonNull = index
      if (item.kind !== 'enum' || item.value === undefined) continue
      const value: unknown = JSON.parse(item.value)
      if (typeof value === 'object' && value !== null) {
        at.enumTexts ??= new Map()
        at.enumTexts.set(item.value, index)
      } else {
        at.enums ??= new Map()
        at.enums.set(value, index)
      }
    }
  }

  const frozen = Object.freeze(items.slice())
  return {
    api: source.api,
    schema,
    items: frozen,
    seen(body) {
      const marks = new Uint8Array(frozen.length)
      try {
        visit(root, body, marks)
      } catch {
        // Only a body JSON.parse cannot make (a getter that throws, say) gets here: what was
        // seen before it stands.
      }
      const out: number[] = []
      for (let i = 0; i < marks.length; i++) if (marks[i] === 1) out.push(i)
      return out
    },
  }
}

function visit(at: Location, value: unknown, marks: Uint8Array): void {
  if (at.present >= 0) marks[at.present] = 1
  if (value !== null) {
    if (at.nonNull >= 0) marks[at.nonNull] = 1
    if (at.enums !== undefined) {
      const index = at.enums.get(value)
      if (index !== undefined) marks[index] = 1
    }
    if (at.enumTexts !== undefined && typeof value === 'object') {
      const index = at.enumTexts.get(JSON.stringify(value))
      if (index !== undefined) marks[index] = 1
    }
  }
  walk(at.shape, value, marks)
}

function walk(shape: Shape, value: unknown, marks: Uint8Array): void {
  if (typeof value === 'object' && value !== null) {
    if (Array.isArray(value)) {
      const items = shape.items
      if (items !== undefined) for (const element of value) visit(items, element, marks)
    } else {
      const object = value as Json
      for (const { key, at } of shape.properties) {
        if (Object.hasOwn(object, key)) visit(at, object[key], marks)
      }
      const values = shape.values
      if (values !== undefined) {
        for (const key of Object.keys(object)) {
          if (shape.listed === undefined || !shape.listed.has(key))
            visit(values, object[key], marks)
        }
      }
    }
  }
  for (const branch of shape.branches) {
    if (!branch.test(value)) continue
    marks[branch.item] = 1
    walk(branch.shape, value, marks)
  }
  for (const part of shape.parts) walk(part, value, marks)
}

/**
 * The model of `<api>/<schema>`, built once per process and cached (root: the schema folder).
 * Throws an Error naming the file for an unknown schema, a `$ref` to a missing file or a keyword
 * the walk does not understand.
 */
export function coverageModel(api: string, schema: string, root = SCHEMA_ROOT): CoverageModel {
  const folder = resolvePath(root)
  const key = `${folder}\0${api}\0${schema}`
  const known = models.get(key)
  if (known !== undefined) return known
  const model = buildModel(sourceOf(api, folder), schema)
  models.set(key, model)
  return model
}

/**
 * One line for a report: `/data/store = "play_store"`, `/data/offer non-null`, `/data/x present`,
 * `/data/y oneOf[1] access-level`. The body itself (pointer '') reads `(body)`.
 */
export function describeItem(item: CoverageItem): string {
  const where = item.pointer === '' ? '(body)' : item.pointer
  switch (item.kind) {
    case 'present':
      return `${where} present`
    case 'non-null':
      return `${where} non-null`
    case 'enum':
      return `${where} = ${item.value ?? ''}`
    case 'branch':
      return `${where} ${item.value ?? ''}`
  }
}
