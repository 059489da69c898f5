import { describe, expect, it } from 'vitest'
import { createFixedClock } from '../../../sandbox/clock.ts'
import { createIds } from '../../../sandbox/ids.ts'
import {
  bucketsOf,
  CHARTS,
  type ChartRequest,
  chartData,
  chartOf,
  chartOptions,
  DAY,
  monthsOf,
  overviewMetrics,
  parseDate,
  readChartRequest,
} from './charts.ts'
import { simulatePurchase, simulateSubscription } from './checkout.ts'
import { isFailure } from './errors.ts'
import { createProjectData, newCustomer, type ProjectData } from './model.ts'

const NOW = Date.parse('2026-01-15T12:00:00.000Z')

/** Two products (monthly, annual), three customers; one paid monthly, one annual, one trial. */
function fixture() {
  const clock = createFixedClock('2026-01-15T12:00:00.000Z')
  const ids = createIds(3)
  const project: ProjectData = createProjectData()
  for (const [id, duration] of [
    ['monthly', 'P1M'],
    ['annual', 'P1Y'],
  ] as const)
    project.products.set(id, {
      id,
      storeIdentifier: id,
      type: 'subscription',
      appId: 'app1',
      displayName: id,
      createdAt: NOW - 400 * DAY,
      subscription: { duration, gracePeriodDuration: null, trialDuration: null },
      oneTime: null,
    })
  const customer = (id: string, firstSeen: number, country: string | null) => {
    const c = newCustomer(id, firstSeen)
    c.lastSeenCountry = country
    project.customers.set(id, c)
    return c
  }
  const alice = customer('alice', NOW - 100 * DAY, 'US')
  const bob = customer('bob', NOW - 10 * DAY, 'DE')
  const carol = customer('carol', NOW - 2 * DAY, null)
  const prod = { environment: 'production' as const }
  const monthly = simulateSubscription(
    project,
    alice,
    { productId: 'monthly', periods: 3, price: 9.99, country: 'US', store: 'app_store', ...prod },
    NOW,
    ids,
  )
  const annual = simulateSubscription(
    project,
    bob,
    { productId: 'annual', price: 120, country: 'DE', store: 'play_store', ...prod },
    NOW,
    ids,
  )
  const trial = simulateSubscription(
    project,
    carol,
    { productId: 'monthly', status: 'trialing', price: 0, periodDays: 7, ...prod },
    NOW,
    ids,
  )
  // Neither counts: a sandbox subscription, and a promotional one.
  simulateSubscription(project, alice, { productId: 'monthly', environment: 'sandbox' }, NOW, ids)
  simulateSubscription(
    project,
    bob,
    { productId: 'monthly', store: 'promotional', price: 0, ...prod },
    NOW,
    ids,
  )
  if (monthly === undefined || annual === undefined || trial === undefined)
    throw new Error('no subscription')
  return { clock, ids, project, alice, monthly, annual, trial }
}

const value = (project: ProjectData, id: string, now = NOW, currency?: string) =>
  overviewMetrics(project, now, currency).find((m) => m.id === id)?.value

function request(name: string, query: Parameters<typeof readChartRequest>[1] = {}): ChartRequest {
  const spec = CHARTS[name]
  if (spec === undefined) throw new Error(name)
  const read = readChartRequest(spec, query, NOW)
  if (isFailure(read)) throw new Error(read.message)
  return read
}

const data = (project: ProjectData, name: string, query = {}) =>
  chartData(
    project,
    CHARTS[name] as NonNullable<(typeof CHARTS)[string]>,
    request(name, query),
    NOW,
  )

