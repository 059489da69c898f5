/**
 * The Newman stage of a regression: the committed Adapty collection, narrowed to the selected
 * operations, run against the same target as the vitest suites.
 */
import { fileURLToPath } from 'node:url'
import type { PostmanCollection, PostmanFolder, PostmanRequestItem } from '../collection/postman.ts'
import { assertCollection } from '../collection/validate-collection.ts'
import { readJsonFile } from '../config/read-json.ts'
import type { Contract } from '../contract/load-schemas.ts'
import type { RateLimiter } from '../http/rate-limiter.ts'
import { buildEnvironment, type TargetValues } from './environment.ts'
import { type CollectionRunResult, runCollection } from './run-collection.ts'

/** The committed Adapty collection. */
export const ADAPTY_COLLECTION = fileURLToPath(
  new URL('../../collections/adapty-server-side-api.postman_collection.json', import.meta.url),
)

/**
 * Reads and checks a collection before any request is sent: a missing file, bad JSON, a v1
 * export or a malformed entry is a config error (exit 2) naming the file and the fix.
 */
export function loadAdaptyCollection(path: string = ADAPTY_COLLECTION): PostmanCollection {
  const value = readJsonFile(path, {
    what: 'collection',
    missing: 'run npm run build-collection, or pass the path of an exported v2.1 collection.',
    invalid: 'run npm run build-collection, or export it again from Postman as Collection v2.1.',
  })
  return assertCollection(value, { action: 'read the collection', source: path })
}

/** Keeps only the requests of the given operations (by request name), dropping empty folders. */
export function narrowCollection(
  collection: PostmanCollection,
  operationIds: ReadonlySet<string>,
): PostmanCollection {
  const keep = (
    items: Array<PostmanFolder | PostmanRequestItem>,
  ): Array<PostmanFolder | PostmanRequestItem> =>
    items.flatMap((item): Array<PostmanFolder | PostmanRequestItem> => {
      if ('request' in item)
        return operationIds.has(item.name.split(':')[0]?.trim() ?? '') ? [item] : []
      const children = keep(item.item)
      return children.length === 0 ? [] : [{ ...item, item: children as PostmanRequestItem[] }]
    })
  return { ...collection, item: keep(collection.item) }
}

/** How many requests a list of collection items holds, folders included. */
export function countRequests(items: ReadonlyArray<PostmanFolder | PostmanRequestItem>): number {
  return items.reduce((n, item) => n + ('request' in item ? 1 : countRequests(item.item)), 0)
}

/** Runs the Adapty collection for the selected operations against the target values. */
export function runAdaptyCollection(options: {
  values: TargetValues
  runId: string
  operationIds: ReadonlySet<string>
  contract: Contract
  /** The collection, as loadAdaptyCollection() returned it (default: load the committed one). */
  collection?: PostmanCollection
  /** Paces every request Newman sends (see RunCollectionOptions); undefined: unpaced. */
  requestsPerSecond?: number
  /** A limiter to pace with instead of requestsPerSecond (one pace shared with other clients). */
  limiter?: RateLimiter
  bail?: boolean
  onItemDone?: (item: { name: string; failed: boolean }) => void
  /** Told how many requests the narrowed collection holds, before it runs. */
  onStart?: (requests: number) => void
  /** Aborting it stops the run: requests not yet sent fail at once. */
  signal?: AbortSignal
}): Promise<CollectionRunResult> {
  const collection = narrowCollection(
    options.collection ?? loadAdaptyCollection(),
    options.operationIds,
  )
  options.onStart?.(countRequests(collection.item))
  return runCollection({
    api: 'adapty',
    collection,
    environment: buildEnvironment(options.values, options.runId),
    contract: options.contract,
    ...(options.bail === undefined ? {} : { bail: options.bail }),
    ...(options.requestsPerSecond === undefined
      ? {}
      : { requestsPerSecond: options.requestsPerSecond }),
    ...(options.limiter === undefined ? {} : { limiter: options.limiter }),
    ...(options.onItemDone === undefined ? {} : { onItemDone: options.onItemDone }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  })
}
