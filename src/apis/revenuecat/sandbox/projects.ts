/**
 * Projects, collaborators and the audit log, free of HTTP: a project a key creates (open to that
 * key only, S-45), and the audit log read newest first within a date range (S-46).
 */
import { recordChange } from './audit.ts'
import { type RevenueCatFailure, revenuecatFailure } from './errors.ts'
import type { AuditLogRecord, CollaboratorRecord, ProjectData } from './model.ts'
import { addProject, type ProjectRecord, type RevenueCatState } from './state.ts'

/** A new project id in RevenueCat's style: `proj` and eight hex digits, unused in the store. */
export function newProjectId(state: RevenueCatState): string {
  for (;;) {
    const id = `proj${state.store.ids.token('p').slice(-8)}`
    if (!state.store.projects.has(id)) return id
  }
}

/**
 * Creates an empty project, opens it to the key that created it (and no other key), and records
 * its creation as the first entry of its audit log.
 */
export function createProject(state: RevenueCatState, name: string): ProjectRecord {
  const project = addProject(state.store, { id: newProjectId(state), name })
  state.open(project.id)
  recordChange(
    project.data,
    { action: 'created', targetType: 'project', targetId: project.id },
    { actor: state.keyName, now: project.createdAt, ids: state.store.ids },
  )
  return project
}

/** The project's collaborators, in the order they were invited. */
export function collaboratorsOf(project: ProjectData): CollaboratorRecord[] {
  return [...project.collaborators.values()]
}

const DAY_MS = 86_400_000

/**
 * A `format: date` query value (`2024-01-31`) as the ms of that day's start in UTC, or undefined
 * when it is not a calendar date in that form.
 */
export function dayStart(value: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (match === null) return undefined
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number]
  const ms = Date.UTC(year, month - 1, day)
  const back = new Date(ms)
  if (
    back.getUTCFullYear() !== year ||
    back.getUTCMonth() !== month - 1 ||
    back.getUTCDate() !== day
  )
    return undefined
  return ms
}

/** The range list-audit-logs reads: whole UTC days, both ends included. */
export interface AuditRange {
  start_date?: string | undefined
  end_date?: string | undefined
}

/**
 * The audit log newest first (the spec pages it "in descending order by audit log ID", and ids
 * grow with time, audit.ts), within the range: from the start of `start_date` to the end of
 * `end_date`, in UTC. A value that is not a date is 400 on its parameter, and an end before the
 * start is 400 on `end_date`.
 */
export function auditLogsIn(
  project: ProjectData,
  range: AuditRange,
): AuditLogRecord[] | RevenueCatFailure {
  const bounds: Record<'start_date' | 'end_date', number | undefined> = {
    start_date: undefined,
    end_date: undefined,
  }
  for (const name of ['start_date', 'end_date'] as const) {
    const value = range[name]
    if (value === undefined) continue
    const start = dayStart(value)
    if (start === undefined)
      return revenuecatFailure(
        400,
        'parameter_error',
        `${name} must be a date as YYYY-MM-DD, not "${value}".`,
        name,
      )
    bounds[name] = start
  }
  const from = bounds.start_date
  const until = bounds.end_date === undefined ? undefined : bounds.end_date + DAY_MS
  if (from !== undefined && until !== undefined && until <= from)
    return revenuecatFailure(
      400,
      'parameter_error',
      `end_date (${range.end_date}) is before start_date (${range.start_date}).`,
      'end_date',
    )
  return project.auditLogs
    .filter(
      (e) =>
        (from === undefined || e.occurredAt >= from) &&
        (until === undefined || e.occurredAt < until),
    )
    .reverse()
}
