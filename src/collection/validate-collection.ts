/**
 * The one check that a JSON value is a Postman v2.0/v2.1 collection we can work with, shared by
 * the runner (before any request is sent), the importer and the repository's format test. It
 * rejects v1 exports and non-collections with a sentence saying what they are, then checks the
 * structural core of the format (docs/decisions/0006-collection-format-check.md) with Ajv.
 */
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js'
import { HarnessError } from '../errors.ts'
import type { PostmanCollection } from './postman.ts'

/** What is wrong with a collection, and how to fix it. */
export interface CollectionProblem {
  /** A clause that follows the file's name: `is a Postman v1 collection`. */
  problem: string
  hint: string
}

const EXPORT_AGAIN = 'open it in Postman and export it again as "Collection v2.1".'

/**
 * The structural core of Postman Collection v2.1 (and v2.0, which has the same core), written
 * from the format's documented shape: the published schema is not reachable offline. It is as
 * lenient as the format where the format is lenient (a url may be a string, a method any string),
 * and stricter in one place: every request needs a name, which is how we match it to an operation.
 */
export const COLLECTION_CORE_SCHEMA = {
  type: 'object',
  required: ['info', 'item'],
  properties: {
    info: {
      type: 'object',
      required: ['name', 'schema'],
      properties: {
        name: { type: 'string' },
        schema: {
          type: 'string',
          pattern: '^https://schema\\.getpostman\\.com/json/collection/v2\\.[01]\\.0/',
        },
      },
    },
    item: { type: 'array', items: { $ref: '#/$defs/entry' } },
    auth: { $ref: '#/$defs/auth' },
    event: { type: 'array', items: { $ref: '#/$defs/event' } },
  },
  $defs: {
    // An entry with a `request` is a request item; anything else must be a folder.
    entry: {
      type: 'object',
      if: { required: ['request'] },
      // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
      then: { $ref: '#/$defs/request-item' },
      else: { $ref: '#/$defs/folder' },
    },
    folder: {
      type: 'object',
      required: ['item'],
      properties: {
        name: { type: 'string' },
        item: { type: 'array', items: { $ref: '#/$defs/entry' } },
        auth: { $ref: '#/$defs/auth' },
        event: { type: 'array', items: { $ref: '#/$defs/event' } },
      },
    },
    'request-item': {
      type: 'object',
      required: ['name', 'request'],
      properties: {
        name: { type: 'string', minLength: 1 },
        event: { type: 'array', items: { $ref: '#/$defs/event' } },
        request: {
          type: ['object', 'string'],
          properties: {
            method: { type: 'string' },
            header: {
              type: ['array', 'string'],
              items: { type: 'object', required: ['key'] },
            },
            auth: { $ref: '#/$defs/auth' },
            body: {
              type: 'object',
              properties: {
                mode: { enum: ['raw', 'urlencoded', 'formdata', 'file', 'graphql'] },
              },
            },
            url: {
              type: ['object', 'string'],
              properties: {
                raw: { type: 'string' },
                host: { type: ['array', 'string'] },
                path: { type: ['array', 'string'] },
              },
            },
          },
        },
      },
    },
    auth: {
      type: ['object', 'null'],
      required: ['type'],
      properties: { type: { type: 'string' } },
    },
    event: {
      type: 'object',
      required: ['listen'],
      properties: {
        listen: { type: 'string' },
        script: {
          type: 'object',
          properties: {
            type: { type: 'string' },
            exec: { type: ['array', 'string'], items: { type: 'string' } },
          },
        },
      },
    },
  },
} as const

let compiled: ReturnType<Ajv2020['compile']> | undefined
const validateCore = () => {
  compiled ??= new Ajv2020({ allErrors: false, strict: false }).compile(COLLECTION_CORE_SCHEMA)
  return compiled
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `/item/0/item/2/request` → `"Purchase" › request 3 › request`, naming items where they have names. */
function where(root: unknown, pointer: string): string {
  const parts = pointer.split('/').slice(1)
  const labels: string[] = []
  let node: unknown = root
  for (let i = 0; i < parts.length; i++) {
    const key = parts[i] ?? ''
    const next = parts[i + 1]
    if (key === 'item' && next !== undefined && /^\d+$/.test(next) && isObject(node)) {
      const entry = (node.item as unknown[] | undefined)?.[Number(next)]
      const name = isObject(entry) ? entry.name : undefined
      const kind = isObject(entry) && 'request' in entry ? 'request' : 'item'
      labels.push(
        typeof name === 'string' && name !== ''
          ? JSON.stringify(name)
          : `${kind} ${Number(next) + 1}`,
      )
      node = entry
      i++
      continue
    }
    labels.push(key)
    node = isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : node
  }
  return labels.length === 0 ? 'the top level' : labels.join(' › ')
}

function describeError(root: unknown, error: ErrorObject): string {
  const at = where(root, error.instancePath)
  if (error.keyword === 'required')
    return `${at} has no "${(error.params as { missingProperty: string }).missingProperty}"`
  if (error.keyword === 'type') {
    const types = [(error.params as { type: string | string[] }).type].flat()
    const named = types.map((t) => `${/^[aeiou]/.test(t) ? 'an' : 'a'} ${t}`)
    return `${at} must be ${named.join(' or ')}`
  }
  return `${at} ${error.message ?? 'is malformed'}`
}

/** What is wrong with the value as a collection, or undefined when it is a usable v2.x collection. */
export function collectionProblem(value: unknown): CollectionProblem | undefined {
  if (!isObject(value))
    return {
      problem: 'is not a Postman collection (not a JSON object)',
      hint: 'export a collection from Postman as "Collection v2.1".',
    }
  if (
    Array.isArray(value.requests) ||
    (typeof value.order === 'object' && value.id !== undefined && !('item' in value))
  ) {
    return { problem: 'is a Postman v1 collection', hint: EXPORT_AGAIN }
  }
  if (!isObject(value.info) || !Array.isArray(value.item)) {
    return {
      problem: 'is not a Postman collection (no "info" and "item")',
      hint: 'export a collection from Postman as "Collection v2.1".',
    }
  }
  const schema = String(value.info.schema ?? '')
  if (!/collection\/v2\.[01]\.0/.test(schema)) {
    return {
      problem: `has an unsupported collection schema "${schema || '(none)'}"`,
      hint: 'export it from Postman as "Collection v2.1".',
    }
  }
  const validate = validateCore()
  if (validate(value)) return undefined
  const error = (validate.errors ?? []).find((e) => e.keyword !== 'if')
  return {
    problem: `is not a valid v2.1 collection: ${error === undefined ? 'its structure is malformed' : describeError(value, error)}`,
    hint: `fix that entry, or ${EXPORT_AGAIN}`,
  }
}

/**
 * Returns the value as a collection, or throws a config error (exit 2) that names the file, says
 * what is wrong and how to fix it: `Failed to <action>: <source> is a Postman v1 collection.`
 */
export function assertCollection(
  value: unknown,
  context: { action: string; source: string },
): PostmanCollection {
  const found = collectionProblem(value)
  if (found === undefined) return value as PostmanCollection
  throw new HarnessError(
    'CONFIG_BAD_ENVIRONMENT_FILE',
    `Failed to ${context.action}: ${context.source} ${found.problem}.`,
    { hint: found.hint },
  )
}
