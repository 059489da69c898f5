/** The Charts & Metrics operations; none is emulated yet, so each answers 501 (table.ts). */
import { notEmulated, type RouteTable } from './table.ts'

/** Declares the Charts & Metrics operations. */
export function chartsMetricsRoutes(table: RouteTable): void {
  /** operationId: get-overview-metrics */
  table.route('get-overview-metrics', notEmulated)
  /** operationId: get-chart-data */
  table.route('get-chart-data', notEmulated)
  /** operationId: get-chart-options */
  table.route('get-chart-options', notEmulated)
}
