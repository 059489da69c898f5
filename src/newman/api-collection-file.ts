/**
 * Where an API's committed collection lives, and reading it with every check, apart from the
 * runner: reading a collection must not load Newman (about 1.4 s of imports).
 */
import { isAbsolute, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ApiDefinition } from '../api/api-definition.ts'
import type { PostmanCollection } from '../collection/postman.ts'
import { assertCollection } from '../collection/validate-collection.ts'
import { readJsonFile } from '../config/read-json.ts'

/** The project root, which every api.collection.file is relative to. */
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** The absolute path of an API's committed collection. */
export function collectionPath(api: Pick<ApiDefinition, 'collection'>): string {
  const file = api.collection.file
  return isAbsolute(file) ? file : join(PROJECT_ROOT, file)
}

/**
 * Reads and checks an API's collection before any request is sent (default: its committed one):
 * a missing file, bad JSON, a v1 export or a malformed entry is a config error (exit 2) naming
 * the file and the fix.
 */
export function loadApiCollection(
  api: Pick<ApiDefinition, 'collection'>,
  path: string = collectionPath(api),
): PostmanCollection {
  const value = readJsonFile(path, {
    what: 'collection',
    missing: 'run npm run build-collection, or pass the path of an exported v2.1 collection.',
    invalid: 'run npm run build-collection, or export it again from Postman as Collection v2.1.',
  })
  return assertCollection(value, { action: 'read the collection', source: path })
}
