/**
 * Forward-only cursor pagination over an ordered list: `limit` and `starting_after` in, one page
 * of `{object: 'list', items, next_page, url}` out. It names no API; a caller turns a refused
 * parameter into its own API's 400.
 */

/** The default page size when `limit` is absent. */
export const DEFAULT_PAGE_LIMIT = 20

/** The query parameters a list request sent, as read from the URL (absent or raw strings). */
export interface PageQuery {
  limit?: string | undefined
  starting_after?: string | undefined
}

/** What to build the page's links from. */
export interface PageOptions {
  /** The list's path, base path included and no query (`/v2/projects/p1/customers`). */
  url: string
  /**
   * Further query parameters the next page must repeat (a search term, `expand`), in order.
   * `limit` and `starting_after` are added by paginate itself.
   */
  carry?: ReadonlyArray<readonly [string, string]>
}

/** One page of a list, in the wire shape. */
export interface ListPage<T> {
  object: 'list'
  items: T[]
  /** The path of the next page, or null on the last page. */
  next_page: string | null
  url: string
}

/** A parameter paginate refused, for the caller's own error envelope. */
export interface PageFailure {
  param: 'limit' | 'starting_after'
  message: string
}

/** A page, or the parameter that made one impossible. */
export type PageOutcome<T> = { ok: true; page: ListPage<T> } | { ok: false; failure: PageFailure }

/**
 * Cuts one page out of `items` (already in list order). An unknown `starting_after` is refused
 * rather than guessed at: the list cannot tell where a vanished item stood.
 *
 * @example
 * paginate([{ id: 'a' }, { id: 'b' }], { limit: '1' }, { url: '/v2/things' })
 * // { ok: true, page: { object: 'list', items: [{ id: 'a' }],
 * //   next_page: '/v2/things?starting_after=a&limit=1', url: '/v2/things' } }
 */
export function paginate<T extends { readonly id: string }>(
  items: readonly T[],
  query: PageQuery,
  options: PageOptions,
): PageOutcome<T> {
  const limit = parseLimit(query.limit)
  if (limit === undefined) {
    const message = `limit must be a whole number from 1, not "${query.limit}".`
    return { ok: false, failure: { param: 'limit', message } }
  }
  let start = 0
  const after = query.starting_after
  if (after !== undefined) {
    const index = items.findIndex((item) => item.id === after)
    if (index === -1) {
      const message = `starting_after "${after}" is not the id of an item of this list.`
      return { ok: false, failure: { param: 'starting_after', message } }
    }
    start = index + 1
  }
  const pageItems = items.slice(start, start + limit)
  const last = pageItems.at(-1)
  const more = start + limit < items.length
  const next_page =
    more && last !== undefined
      ? nextPageUrl(options, last.id, query.limit === undefined ? undefined : limit)
      : null
  return { ok: true, page: { object: 'list', items: pageItems, next_page, url: options.url } }
}

/** The limit as a number, the default when absent, undefined when it is not a whole number ≥ 1. */
function parseLimit(raw: string | undefined): number | undefined {
  if (raw === undefined) return DEFAULT_PAGE_LIMIT
  if (!/^\d+$/.test(raw)) return undefined
  const limit = Number(raw)
  return Number.isSafeInteger(limit) && limit >= 1 ? limit : undefined
}

function nextPageUrl(options: PageOptions, lastId: string, limit: number | undefined): string {
  const params: Array<readonly [string, string]> = [['starting_after', lastId]]
  if (limit !== undefined) params.push(['limit', String(limit)])
  params.push(...(options.carry ?? []))
  const query = params
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&')
  return `${options.url}?${query}`
}
