import { describe, expect, it } from 'vitest'
import { bodyOf, errorParamOf, errorTypeOf } from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

// The charts_metrics domain allows 5 requests a minute: this suite sends 4.
const op = 'get-chart-options'
const api = useTarget('revenuecat')

interface Options {
  resolutions: Array<{ id: string; display_name: string }>
  segments: Array<{ id: string; display_name: string }>
  filters: Array<{ id: string; options: Array<{ id: string; display_name: string }> }>
  user_selectors: Record<string, { default?: string; options?: Array<{ id: string }> }> | null
}

const options = (name: string, query: Record<string, string> = {}) =>
  api.call(op, { path: { project_id: api.need('projectId'), chart_name: name }, query })

describe(op, () => {
  it('answers the resolutions, segments, filters and selectors of a chart [get-chart-options]', async () => {
    const res = await options('revenue')
    expect(res).toMatchContract(200)
    const body = bodyOf<Options>(res)
    expect(body.resolutions.map((r) => r.display_name)).toContain('month')
    // revenue_type is the sandbox's selector of the money charts (S-50).
    const selector = body.user_selectors?.revenue_type
    if (api.isLocal) expect(selector?.options?.map((o) => o.id)).toContain(selector?.default)
    // What the options offer, get-chart-data takes (its answer names the selection).
    const resolution = body.resolutions.find((r) => r.display_name === 'month')?.id ?? '2'
    const data = await api.call('get-chart-data', {
      path: { project_id: api.need('projectId'), chart_name: 'revenue' },
      query: {
        resolution,
        ...(body.segments[0] === undefined ? {} : { segment: body.segments[0].id }),
      },
    })
    expect(data).toMatchContract(200)
    expect(bodyOf<{ resolution: string }>(data).resolution).toBe('month')
  })

  it("offers the project's own values as filter options (sandbox)", async () => {
    api.needSandbox()
    const res = await options('actives', { realtime: 'false' })
    expect(res).toMatchContract(200)
    const body = bodyOf<Options>(res)
    const stores = body.filters.find((f) => f.id === 'store')?.options.map((o) => o.id)
    expect(stores).toEqual(expect.arrayContaining(['app_store', 'play_store', 'rc_billing']))
    expect(body.user_selectors).toBeNull()
  })

  it('refuses a realtime that is not a boolean (400), and an unknown chart (404)', async () => {
    const bad = await options('revenue', { realtime: 'sometimes' })
    expect(bad).toMatchContract(400)
    expect(errorTypeOf(bad)).toBe('parameter_error')
    expect(errorParamOf(bad)).toBe('realtime')
    const unknown = await options('no_such_chart')
    expect(unknown).toMatchContract(404)
    expect(errorTypeOf(unknown)).toBe('resource_missing')
  })
})
