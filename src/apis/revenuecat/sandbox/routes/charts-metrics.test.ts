// Every chart of the spec's enum, at every resolution it offers, segmented or not, through the
// shared pipeline with the self-check on: each answer passes the project's own contract, and the
// answers agree with the overview on the seeded project.
import { describe, expect, it } from 'vitest'
import { CHARTS } from '../charts.ts'
import { revenueCatPipeline } from '../test-pipeline.ts'

function setup() {
  // Scaled limits: this test sends far more than 5 chart requests a minute.
  const { project, request, selfCheck } = revenueCatPipeline({
    sandbox: { rateLimits: { scale: 1000 } },
  })
  const get = async (path: string) => {
    const res = await request(`/v2/projects/${project}${path}`)
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  }
  return { get, selfCheck }
}

describe('Charts & Metrics on the seeded project', () => {
  it('answers every chart at every resolution it offers, segmented and not, within the contract', async () => {
    const { get, selfCheck } = setup()
    for (const name of Object.keys(CHARTS)) {
      const options = await get(`/charts/${name}/options`)
      expect(options.status, name).toBe(200)
      const resolutions = options.body.resolutions as Array<{ id: string }>
      const segments = options.body.segments as Array<{ id: string }>
      for (const { id } of resolutions) {
        const plain = await get(`/charts/${name}?resolution=${id}`)
        expect(plain.status, `${name} ${id}`).toBe(200)
        for (const segment of segments) {
          const split = await get(`/charts/${name}?resolution=${id}&segment=${segment.id}`)
          expect(split.status, `${name} ${id} ${segment.id}`).toBe(200)
        }
      }
    }
    expect(selfCheck.problems).toEqual([])
  })

  it('agrees with the overview: actives, trials and MRR now', async () => {
    const { get } = setup()
    const overview = await get('/metrics/overview')
    const metric = (id: string) =>
      (overview.body.metrics as Array<{ id: string; value: number }>).find((m) => m.id === id)
        ?.value
    const last = async (chart: string) => {
      const values = (await get(`/charts/${chart}`)).body.values as Array<{ value: number }>
      return values.at(-1)?.value
    }
    expect(await last('actives')).toBe(metric('active_subscriptions'))
    expect(await last('trials')).toBe(metric('active_trials'))
    expect(await last('mrr')).toBe(metric('mrr'))
    // The seed: production subscriptions giving access now, none of them a trial (its trial is
    // in the sandbox environment), and revenue in the last 28 days.
    expect(metric('active_subscriptions')).toBeGreaterThan(5)
    expect(metric('active_trials')).toBe(0)
    expect(metric('revenue')).toBeGreaterThan(0)
  })
})
