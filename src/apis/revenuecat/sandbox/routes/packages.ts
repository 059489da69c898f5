/** The Package operations; none is emulated yet, so each answers 501 (table.ts). */
import { notEmulated, type RouteTable } from './table.ts'

/** Declares the Package operations. */
export function packagesRoutes(table: RouteTable): void {
  /** operationId: get-package */
  table.route('get-package', notEmulated)
  /** operationId: update-package */
  table.route('update-package', notEmulated)
  /** operationId: delete-package-from-offering */
  table.route('delete-package-from-offering', notEmulated)
  /** operationId: list-packages */
  table.route('list-packages', notEmulated)
  /** operationId: create-packages */
  table.route('create-packages', notEmulated)
  /** operationId: get-products-from-package */
  table.route('get-products-from-package', notEmulated)
  /** operationId: attach-products-to-package */
  table.route('attach-products-to-package', notEmulated)
  /** operationId: detach-products-from-package */
  table.route('detach-products-from-package', notEmulated)
}
