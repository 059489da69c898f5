/** The Integration operations; none is emulated yet, so each answers 501 (table.ts). */
import { notEmulated, type RouteTable } from './table.ts'

/** Declares the Integration operations. */
export function integrationsRoutes(table: RouteTable): void {
  /** operationId: list-webhook-integrations */
  table.route('list-webhook-integrations', notEmulated)
  /** operationId: create-webhook-integration */
  table.route('create-webhook-integration', notEmulated)
  /** operationId: get-webhook-integration */
  table.route('get-webhook-integration', notEmulated)
  /** operationId: update-webhook-integration */
  table.route('update-webhook-integration', notEmulated)
  /** operationId: delete-webhook-integration */
  table.route('delete-webhook-integration', notEmulated)
}
