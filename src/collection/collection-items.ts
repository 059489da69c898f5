/**
 * The one walk over a collection's items, shared by the Newman runner, the drift gate and the
 * importer: flatten, narrow, count, and the path and operation of a request item. Lenient as the
 * format is (a url may be a string, folders may nest), so it also reads exported collections.
 */
import type { ApiDefinition } from '../api/api-definition.ts'
import { indexOf, type OperationMatch } from '../registry/operations.ts'
import type { PostmanCollection, PostmanFolder, PostmanRequestItem } from './postman.ts'

/** A collection's entries: request items and folders. */
export type CollectionEntry = PostmanFolder | PostmanRequestItem

/** What a walk needs of an API: its operations and the path they are relative to. */
export type MatchedApi = Pick<ApiDefinition, 'name' | 'operations' | 'basePath'>

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** An entry with a `request` object is a request item; anything else with an `item` list a folder. */
function isRequestItem(entry: unknown): entry is PostmanRequestItem {
  return isObject(entry) && 'request' in entry && isObject(entry.request)
}

/** Calls `visit` for every request item, depth first, with the name of the folder it is in. */
export function walkRequests(
  items: readonly unknown[],
  visit: (item: PostmanRequestItem, folder: string) => void,
  folder = '',
): void {
  for (const entry of items) {
    if (isRequestItem(entry)) visit(entry, folder)
    else if (isObject(entry) && Array.isArray(entry.item))
      walkRequests(entry.item, visit, String(entry.name ?? ''))
  }
}

/** Flattens the collection into its request items (folders may nest). */
export function requestItems(collection: Pick<PostmanCollection, 'item'>): PostmanRequestItem[] {
  const out: PostmanRequestItem[] = []
  walkRequests(collection.item, (item) => out.push(item))
  return out
}

/** How many requests a list of collection items holds, folders included. */
export function countRequests(items: readonly unknown[]): number {
  let n = 0
  walkRequests(items, () => {
    n += 1
  })
  return n
}

/** The operationId a request is named by: `getProfile` and `getProfile: no auth` both name getProfile. */
export function operationIdOf(requestName: string): string {
  return requestName.split(':')[0]?.trim() ?? ''
}

/** Keeps only the requests of the given operations (by request name), dropping empty folders. */
export function narrowCollection(
  collection: PostmanCollection,
  operationIds: ReadonlySet<string>,
): PostmanCollection {
  const keep = (items: readonly CollectionEntry[]): CollectionEntry[] =>
    items.flatMap((item): CollectionEntry[] => {
      if ('request' in item) return operationIds.has(operationIdOf(item.name)) ? [item] : []
      const children = keep(item.item)
      return children.length === 0 ? [] : [{ ...item, item: children as PostmanRequestItem[] }]
    })
  return { ...collection, item: keep(collection.item) }
}

/**
 * The units a sharded run splits a collection into: its top-level entries, each a folder (kept
 * whole, so a chain inside it stays together) or a request of its own, with how many requests
 * each holds. In collection order.
 */
export function collectionUnits(
  collection: Pick<PostmanCollection, 'item'>,
): Array<{ name: string; requests: number }> {
  return collection.item.map((entry) => ({
    name: String((entry as { name?: unknown }).name ?? ''),
    requests: isRequestItem(entry) ? 1 : countRequests([entry]),
  }))
}

/** The collection with only the top-level entries (folders or requests) named in `units`. */
export function narrowToUnits(
  collection: PostmanCollection,
  units: ReadonlySet<string>,
): PostmanCollection {
  return {
    ...collection,
    item: collection.item.filter((entry) =>
      units.has(String((entry as { name?: unknown }).name ?? '')),
    ),
  }
}

/**
 * Each request's position in the whole collection, by name: the order a report lists Newman's
 * records in, whichever part of the collection a run (or a shard of it) ran.
 */
export function requestPositions(
  collection: Pick<PostmanCollection, 'item'>,
): ReadonlyMap<string, number> {
  const positions = new Map<string, number>()
  walkRequests(collection.item, (item) => {
    if (!positions.has(item.name)) positions.set(item.name, positions.size)
  })
  return positions
}

/**
 * The path template of a request item, `{param}` for every `:param` or `{{variable}}` segment:
 * from `url.path` when the url is an object, else from the string after its host or leading
 * `{{base_url}}`. It is the path after the host, so it carries the API's base path only where the
 * url spells it out (see operationPath).
 */
export function pathOf(item: PostmanRequestItem): string {
  const url = item.request.url as PostmanRequestItem['request']['url'] | string | undefined
  let segments: string[]
  if (typeof url === 'string') {
    const raw = url.replace(/^\{\{[^}]+\}\}/, '').replace(/^https?:\/\/[^/]+/, '')
    segments = raw.split('?')[0]?.split('/') ?? []
  } else {
    const path = url?.path as string[] | string | undefined
    segments = typeof path === 'string' ? path.split('/') : (path ?? [])
  }
  const path = segments
    .filter((s, i) => s !== '' || i === segments.length - 1)
    .map((s) => s.replace(/^:(.+)$/, '{$1}').replace(/^\{\{(.+)\}\}$/, '{$1}'))
    .join('/')
  return `/${path}`.replace(/\/+/g, '/')
}

/** A concrete path for a template (every `{param}` filled), to match against the registry. */
export function concretePath(template: string): string {
  return template.replace(/\{[^}]+\}/g, 'param')
}

/**
 * A URL path relative to the API's base path, as its operations write paths: `/v2/projects/x`
 * is `/projects/x` for RevenueCat (basePath `/v2`). A path without the base path is taken as
 * relative already (a request whose `{{base_url}}` ends with it).
 */
export function operationPath(api: Pick<ApiDefinition, 'basePath'>, urlPath: string): string {
  const base = api.basePath
  if (base === '') return urlPath
  if (urlPath === base) return '/'
  return urlPath.startsWith(`${base}/`) ? urlPath.slice(base.length) : urlPath
}

/** The operation of the API a request line is, with the base path stripped from the URL path. */
export function matchRequest(api: MatchedApi, method: string, urlPath: string): OperationMatch {
  return indexOf(api.operations).match(api.name, method, operationPath(api, urlPath))
}
