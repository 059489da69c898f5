/**
 * Webhook integrations, free of HTTP: create, update and delete one, with the checks the contract
 * cannot make (the URL's scheme and host, the app the webhook is scoped to, event types given
 * once). The sandbox keeps the authorization header but never answers it back (views.ts), and
 * it never calls a webhook's URL (DECISIONS S-44).
 */
import type { Ids } from '../../../sandbox/ids.ts'
import { type RevenueCatFailure, revenuecatFailure } from './errors.ts'
import type { Environment, ProjectData, WebhookRecord } from './model.ts'
import { removeFrom } from './model.ts'

/** The body of create-webhook-integration (already checked against the contract). */
export interface WebhookInput {
  name: string
  url: string
  authorization_header?: string | null
  environment?: Environment | null
  event_types?: string[] | null
  app_id?: string | null
}

/** The body of update-webhook-integration: every field optional. */
export type WebhookChanges = Partial<WebhookInput>

const bad = (param: string, message: string) =>
  revenuecatFailure(400, 'parameter_error', message, param)

/**
 * What is wrong with a webhook URL beyond `format: uri`, or undefined: RevenueCat sends an HTTP
 * POST to it, so it must be an absolute `http` or `https` URL with a host and no credentials
 * (those belong in `authorization_header`). Non-public hosts are accepted: the sandbox never
 * sends to them (S-44).
 */
export function urlProblem(url: string): string | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'url must be an absolute URL.'
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return `url must be an http or https URL, not ${parsed.protocol.replace(':', '')}.`
  if (parsed.hostname === '') return 'url must name a host.'
  if (parsed.username !== '' || parsed.password !== '')
    return 'url must not carry credentials; send them in authorization_header.'
  return undefined
}

/** The semantic checks shared by create and update: url, event types, the app. */
function check(project: ProjectData, input: WebhookChanges): RevenueCatFailure | undefined {
  if (input.url !== undefined) {
    const problem = urlProblem(input.url)
    if (problem !== undefined) return bad('url', problem)
  }
  const types = input.event_types
  if (types !== undefined && types !== null) {
    if (types.length === 0)
      return bad(
        'event_types',
        'event_types must name at least one event type; send null for every event type.',
      )
    const repeated = types.find((t, i) => types.indexOf(t) !== i)
    if (repeated !== undefined) return bad('event_types', `event_types names "${repeated}" twice.`)
  }
  const appId = input.app_id
  if (appId !== undefined && appId !== null && !project.apps.has(appId))
    return revenuecatFailure(
      404,
      'resource_missing',
      `App "${appId}" does not exist in this project.`,
      'app_id',
    )
  return undefined
}

/** Creates a webhook integration, or the failure of its checks. */
export function createWebhook(
  project: ProjectData,
  input: WebhookInput,
  now: number,
  ids: Ids,
): WebhookRecord | RevenueCatFailure {
  const problem = check(project, input)
  if (problem !== undefined) return problem
  let id = ids.token('wh')
  while (project.webhooks.has(id)) id = ids.token('wh')
  const webhook: WebhookRecord = {
    id,
    name: input.name,
    url: input.url,
    environment: input.environment ?? null,
    eventTypes:
      input.event_types === undefined || input.event_types === null ? null : [...input.event_types],
    appId: input.app_id ?? null,
    authorizationHeader: input.authorization_header ?? null,
    createdAt: now,
  }
  project.webhooks.set(id, webhook)
  return webhook
}

/**
 * Applies the fields an update gives (null clears a nullable one: no header, both environments,
 * every event type, every app); fields it leaves out keep their value. All checks pass before
 * anything changes.
 */
export function updateWebhook(
  project: ProjectData,
  webhook: WebhookRecord,
  changes: WebhookChanges,
): WebhookRecord | RevenueCatFailure {
  const problem = check(project, changes)
  if (problem !== undefined) return problem
  if (changes.name !== undefined) webhook.name = changes.name
  if (changes.url !== undefined) webhook.url = changes.url
  if (changes.authorization_header !== undefined)
    webhook.authorizationHeader = changes.authorization_header
  if (changes.environment !== undefined) webhook.environment = changes.environment
  if (changes.event_types !== undefined)
    webhook.eventTypes = changes.event_types === null ? null : [...changes.event_types]
  if (changes.app_id !== undefined) webhook.appId = changes.app_id
  return webhook
}

/** Deletes a webhook integration. */
export function deleteWebhook(project: ProjectData, webhook: WebhookRecord): void {
  removeFrom(project, project.webhooks, webhook.id)
}

/** The project's webhook integrations, in creation order. */
export function webhooksOf(project: ProjectData): WebhookRecord[] {
  return [...project.webhooks.values()]
}
