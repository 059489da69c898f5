/**
 * The Newman stage of a regression for one API: its committed collection, narrowed to the
 * selected operations, run against the same target as the vitest suites.
 */
import { isAbsolute, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ApiDefinition } from '../api/api-definition.ts'
import { countRequests, narrowCollection } from '../collection/collection-items.ts'
import type { PostmanCollection } from '../collection/postman.ts'
import { assertCollection } from '../collection/validate-collection.ts'
import { readJsonFile } from '../config/read-json.ts'
import type { Contract } from '../contract/load-schemas.ts'
import type { RateLimiter } from '../http/rate-limiter.ts'
import { buildEnvironment, type EnvironmentApi, type EnvironmentValues } from './environment.ts'
import { type CollectionRunApi, type CollectionRunResult, runCollection } from './run-collection.ts'

/** What a run of an API's collection needs of the API. */
export type CollectionApi = CollectionRunApi & EnvironmentApi

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

/** How to run one API's collection. */
export interface ApiCollectionRunOptions {
  api: CollectionApi
  /** The collection, as loadApiCollection(api) returned it (default: load the committed one). */
  collection?: PostmanCollection
  /** The target's values by variable name (`ADAPTY_BASE_URL`, …): a sandbox's `values` or .env's. */
  environmentValues: EnvironmentValues
  /** The run's id, for the collection's run_id variable (when it declares one). */
  runId: string
  /** The operations to run: the requests named by them (variants included) stay. */
  operationIds: ReadonlySet<string>
  contract: Contract
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
}

/** Runs an API's collection for the selected operations against the target values. */
export function runApiCollection(options: ApiCollectionRunOptions): Promise<CollectionRunResult> {
  const { api } = options
  const collection = narrowCollection(
    options.collection ?? loadApiCollection(api),
    options.operationIds,
  )
  options.onStart?.(countRequests(collection.item))
  return runCollection({
    api,
    collection,
    environment: buildEnvironment(api, options.environmentValues, options.runId),
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
