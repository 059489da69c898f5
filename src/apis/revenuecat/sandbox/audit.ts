/**
 * The audit log: every configuration write that succeeds records one entry here (list-audit-logs
 * answers them). The actor is the API key that made the change.
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

/** Records one change made by the key `actor` at `now` (ms). */
export function recordChange(
  data: ProjectData,
  change: Change,
  context: { actor: string; now: number; ids: Ids },
): AuditLogRecord {
  const entry: AuditLogRecord = {
    id: context.ids.token('audit'),
    actionType: `${change.targetType}.${change.action}`,
    targetType: change.targetType,
    targetIdentifier: change.targetId,
    actorType: 'api_key',
    actorIdentifier: context.actor,
    occurredAt: context.now,
    additionalData: change.additionalData ?? {},
  }
  data.auditLogs.push(entry)
  return entry
}
