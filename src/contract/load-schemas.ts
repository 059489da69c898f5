/**
 * Loads our contract (fixtures/schemas/<api>/*.schema.json) into one explicit JSON Schema
 * 2020-12 Ajv instance: every file is read and checked against the meta-schema at load, and
 * compiled once, when it is first used. A schema that does not compile fails with an error: it is
 * never skipped with a warning (tests/repo/coverage.test.ts and each API's tests compile them all).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv2020, type ErrorObject, type Format, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { fullFormats } from 'ajv-formats/dist/formats.js'
import { HarnessError } from '../errors.ts'
import type { ApiName } from '../registry/types.ts'

// ajv-formats ships CommonJS; under NodeNext its default import is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

/** Where the committed contract lives. */
export const SCHEMA_ROOT = fileURLToPath(new URL('../../fixtures/schemas/', import.meta.url))

/** Options for loading the contract. */
export interface ContractOptions {
  /** Reject properties the contract does not list (off by default: vendors add fields). */
  strictExtraFields?: boolean
  schemaRoot?: string
  /**
   * `all` compiles every schema at load, so a broken one fails the load itself (drift and the
   * contract tests); by default each schema is compiled when it is first used.
   */
  compile?: 'all' | 'on-use'
}

/** The compiled contract: one validator per schema file, ready to use. */
export interface Contract {
  readonly strictExtraFields: boolean
  /** The validator of one schema file; in strict mode its objects are closed. */
  validator(api: ApiName, schema: string): ValidateFunction
  /**
   * The findings of one value against one schema, none when it is valid. In strict mode these are
   * the tolerant contract's findings plus one per property that no object lists, and no more.
   */
  errors(api: ApiName, schema: string, value: unknown): ErrorObject[]
}

type Json = { [key: string]: unknown }

const IN_PLACE = new Set(['allOf', 'anyOf', 'oneOf'])

/** An object schema: it lists properties or allows the object type. */
function isObjectSchema(node: Json): boolean {
  const types = Array.isArray(node.type) ? node.type : [node.type]
  return node.properties !== undefined || types.includes('object')
}

/**
 * Strict mode: every object the contract describes rejects a property it does not list, by
 * `unevaluatedProperties: false` on the outermost schema of that object. Its allOf/anyOf/oneOf
 * branches stay open: the outer keyword sees what every branch evaluated, where a closed branch
 * would reject its siblings' properties. A branch is closed itself only when no outer schema is
 * (an anyOf of an object and a string, say). Maps (`additionalProperties` set) stay maps.
 */
function closeObjects(node: unknown, covered = false): unknown {
  if (Array.isArray(node)) return node.map((child) => closeObjects(child, covered))
  if (typeof node !== 'object' || node === null) return node
  const source = node as Json
  const close = !covered && source.additionalProperties === undefined && isObjectSchema(source)
  const out: Json = {}
  for (const [key, value] of Object.entries(source)) {
    if (key === 'enum' || key === 'const') out[key] = value
    else out[key] = closeObjects(value, IN_PLACE.has(key) && (covered || close))
  }
  if (close) out.unevaluatedProperties = false
  return out
}

function schemaId(root: Json, file: string): string {
  if (typeof root.$id !== 'string') {
    throw new HarnessError(
      'CONTRACT_SCHEMA_COMPILE',
      `Failed to load schema ${file}: it has no $id.`,
      {
        hint: 'every schema file needs an absolute $id; see fixtures/schemas/adapty/*.schema.json.',
      },
    )
  }
  return root.$id
}

function compileError(key: string, cause: unknown): HarnessError {
  return new HarnessError(
    'CONTRACT_SCHEMA_COMPILE',
    `Failed to compile schema ${key}: ${(cause as Error).message}.`,
    {
      hint: `fix fixtures/schemas/${key}.schema.json; a contract that does not compile fails the run.`,
      cause,
    },
  )
}

/**
 * Formats whose full check (a date's days in its month, a time's leap second) costs more than
 * remembering the answer: responses repeat the same timestamps and ids over and over, so each
 * distinct string is checked once. A pure function of the string, so the verdict is the same.
 */
const REMEMBERED_FORMATS = ['date-time', 'date', 'uri'] as const
const REMEMBERED_LIMIT = 10_000

function remembered(format: Format): Format {
  const check = typeof format === 'object' && !(format instanceof RegExp) ? format.validate : format
  const test =
    check instanceof RegExp
      ? (value: string) => check.test(value)
      : typeof check === 'function'
        ? (check as (value: string) => boolean)
        : () => true
  const known = new Map<string, boolean>()
  const validate = (value: string) => {
    const answer = known.get(value)
    if (answer !== undefined) return answer
    const verdict = test(value)
    if (known.size >= REMEMBERED_LIMIT) known.clear()
    known.set(value, verdict)
    return verdict
  }
  return typeof format === 'object' && !(format instanceof RegExp)
    ? ({ ...format, validate } as Format)
    : validate
}

