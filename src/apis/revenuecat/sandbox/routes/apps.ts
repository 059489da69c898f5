/** The App operations; none is emulated yet, so each answers 501 (table.ts). */
import { notEmulated, type RouteTable } from './table.ts'

/** Declares the App operations. */
export function appsRoutes(table: RouteTable): void {
  /** operationId: list-app-public-api-keys */
  table.route('list-app-public-api-keys', notEmulated)
  /** operationId: list-apps */
  table.route('list-apps', notEmulated)
  /** operationId: create-app */
  table.route('create-app', notEmulated)
  /** operationId: get-app */
  table.route('get-app', notEmulated)
  /** operationId: update-app */
  table.route('update-app', notEmulated)
  /** operationId: delete-app */
  table.route('delete-app', notEmulated)
  /** operationId: get-app-storekit-config */
  table.route('get-app-storekit-config', notEmulated)
}
