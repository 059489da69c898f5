/** The Project operations; none is emulated yet, so each answers 501 (table.ts). */
import { notEmulated, type RouteTable } from './table.ts'

/** Declares the Project operations. */
export function projectsRoutes(table: RouteTable): void {
  /** operationId: list-projects */
  table.route('list-projects', notEmulated)
  /** operationId: create-project */
  table.route('create-project', notEmulated)
}