/**
 * An Ajv instance set up as the contract is read: JSON Schema 2020-12, strict, union types, the
 * discriminator, and the formats in full mode (the costly ones remembered). Every reader of our
 * schemas (the contract, the field coverage's branch tests) starts from it.
 */
export function createContractAjv(options: {
  allErrors: boolean
  validateSchema: boolean
}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: options.allErrors,
    strict: true,
    allowUnionTypes: true,
    discriminator: true,
    validateSchema: options.validateSchema,
  })
  addFormats(ajv)
  for (const name of REMEMBERED_FORMATS) ajv.addFormat(name, remembered(fullFormats[name]))
  return ajv
}

/**
 * Reads every schema of every API under `root` into one Ajv instance (each checked against the
 * JSON Schema meta-schema as it is added), keyed `<api>/<stem>`. Each one is compiled the first
 * time it is asked for, and then kept: a run compiles only what its operations use (a process of
 * an Adapty-only run never compiles RevenueCat's 136 schemas). A schema that does not compile
 * fails with CONTRACT_SCHEMA_COMPILE when it is first used, never skipped.
 */
function readAll(
  root: string,
  transform: (schema: Json) => Json,
  eager: boolean,
): (key: string) => ValidateFunction | undefined {
  // Checking every schema against the meta-schema as it is added is the eager load's job (the
  // drift gate and the contract's own tests run it, in npm test). A run that compiles on use
  // skips it: about 100 ms in each process that loads the contract. Strict mode still refuses
  // an unknown keyword when a schema compiles.
  const ajv = createContractAjv({ allErrors: true, validateSchema: eager })
  const ids = new Map<string, string>()
  for (const api of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const file of readdirSync(join(root, api.name)).filter((f) =>
      f.endsWith('.schema.json'),
    )) {
      const path = join(root, api.name, file)
      let schema: Json
      try {
        schema = JSON.parse(readFileSync(path, 'utf8')) as Json
      } catch (cause) {
        throw new HarnessError(
          'CONTRACT_SCHEMA_COMPILE',
          `Failed to load schema ${path}: not JSON.`,
          {
            hint: 'fix the JSON syntax, or regenerate with npm run derive-schemas.',
            cause,
          },
        )
      }
      const key = `${api.name}/${file.replace('.schema.json', '')}`
      ids.set(key, schemaId(schema, path))
      try {
        ajv.addSchema(transform(schema))
      } catch (cause) {
        throw compileError(key, cause)
      }
    }
  }
  const validators = new Map<string, ValidateFunction>()
  const get = (key: string) => {
    const known = validators.get(key)
    if (known !== undefined) return known
    const id = ids.get(key)
    if (id === undefined) return undefined
    try {
      const validate = ajv.getSchema(id)
      if (validate === undefined) throw new Error(`no schema registered under ${id}`)
      validators.set(key, validate)
      return validate
    } catch (cause) {
      throw compileError(key, cause)
    }
  }
  if (eager) for (const key of ids.keys()) get(key)
  return get
}

/** Reads every schema of every API, compiling each on first use. Throws CONTRACT_SCHEMA_COMPILE. */
export function loadContract(options: ContractOptions = {}): Contract {
  const strict = options.strictExtraFields ?? false
  const root = options.schemaRoot ?? SCHEMA_ROOT
  const eager = options.compile === 'all'
  const tolerant = readAll(root, (schema) => schema, eager)
  const closed = strict ? readAll(root, (schema) => closeObjects(schema) as Json, eager) : tolerant
  const lookup = (
    validators: (key: string) => ValidateFunction | undefined,
    api: ApiName,
    schema: string,
  ) => {
    const validate = validators(`${api}/${schema}`)
    if (validate === undefined) {
      throw new HarnessError(
        'CONTRACT_SCHEMA_MISSING',
        `Failed to find schema ${api}/${schema}: no file fixtures/schemas/${api}/${schema}.schema.json.`,
        { hint: 'the registry names a schema that does not exist; add it or fix the registry.' },
      )
    }
    return validate
  }
  return {
    strictExtraFields: strict,
    validator: (api, schema) => lookup(closed, api, schema),
    errors(api, schema, value) {
      const validate = lookup(closed, api, schema)
      if (validate(value)) return []
      const found = validate.errors ?? []
      if (!strict) return found
      // Closing an object inside an anyOf/oneOf branch makes the branch, and so the anyOf, fail
      // too: report what the tolerant contract finds, plus the unlisted properties alone.
      const open = lookup(tolerant, api, schema)
      const breaking = open(value) ? [] : (open.errors ?? [])
      return [...breaking, ...found.filter((e) => e.keyword === 'unevaluatedProperties')]
    },
  }
}
