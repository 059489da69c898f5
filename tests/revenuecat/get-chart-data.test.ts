import { describe, expect, it } from 'vitest'
import { bodyOf, errorParamOf, errorTypeOf, UNKNOWN_PROJECT } from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

// The charts_metrics domain allows 5 requests a minute: a real run of this suite waits out the
// retried 429s (about two minutes). Each test sends as few requests as its point needs.
const op = 'get-chart-data'
const api = useTarget('revenuecat')

interface Point {
  cohort: number
  measure: number
  value: number
  incomplete: boolean
  segment?: number
}

interface Chart {
  resolution: string
  start_date: number | null
  end_date: number | null
  values: Array<Point | Array<number | null>>
  summary: Record<string, Record<string, number>> | null
  segments: Array<{ id: string; display_name: string }> | null
  measures: Array<{ display_name: string }> | null
  user_selectors: Record<string, string> | null
  unsupported_params: { filters?: string[]; segment?: string | null } | null
  yaxis_currency?: string
}

const chart = (name: string, query: Record<string, string> = {}) =>
  api.call(op, { path: { project_id: api.need('projectId'), chart_name: name }, query })

const cents = (n: number) => Math.round(n * 100) / 100
const RANGE = { start_date: '2025-01-01', end_date: '2025-12-31' }

describe(op, () => {
  it('answers revenue by day, week, month, quarter and year with the same total, the summary from the buckets [get-chart-data]', async () => {
    const totals: number[] = []
    for (const resolution of ['0', '1', '2', '3', '4']) {
      const res = await chart('revenue', { ...RANGE, resolution })
      expect(res).toMatchContract(200)
      const body = bodyOf<Chart>(res)
      expect(body.resolution).toBe(['day', 'week', 'month', 'quarter', 'year'][Number(resolution)])
      expect(body.start_date).toBe(Date.UTC(2025, 0, 1))
      expect(body.end_date).toBe(Date.UTC(2025, 11, 31))
      // The value shape and the summary's keys are the sandbox's (S-49); the vendor's may differ.
      if (!api.isLocal) continue
      const revenue = (body.values as Point[]).filter((p) => p.measure === 0)
      const total = cents(revenue.reduce((sum, p) => sum + p.value, 0))
      expect(body.summary?.total?.Revenue).toBeCloseTo(total, 2)
      expect(body.summary?.average?.Revenue).toBeCloseTo(total / revenue.length, 1)
      totals.push(total)
    }
    for (const total of totals) expect(total).toBeCloseTo(totals[0] as number, 2)
  })

  it('ends active subscriptions on the overview value now (sandbox)', async () => {
    api.needSandbox()
    const res = await chart('actives')
    expect(res).toMatchContract(200)
    const points = bodyOf<Chart>(res).values as Point[]
    expect(points.at(-1)?.incomplete).toBe(true)
    const overview = await api.call('get-overview-metrics', {
      path: { project_id: api.need('projectId') },
    })
    const metrics = bodyOf<{ metrics: Array<{ id: string; value: number }> }>(overview).metrics
    expect(points.at(-1)?.value).toBe(metrics.find((m) => m.id === 'active_subscriptions')?.value)
  })

  it('segments, filters and selects; names the filter and segment it does not offer', async () => {
    const segmented = await chart('mrr', {
      segment: 'store',
      filters: JSON.stringify([{ name: 'store', values: ['app_store', 'play_store'] }]),
      selectors: JSON.stringify({ revenue_type: 'proceeds' }),
      currency: 'EUR',
    })
    expect(segmented).toMatchContract(200)
    const body = bodyOf<Chart>(segmented)
    expect(body.user_selectors).toEqual({ revenue_type: 'proceeds' })
    expect(body.yaxis_currency).toBe('EUR')
    for (const s of body.segments ?? []) expect(['app_store', 'play_store']).toContain(s.id)
    expect(body.unsupported_params).toBeNull()

    const unsupported = await chart('customers_new', {
      filters: JSON.stringify([{ name: 'no_such_filter', values: ['x'] }]),
      segment: 'no_such_segment',
      realtime: 'false',
    })
    expect(unsupported).toMatchContract(200)
    expect(bodyOf<Chart>(unsupported).unsupported_params).toEqual({
      filters: ['no_such_filter'],
      segment: 'no_such_segment',
    })
    expect(bodyOf<Chart>(unsupported).measures).toBeNull()
  })

  it('answers a cohort chart as rows of numbers, and only the summary when aggregated', async () => {
    const cohort = await chart('subscription_retention', { resolution: '2', ...RANGE })
    expect(cohort).toMatchContract(200)
    // Rows of numbers are the sandbox's cohort shape (S-49), one of the two the spec allows.
    if (api.isLocal)
      for (const row of bodyOf<Chart>(cohort).values) expect(Array.isArray(row)).toBe(true)

    const aggregated = await chart('trials', { aggregate: 'average,total' })
    expect(aggregated).toMatchContract(200)
    expect(bodyOf<Chart>(aggregated).values).toEqual([])
    expect(Object.keys(bodyOf<Chart>(aggregated).summary ?? {}).sort()).toEqual([
      'average',
      'total',
    ])
  })

  it.each([
    [
      'a start after the end [get-chart-data: start after end]',
      { start_date: '2025-02-01', end_date: '2025-01-31' },
      'start_date',
    ],
    ['a malformed date', { end_date: '31/01/2025' }, 'end_date'],
    ['a resolution the chart does not offer', { resolution: '7' }, 'resolution'],
    ['filters that are not JSON', { filters: '[{' }, 'filters'],
    ['a selector the chart does not have', { selectors: '{"no_such":"x"}' }, 'selectors'],
    ['an aggregate outside the enum', { aggregate: 'median' }, 'aggregate'],
  ])('refuses %s with 400 parameter_error', async (_, query, param) => {
    const res = await chart('revenue', query)
    expect(res).toMatchContract(400)
    expect(errorTypeOf(res)).toBe('parameter_error')
    expect(errorParamOf(res)).toBe(param)
  })

  it('answers 404 for an unknown project, and for a chart name the spec does not list [get-chart-data: unknown chart]', async () => {
    const unknown = await chart('no_such_chart')
    expect(unknown).toMatchContract(404)
    expect(errorTypeOf(unknown)).toBe('resource_missing')
    const project = await api.call(op, {
      path: { project_id: UNKNOWN_PROJECT, chart_name: 'revenue' },
    })
    expect(project).toMatchContract(404)
  })
})
