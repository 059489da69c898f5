/**
 * The Charts & Metrics operations: the overview and the charts, computed from the project's state
 * at request time on the sandbox clock (charts.ts). The charts_metrics rate limit (5 a minute) is
 * the rate-limit middleware's, per key, like every domain's.
 */
import {
  chartData,
  chartOf,
  chartOptions,
  currencySymbol,
  overviewMetrics,
  readChartRequest,
} from '../charts.ts'
import { isFailure, revenuecatFailure } from '../errors.ts'
import { chartDataWire, chartOptionsWire, overviewMetricsWire } from '../views.ts'
import { fail, nowOf, ok, projectOf, readQuery } from './helpers.ts'
import type { RouteTable } from './table.ts'

/** Where the vendor documents its charts. */
const CHARTS_DOCS = 'https://www.revenuecat.com/docs/dashboard-and-metrics/charts'

/** Declares the Charts & Metrics operations. */
export function chartsMetricsRoutes(table: RouteTable): void {
  /** operationId: get-overview-metrics */
  table.route('get-overview-metrics', (c, r) => {
    const route = projectOf(r)
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const now = nowOf(route)
    const metrics = overviewMetrics(route.project.data, now, query.value.get('currency'))
    return ok(c, overviewMetricsWire(metrics, now))
  })

  /** operationId: get-chart-data */
  table.route('get-chart-data', (c, r) => {
    const route = projectOf(r)
    const name = c.req.param('chart_name') ?? ''
    if (name.length > 255)
      return fail(
        c,
        revenuecatFailure(
          400,
          'parameter_error',
          'chart_name is too long (at most 255).',
          'chart_name',
        ),
      )
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const spec = chartOf(name)
    if (isFailure(spec)) return fail(c, spec)
    const now = nowOf(route)
    const q = query.value
    const realtime = q.get('realtime')
    const request = readChartRequest(
      spec,
      {
        ...(realtime === undefined ? {} : { realtime: realtime === 'true' }),
        ...optional('filters', q.get('filters')),
        ...optional('selectors', q.get('selectors')),
        ...(q.list('aggregate').length === 0 ? {} : { aggregate: q.list('aggregate') }),
        ...optional('currency', q.get('currency')),
        ...optional('resolution', q.get('resolution')),
        ...optional('startDate', q.get('start_date')),
        ...optional('endDate', q.get('end_date')),
        ...optional('segment', q.get('segment')),
      },
      now,
    )
    if (isFailure(request)) return fail(c, request)
    const data = chartData(route.project.data, spec, request, now)
    return ok(
      c,
      chartDataWire({
        category: spec.category,
        displayType: spec.displayType,
        displayName: spec.displayName,
        description: spec.description,
        unit: spec.unit,
        cohort: spec.cohort === true,
        filteringAllowed: spec.cohort !== true,
        segmentingAllowed: spec.cohort !== true,
        documentationLink: CHARTS_DOCS,
        currency: request.currency,
        currencySymbol: currencySymbol(request.currency),
        resolution: request.resolution,
        start: request.start,
        end: request.end,
        lastComputedAt: data.lastComputedAt,
        realtime: request.realtime,
        points: data.points,
        rows: data.rows,
        summary: data.summary,
        segments: data.segments,
        measures: data.measures,
        selectors: request.selectors,
        unsupportedFilters: request.unsupportedFilters,
        unsupportedSegment: request.unsupportedSegment,
      }),
    )
  })

  /** operationId: get-chart-options */
  table.route('get-chart-options', (c, r) => {
    const route = projectOf(r)
    const name = c.req.param('chart_name') ?? ''
    if (name.length > 255)
      return fail(
        c,
        revenuecatFailure(
          400,
          'parameter_error',
          'chart_name is too long (at most 255).',
          'chart_name',
        ),
      )
    const query = readQuery(c, route.op)
    if (!query.ok) return fail(c, query.failure)
    const spec = chartOf(name)
    if (isFailure(spec)) return fail(c, spec)
    return ok(c, chartOptionsWire(chartOptions(route.project.data, spec)))
  })
}

/** `{ [key]: value }` when the value is given, `{}` otherwise. */
function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string }
}
