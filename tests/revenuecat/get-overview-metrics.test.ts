import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  errorParamOf,
  errorTypeOf,
  SANDBOX_STAGING,
  UNKNOWN_PROJECT,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

// The charts_metrics domain allows 5 requests a minute: this suite sends 6 (4 on a real project,
// where the sandbox-only test skips); a real run waits out one retried 429 at most.
const op = 'get-overview-metrics'
const api = useTarget('revenuecat')

interface Metric {
  id: string
  unit: string
  period: string
  value: number
  last_updated_at: number | null
}

const overview = async (query: Record<string, string> = {}, project = api.need('projectId')) => {
  const res = await api.call(op, { path: { project_id: project }, query })
  expect(res).toMatchContract(200)
  return { res, metrics: bodyOf<{ metrics: Metric[] }>(res).metrics }
}
const metricValue = (metrics: Metric[], id: string) => metrics.find((m) => m.id === id)?.value

describe(op, () => {
  it('answers the overview: actives and trials now, the last 28 days, each with its unit [get-overview-metrics]', async () => {
    const { metrics } = await overview()
    expect(metrics.map((m) => m.id)).toEqual(
      expect.arrayContaining(['active_trials', 'active_subscriptions', 'mrr', 'revenue']),
    )
    for (const m of metrics) expect(['P0D', 'P28D'], m.id).toContain(m.period)
    expect(metrics.find((m) => m.id === 'active_subscriptions')?.period).toBe('P0D')
    expect(metrics.find((m) => m.id === 'revenue')?.period).toBe('P28D')
  })

  // In the staging project, where no other suite writes: the whole project's counts move by what
  // this test adds, and by nothing that suites running beside it add to the main project.
  it('follows the project: a new paid subscription and a new trial count at once (sandbox)', async () => {
    api.needSandbox()
    const project = SANDBOX_STAGING.projectId
    const before = (await overview({}, project)).metrics
    const id = api.uniqueCustomerUserId()
    const created = await api.call('create-customer', {
      path: { project_id: project },
      body: { id },
    })
    expect(created).toMatchContract(201)
    const subscribe = (body: Record<string, unknown>) =>
      api.control(`projects/${project}/customers/${encodeURIComponent(id)}/subscriptions`, body)
    await subscribe({
      product_id: SANDBOX_STAGING.appStoreMonthly,
      store: 'app_store',
      environment: 'production',
      price: 12,
    })
    await subscribe({
      product_id: SANDBOX_STAGING.playStoreMonthly,
      store: 'play_store',
      environment: 'production',
      status: 'trialing',
      price: 0,
    })
    // A sandbox-environment subscription is not counted, as in the vendor's charts.
    await subscribe({
      product_id: SANDBOX_STAGING.appStoreMonthly,
      store: 'app_store',
      environment: 'sandbox',
    })
    const after = (await overview({}, project)).metrics
    const delta = (metric: string) =>
      Math.round(((metricValue(after, metric) ?? 0) - (metricValue(before, metric) ?? 0)) * 100) /
      100
    expect(delta('active_subscriptions')).toBe(1)
    expect(delta('active_trials')).toBe(1)
    // A 30-day period at 12: its MRR is its price over its product's one-month duration.
    expect(delta('mrr')).toBe(12)
    expect(delta('revenue')).toBe(12)
    expect(delta('new_customers')).toBe(1)
    expect(delta('active_users')).toBe(1)
    expect(
      await api.call('delete-customer', { path: { project_id: project, customer_id: id } }),
    ).toMatchContract(200)
  })

  it('answers money in the requested currency', async () => {
    const { metrics } = await overview({ currency: 'EUR' })
    expect(metrics.find((m) => m.id === 'mrr')?.unit).not.toBe('$')
    expect(metrics.find((m) => m.id === 'active_subscriptions')?.unit).toBe('#')
  })

  it('refuses a currency the spec does not list with 400 on currency', async () => {
    const res = await api.call(op, {
      path: { project_id: api.need('projectId') },
      query: { currency: 'XXX' },
    })
    expect(res).toMatchContract(400)
    expect(errorTypeOf(res)).toBe('parameter_error')
    expect(errorParamOf(res)).toBe('currency')
  })

  it('answers 404 for a project the key does not open', async () => {
    const res = await api.call(op, { path: { project_id: UNKNOWN_PROJECT } })
    expect(res).toMatchContract(404)
    expect(errorTypeOf(res)).toBe('resource_missing')
  })
})
