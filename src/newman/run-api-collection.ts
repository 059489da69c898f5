/**
 * The Newman stage of a regression for one API: its committed collection, narrowed to the
 * selected operations, run against the same target as the vitest suites.
 */
import {
  countRequests,
  narrowCollection,
  narrowToUnits,
  requestPositions,
} from '../collection/collection-items.ts'
import type { PostmanCollection } from '../collection/postman.ts'
import type { Contract } from '../contract/load-schemas.ts'
import type { RateLimiter } from '../http/rate-limiter.ts'
import { loadApiCollection } from './api-collection-file.ts'
import { buildEnvironment, type EnvironmentApi, type EnvironmentValues } from './environment.ts'
import { type CollectionRunApi, type CollectionRunResult, runCollection } from './run-collection.ts'

/** What a run of an API's collection needs of the API. */
export type CollectionApi = CollectionRunApi & EnvironmentApi

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
  /** Only these top-level folders (or requests) of the collection: a shard's part (--shard). */
  units?: ReadonlySet<string>
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
export async function runApiCollection(
  options: ApiCollectionRunOptions,
): Promise<CollectionRunResult> {
  const { api } = options
  const whole = options.collection ?? loadApiCollection(api)
  const selected = narrowCollection(whole, options.operationIds)
  const collection = options.units === undefined ? selected : narrowToUnits(selected, options.units)
  options.onStart?.(countRequests(collection.item))
  // Records carry their place in the whole collection, so a shard's records and a whole run's
  // sort the same way (see orderTests).
  const positions = requestPositions(whole)
  const result = await runCollection({
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
  for (const record of result.records) {
    const position = positions.get(record.name)
    if (position !== undefined) record.order = position
  }
  return result
}
