/** The Audit Log operations; none is emulated yet, so each answers 501 (table.ts). */
import { notEmulated, type RouteTable } from './table.ts'

/** Declares the Audit Log operations. */
export function auditLogsRoutes(table: RouteTable): void {
  /** operationId: list-audit-logs */
  table.route('list-audit-logs', notEmulated)
}