describe('overviewMetrics', () => {
  it('counts production paid subscriptions and trials now, MRR per month, and the last 28 days', () => {
    const { project } = fixture()
    expect(overviewMetrics(project, NOW).map((m) => [m.id, m.period, m.value])).toEqual([
      ['active_trials', 'P0D', 1],
      ['active_subscriptions', 'P0D', 2],
      // 9.99 a month and 120 a year (10 a month).
      ['mrr', 'P0D', 19.99],
      // Two monthly periods (-30d, now) and the annual's one: -60d is outside the window.
      ['revenue', 'P28D', 9.99 + 120],
      ['new_customers', 'P28D', 2],
      ['active_users', 'P28D', 2],
    ])
  })

  it('answers money in the requested currency at the fixed rate', () => {
    const { project } = fixture()
    expect(value(project, 'mrr', NOW, 'EUR')).toBe(Math.round(19.99 * 0.92 * 100) / 100)
    expect(value(project, 'active_subscriptions', NOW, 'EUR')).toBe(2)
  })

  it('follows the state: a one-time purchase adds revenue, an ended period ends the trial', () => {
    const { project, alice, ids, trial } = fixture()
    const purchase = simulatePurchase(
      project,
      alice,
      { productId: 'annual', price: 5, environment: 'production' },
      NOW,
      ids,
    )
    expect(purchase).toBeDefined()
    expect(value(project, 'revenue')).toBe(Math.round((9.99 + 120 + 5) * 100) / 100)
    const later = (trial.currentPeriodEndsAt as number) + 1
    trial.endsAt = trial.currentPeriodEndsAt
    expect(value(project, 'active_trials', later)).toBe(0)
  })
})

describe('chartData', () => {
  it('ends a stock chart on the overview value now (actives, trials, MRR)', () => {
    const { project } = fixture()
    for (const [chart, metric] of [
      ['actives', 'active_subscriptions'],
      ['trials', 'active_trials'],
      ['mrr', 'mrr'],
    ] as const) {
      const points = data(project, chart).points
      expect(points.at(-1)?.value, chart).toBe(value(project, metric))
      expect(points.at(-1)?.incomplete, chart).toBe(true)
    }
  })

  it('sums a flow to the same total at every resolution, and the summary from the buckets', () => {
    const { project } = fixture()
    const range = { startDate: '2025-10-01', endDate: '2026-01-15' }
    const totals = ['0', '1', '2', '3', '4'].map((resolution) => {
      const chart = data(project, 'revenue', { ...range, resolution })
      const revenue = chart.points.filter((p) => p.measure === 0)
      const sum = Math.round(revenue.reduce((s, p) => s + p.value, 0) * 100) / 100
      expect(chart.summary.total?.Revenue).toBe(sum)
      const buckets = bucketsOf(
        Date.UTC(2025, 9, 1),
        Date.UTC(2026, 0, 15),
        chart.request.resolution,
      )
      expect(revenue).toHaveLength(buckets.length)
      expect(chart.summary.average?.Revenue).toBe(Math.round((sum / buckets.length) * 100) / 100)
      return sum
    })
    expect(new Set(totals).size).toBe(1)
    expect(totals[0]).toBeGreaterThan(0)
  })

  it('splits by segment into parts that add up to the whole, and filters', () => {
    const { project } = fixture()
    const whole = data(project, 'actives').points.at(-1)?.value
    const split = data(project, 'actives', { segment: 'store' })
    expect(split.segments?.map((s) => s.id)).toEqual(['app_store', 'play_store', 'rc_billing'])
    const last = split.points.filter((p) => p.cohort === split.points.at(-1)?.cohort)
    expect(last.reduce((s, p) => s + p.value, 0)).toBe(whole)
    const us = data(project, 'actives', { filters: '[{"name":"country","values":["US"]}]' })
    expect(us.points.at(-1)?.value).toBe(1)
  })

  it('answers only the summary when aggregate is asked for', () => {
    const { project } = fixture()
    const chart = data(project, 'revenue', { aggregate: ['total'] })
    expect(chart.points).toEqual([])
    expect(Object.keys(chart.summary)).toEqual(['total'])
  })

  it('answers cohort rows of numbers, null for periods not over yet', () => {
    const { project } = fixture()
    const chart = data(project, 'cohort_explorer', { resolution: '2', startDate: '2025-12-01' })
    expect(chart.rows).toHaveLength(2)
    const [december, january] = chart.rows
    expect(december?.[0]).toBe(Date.UTC(2025, 11, 1))
    expect(january?.[1]).toBe(2)
    expect(january?.at(-1)).toBeNull()
  })
})

