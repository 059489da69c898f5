/**
 * Walks a cursor-paginated list to its end through the client: every page of
 * `{object: 'list', items, next_page, url}` (RevenueCat's lists), following `next_page` until it
 * is null or absent. The suites use it to read a whole list; it stops, with the reason, on a page
 * that is not a list, a next page at another path, a cursor that repeats, or too many pages.
 */
import type { Exchange } from '../exchange.ts'
import type { CallInput, Client } from './create-client.ts'

/** What a walk read. */
export interface Walk {
  /** Every page's exchange, in order (each one checkable against the contract). */
  pages: Exchange[]
  /** The items of every page, in order. */
  items: unknown[]
  /** Why the walk stopped before the last page; undefined when it reached it. */
  stopped?: string
}

interface ListBody {
  object?: unknown
  items?: unknown
  next_page?: unknown
}

/** Reads every page of a list operation; `maxPages` bounds a list that never ends (default 100). */
export async function walkPages(
  client: Pick<Client, 'call'>,
  operationId: string,
  input: CallInput = {},
  options: { maxPages?: number } = {},
): Promise<Walk> {
  const maxPages = options.maxPages ?? 100
  const walk: Walk = { pages: [], items: [] }
  const seen = new Set<string>()
  let query: CallInput['query'] = input.query
  let listPath: string | undefined
  for (;;) {
    const page = await client.call(operationId, {
      ...input,
      ...(query === undefined ? {} : { query }),
    })
    walk.pages.push(page)
    const body = page.response.json as ListBody | undefined
    if (page.response.status !== 200 || body?.object !== 'list' || !Array.isArray(body.items)) {
      walk.stopped = `page ${walk.pages.length} is not a list (status ${page.response.status})`
      return walk
    }
    walk.items.push(...body.items)
    listPath ??= new URL(page.request.url).pathname
    if (body.next_page === null || body.next_page === undefined) return walk
    if (typeof body.next_page !== 'string') {
      walk.stopped = `page ${walk.pages.length} has a next_page that is not a string`
      return walk
    }
    const next = new URL(body.next_page, page.request.url)
    if (next.pathname !== listPath) {
      walk.stopped = `page ${walk.pages.length}'s next_page points at ${next.pathname}, not at the list ${listPath}`
      return walk
    }
    const cursor = next.searchParams.toString()
    if (seen.has(cursor)) {
      walk.stopped = `page ${walk.pages.length}'s next_page repeats an earlier cursor (${cursor})`
      return walk
    }
    seen.add(cursor)
    if (walk.pages.length >= maxPages) {
      walk.stopped = `the list has more than ${maxPages} pages`
      return walk
    }
    query = Object.fromEntries(next.searchParams)
  }
}
