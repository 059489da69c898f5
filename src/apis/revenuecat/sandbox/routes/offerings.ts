/** The Offering operations; none is emulated yet, so each answers 501 (table.ts). */
import { notEmulated, type RouteTable } from './table.ts'

/** Declares the Offering operations. */
export function offeringsRoutes(table: RouteTable): void {
  /** operationId: get-offering */
  table.route('get-offering', notEmulated)
  /** operationId: update-offering */
  table.route('update-offering', notEmulated)
  /** operationId: delete-offering */
  table.route('delete-offering', notEmulated)
  /** operationId: list-offerings */
  table.route('list-offerings', notEmulated)
  /** operationId: create-offering */
  table.route('create-offering', notEmulated)
}