describe('readChartRequest', () => {
  const actives = CHARTS.actives as NonNullable<(typeof CHARTS)[string]>
  const refused = (query: Parameters<typeof readChartRequest>[1]) => {
    const read = readChartRequest(actives, query, NOW)
    return isFailure(read) ? [read.status, read.type, read.param] : read
  }

  it('defaults to the last 28 days by day, in USD, realtime', () => {
    expect(request('actives')).toMatchObject({
      resolution: 'day',
      start: Date.UTC(2025, 11, 19),
      end: Date.UTC(2026, 0, 15),
      currency: 'USD',
      realtime: true,
      selectors: {},
    })
    expect(request('revenue').selectors).toEqual({ revenue_type: 'gross' })
  })

  it('refuses malformed dates, a start after the end, and a resolution the chart lacks', () => {
    expect(refused({ startDate: '2026-02-30' })).toEqual([400, 'parameter_error', 'start_date'])
    expect(refused({ endDate: 'yesterday' })).toEqual([400, 'parameter_error', 'end_date'])
    expect(refused({ startDate: '2026-01-10', endDate: '2026-01-09' })).toEqual([
      400,
      'parameter_error',
      'start_date',
    ])
    expect(refused({ resolution: '9' })).toEqual([400, 'parameter_error', 'resolution'])
    expect(
      isFailure(readChartRequest(CHARTS.cohort_explorer as never, { resolution: '0' }, NOW)),
    ).toBe(true)
    expect(refused({ startDate: '2000-01-01', resolution: 'day' })).toEqual([
      400,
      'parameter_error',
      'start_date',
    ])
  })

  it('refuses filters and selectors that are not the documented JSON', () => {
    expect(refused({ filters: '{' })).toEqual([400, 'parameter_error', 'filters'])
    expect(refused({ filters: '[{"name":1}]' })).toEqual([400, 'parameter_error', 'filters'])
    expect(refused({ selectors: '[]' })).toEqual([400, 'parameter_error', 'selectors'])
    expect(refused({ selectors: '{"revenue_type":"gross"}' })).toEqual([
      400,
      'parameter_error',
      'selectors',
    ])
    expect(request('revenue', { selectors: '{"revenue_type":"proceeds"}' }).selectors).toEqual({
      revenue_type: 'proceeds',
    })
  })

  it('names a filter or segment the chart does not offer instead of refusing it', () => {
    const read = request('customers_new', {
      filters: '[{"name":"store","values":["app_store"]}]',
      segment: 'product',
    })
    expect(read).toMatchObject({ unsupportedFilters: ['store'], unsupportedSegment: 'product' })
  })
})

describe('the chart catalog', () => {
  it('has the 21 chart names of the spec, and 404 for another', () => {
    expect(Object.keys(CHARTS)).toHaveLength(21)
    const unknown = chartOf('nope')
    expect(isFailure(unknown) && [unknown.status, unknown.type]).toEqual([404, 'resource_missing'])
  })

  it('offers filters with the values the project has', () => {
    const { project } = fixture()
    const options = chartOptions(project, CHARTS.actives as never)
    expect(options.resolutions.map((r) => r.id)).toEqual(['0', '1', '2', '3', '4'])
    expect(options.filters.find((f) => f.id === 'country')?.options.map((o) => o.id)).toEqual([
      'DE',
      'US',
    ])
    expect(options.selectors).toBeNull()
    expect(chartOptions(project, CHARTS.revenue as never).selectors?.revenue_type?.default).toBe(
      'gross',
    )
  })

  it('reads dates and durations', () => {
    expect(parseDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29))
    expect(parseDate('2023-02-29')).toBeUndefined()
    expect(monthsOf('P1Y')).toBe(12)
    expect(monthsOf('P1M')).toBe(1)
  })
})
