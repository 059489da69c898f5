/** The Product operations; none is emulated yet, so each answers 501 (table.ts). */
import { notEmulated, type RouteTable } from './table.ts'

/** Declares the Product operations. */
export function productsRoutes(table: RouteTable): void {
  /** operationId: get-product */
  table.route('get-product', notEmulated)
  /** operationId: delete-product */
  table.route('delete-product', notEmulated)
  /** operationId: create-product-in-store */
  table.route('create-product-in-store', notEmulated)
  /** operationId: list-products */
  table.route('list-products', notEmulated)
  /** operationId: create-product */
  table.route('create-product', notEmulated)
}
