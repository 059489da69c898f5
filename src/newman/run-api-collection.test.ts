// The collection is read and checked before any request: every problem is a config error (exit 2
// through the CLI) naming the file, what is wrong and the fix; never a TypeError from deep inside.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { apiNamed } from '../apis/all.ts'
import { countRequests, narrowCollection } from '../collection/collection-items.ts'
import { HarnessError } from '../errors.ts'
import { collectionPath, loadApiCollection } from './api-collection-file.ts'

const adapty = apiNamed('adapty')
const ADAPTY_COLLECTION = collectionPath(adapty)
const committed = () => JSON.parse(readFileSync(ADAPTY_COLLECTION, 'utf8'))

function written(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'subcontract-collection-')), 'c.json')
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content))
  return path
}

function problemOf(path: string): HarnessError {
  try {
    loadApiCollection(adapty, path)
  } catch (error) {
    if (error instanceof HarnessError) return error
    throw error
  }
  throw new Error(`${path} was accepted`)
}

describe('loadApiCollection', () => {
  it("loads the API's committed collection (api.collection.file)", () => {
    expect(ADAPTY_COLLECTION).toMatch(/\/collections\/adapty\.postman_collection\.json$/)
    const collection = loadApiCollection(adapty)
    expect(countRequests(collection.item)).toBeGreaterThanOrEqual(19)
  })

  it('names a missing file and how to rebuild it', () => {
    const error = problemOf('/nonexistent/adapty.postman_collection.json')
    expect(error.code).toBe('CONFIG_BAD_ENVIRONMENT_FILE')
    expect(error.describe()).toBe(
      'Failed to read the collection: /nonexistent/adapty.postman_collection.json does not exist.\nFix: run npm run build-collection, or pass the path of an exported v2.1 collection.',
    )
  })

  it('names a truncated file as not JSON', () => {
    const path = written(readFileSync(ADAPTY_COLLECTION, 'utf8').slice(0, 500))
    expect(problemOf(path).message).toBe(
      `Failed to read the collection: ${path} is not valid JSON.`,
    )
  })

  it('recognises a v1 export instead of crashing on it', () => {
    const path = written({ id: 'x', name: 'old', order: [], folders: [], requests: [] })
    expect(problemOf(path).describe()).toBe(
      `Failed to read the collection: ${path} is a Postman v1 collection.\nFix: open it in Postman and export it again as "Collection v2.1".`,
    )
  })

  it.each([
    [
      'no item array',
      (c: Record<string, unknown>) => delete c.item,
      'is not a Postman collection (no "info" and "item")',
    ],
    [
      'an unknown schema version',
      (c: { info: { schema: string } }) => {
        c.info.schema = 'https://schema.getpostman.com/json/collection/v3/collection.json'
      },
      'has an unsupported collection schema "https://schema.getpostman.com/json/collection/v3/collection.json"',
    ],
    [
      'a request without a name',
      (c: { item: Array<{ item: Array<{ name?: string }> }> }) => {
        delete c.item[0]?.item[1]?.name
      },
      'is not a valid v2.1 collection: "Purchase" › request 2 has no "name"',
    ],
    [
      'a folder whose item is not a list',
      (c: { item: Array<{ item: unknown }> }) => {
        const folder = c.item[2]
        if (folder !== undefined) folder.item = { name: 'x' }
      },
      'is not a valid v2.1 collection: "Stripe" › item must be an array',
    ],
    [
      'a request that is a number',
      (c: { item: Array<{ item: unknown[] }> }) => {
        c.item[1]?.item.splice(0, 1, { name: 'odd', request: 42 })
      },
      'is not a valid v2.1 collection: "Refund Saver" › "odd" › request must be an object or a string',
    ],
  ])('rejects %s with the place it is wrong', (_, edit, problem) => {
    const collection = committed()
    edit(collection)
    const path = written(collection)
    expect(problemOf(path).message).toBe(`Failed to read the collection: ${path} ${problem}.`)
  })
})

describe('narrowCollection', () => {
  it('keeps the requests of the selected operations and drops empty folders', () => {
    const narrowed = narrowCollection(loadApiCollection(adapty), new Set(['getProfile']))
    expect(narrowed.item.map((f) => f.name)).toEqual(['Profile'])
    expect(countRequests(narrowed.item)).toBe(3)
  })
})
