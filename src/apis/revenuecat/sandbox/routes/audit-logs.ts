/** The Audit Log operations: the project's configuration changes, newest first (S-46). */
import { isFailure } from '../errors.ts'
import { auditLogsIn } from '../projects.ts'
import { apiPath, auditLogWire } from '../views.ts'
import { fail, pageOf, projectOf, readQuery } from './helpers.ts'
import type { RouteTable } from './table.ts'

/** Declares the Audit Log operations. */
export function auditLogsRoutes(table: RouteTable): void {
  /** operationId: list-audit-logs */
  table.route('list-audit-logs', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const { id, data } = route.project
    const range = {
      start_date: query.value.get('start_date'),
      end_date: query.value.get('end_date'),
    }
    const entries = auditLogsIn(data, range)
    if (isFailure(entries)) return fail(c, entries)
    const carry = (['start_date', 'end_date'] as const).flatMap((name) => {
      const value = range[name]
      return value === undefined ? [] : [[name, value] as const]
    })
    return pageOf(
      c,
      entries.map((entry) => ({ key: entry.id, wire: auditLogWire(id, entry) })),
      apiPath(id, 'audit_logs'),
      carry,
    )
  })
}
