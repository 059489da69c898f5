// What the webhook integration, project, collaborator and audit log suites share: a run-scoped
// webhook (its `name` is the run's label, so a remote run's teardown finds and deletes it), its
// path, an app of the target's project, and the seeded objects the sandbox-only cases read.
import { expect } from 'vitest'
import { bodyOf, itemsOf, projectPath, runLabel } from './revenuecat-data.ts'
import type { Target } from './target.ts'

/** A webhook integration as the API answers it. */
export interface Webhook {
  object: string
  id: string
  project_id: string
  name: string
  url: string
  environment: string | null
  event_types: string[] | null
  app_id: string | null
  created_at: number
}

/** A list page. */
export interface Page<T> {
  object: string
  items: T[]
  next_page: string | null
  url: string
}

/** Seeded objects of the sandbox's project (sandbox only). */
export const SANDBOX_CONFIG = {
  /** The Web Billing app. */
  webApp: 'app5eed0003',
  /** The other project's app: never an app of the main project. */
  otherProjectApp: 'app5eed0901',
  /** Scoped to the Web Billing app, production, four event types, with an authorization header. */
  scopedWebhook: 'wh5eed0001',
  /** Every app, both environments, every event type. */
  plainWebhook: 'wh5eed0002',
  /** The authorization header the scoped webhook keeps (never answered back). */
  webhookSecret: 'subcontract-seed-webhook-secret',
  collaborators: ['collab5eed0001', 'collab5eed0002', 'collab5eed0003'],
} as const

/** The path of the target's project. */

/** The path of one webhook integration of the target's project. */
export const webhookPath = (api: Target, id: string) => ({
  ...projectPath(api),
  webhook_integration_id: id,
})

/** A URL for a test webhook: a documentation host (RFC 2606) the target may send to harmlessly. */
export const hookUrl = (label: string) => `https://example.com/subcontract/${label}`

/**
 * An app of the target's project: on the sandbox its seeded Web Billing app, on a real project
 * the first app list-apps answers.
 */
export async function anyAppId(api: Target): Promise<string> {
  if (api.isLocal) return SANDBOX_CONFIG.webApp
  const res = await api.call('list-apps', { path: projectPath(api), query: { limit: 1 } })
  expect(res, 'list-apps for an app of the project').toMatchContract(200)
  const id = itemsOf<{ id: string }>(res)[0]?.id
  if (id === undefined) throw new Error('the target project has no app for the webhook tests')
  return id
}

/**
 * Creates a webhook integration named with the run's label (sandbox events only, unless `body`
 * says otherwise); answers it. The test deletes it with deleteTestWebhook.
 */
export async function createTestWebhook(
  api: Target,
  body: Record<string, unknown> = {},
): Promise<Webhook> {
  const name = runLabel(api)
  const res = await api.call('create-webhook-integration', {
    path: projectPath(api),
    body: { name, url: hookUrl(name), environment: 'sandbox', ...body },
  })
  expect(res, 'create-webhook-integration for a test webhook').toMatchContract(201)
  return bodyOf<Webhook>(res)
}

/** Deletes a test webhook (200), or finds it gone already (404). */
export async function deleteTestWebhook(api: Target, id: string): Promise<void> {
  const res = await api.call('delete-webhook-integration', { path: webhookPath(api, id) })
  expect([200, 404], 'delete-webhook-integration of a test webhook').toContain(res.response.status)
}

/** The query of a next_page link (`/v2/…?starting_after=…&limit=…`). */
export function queryOf(nextPage: string): Record<string, string> {
  return Object.fromEntries(new URL(nextPage, 'http://next.invalid').searchParams)
}

/**
 * Walks every page of a list at `limit` from the first; answers the items in order. Each page
 * is checked against the contract and its size; it stops when `until` holds of the items seen
 * (other files may add items after them meanwhile) or the last page came.
 */
export async function walk<T>(
  api: Target,
  op: string,
  path: Record<string, string>,
  query: Record<string, string | number>,
  until: (seen: T[]) => boolean = () => false,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = []
  let pages = 0
  let next: Record<string, string | number> = query
  for (;;) {
    const res = await api.call(op, { path, query: next })
    expect(res).toMatchContract(200)
    const page = bodyOf<Page<T>>(res)
    pages += 1
    expect(page.items.length).toBeLessThanOrEqual(Number(query.limit ?? 20))
    items.push(...page.items)
    if (page.next_page === null || until(items)) return { items, pages }
    next = queryOf(page.next_page)
    expect(next.limit).toBe(String(query.limit))
  }
}
