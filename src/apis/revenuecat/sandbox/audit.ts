/**
 * The audit log: every configuration write that succeeds records one entry here (list-audit-logs
 * answers them). The actor is the API key that made the change. Ids grow with time (`log`, the
 * entry's place in the project's log, a random tail), so the spec's "descending order by audit
 * log ID" is newest first (S-46).
 */
import type { Ids } from '../../../sandbox/ids.ts'
import type { AuditLogRecord, ProjectData } from './model.ts'

/** What changed: `created`, `updated`, `deleted`, `attached`, `detached`, … of one target. */
export interface Change {
  action: 'created' | 'updated' | 'deleted' | 'attached' | 'detached' | string
  /** The object kind, as its wire `object` names it (`entitlement`, `app`, `offering`, …). */
  targetType: string
  targetId: string
  additionalData?: Record<string, unknown>
}

/**
 * Records one change made by `actor` at `now` (ms): an API key (its seed name) unless the seed's
 * history says a dashboard user or RevenueCat itself (`system`) made it.
 */
export function recordChange(
  data: ProjectData,
  change: Change,
  context: {
    actor: string
    now: number
    /** The random tail of the id; a seeded entry has none (its tail is `5eed00`). */
    ids?: Ids
    actorType?: AuditLogRecord['actorType']
  },
): AuditLogRecord {
  const place = String(data.auditLogs.length + 1).padStart(9, '0')
  const entry: AuditLogRecord = {
    id: `log${place}${context.ids?.token('log').slice(-6) ?? '5eed00'}`,
    actionType: `${change.targetType}.${change.action}`,
    targetType: change.targetType,
    targetIdentifier: change.targetId,
    actorType: context.actorType ?? 'api_key',
    actorIdentifier: context.actor,
    occurredAt: context.now,
    additionalData: change.additionalData ?? {},
  }
  data.auditLogs.push(entry)
  return entry
}
