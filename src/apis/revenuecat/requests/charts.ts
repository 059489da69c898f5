/**
 * The collection's Charts & Metrics requests: the overview, one chart, its options, and the
 * documented refusals of a chart request. The charts_metrics domain allows 5 requests a minute,
 * so the folder sends 5 with the run's key (its no-auth requests are refused before the limit).
 */
import type { RequestSpec } from '../../../collection/request-spec.ts'
import { errorType, PROJECT, test } from './shared.ts'

const CHART = (name: string) => ({ ...PROJECT, chart_name: name })

/** Requests by operationId, in run order. */
export const CHARTS_REQUESTS: Readonly<Record<string, readonly RequestSpec[]>> = {
  'get-overview-metrics': [
    {
      name: 'get-overview-metrics',
      operationId: 'get-overview-metrics',
      expectStatus: 200,
      pathParams: PROJECT,
      tests: test(
        'the overview has active subscriptions (now) and revenue (28 days)',
        'var metrics = pm.response.json().metrics;',
        'var byId = function (id) { return metrics.find(function (m) { return m.id === id; }); };',
        "pm.expect(byId('active_subscriptions').period).to.eql('P0D');",
        "pm.expect(byId('revenue').period).to.eql('P28D');",
      ),
    },
  ],
  'get-chart-data': [
    {
      name: 'get-chart-data',
      operationId: 'get-chart-data',
      expectStatus: 200,
      pathParams: CHART('revenue'),
      query: { resolution: '2', start_date: '2025-01-01', end_date: '2025-12-31' },
      tests: test(
        'the summary total is the sum of the monthly revenue',
        'var body = pm.response.json();',
        "pm.expect(body.resolution).to.eql('month');",
        'var total = body.values.filter(function (p) { return p.measure === 0; })',
        '  .reduce(function (sum, p) { return sum + p.value; }, 0);',
        'pm.expect(body.summary.total.Revenue).to.be.closeTo(total, 0.01);',
      ),
    },
    {
      name: 'get-chart-data: start after end',
      operationId: 'get-chart-data',
      expectStatus: 400,
      pathParams: CHART('revenue'),
      query: { start_date: '2025-02-01', end_date: '2025-01-31' },
      tests: errorType('parameter_error', 'start_date'),
    },
    {
      name: 'get-chart-data: unknown chart',
      operationId: 'get-chart-data',
      expectStatus: 404,
      pathParams: CHART('no_such_chart'),
      tests: errorType('resource_missing'),
    },
  ],
  'get-chart-options': [
    {
      name: 'get-chart-options',
      operationId: 'get-chart-options',
      expectStatus: 200,
      pathParams: CHART('revenue'),
      tests: test(
        'the options offer the month resolution and a revenue_type selector',
        'var body = pm.response.json();',
        "pm.expect(body.resolutions.map(function (r) { return r.display_name; })).to.include('month');",
        'pm.expect(body.user_selectors.revenue_type.options.length).to.be.above(0);',
      ),
    },
  ],
}
