import { describe, expect, it } from 'vitest'
import { type App, allApps } from '../support/revenuecat-catalog.ts'
import { bodyOf, expectParameterError, itemsOf, projectPath } from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'list-apps'
const api = useTarget('revenuecat')

/** The store object each type answers (a Test Store app has none). */
const STORE_OBJECT: Record<string, string | undefined> = {
  amazon: 'amazon',
  app_store: 'app_store',
  mac_app_store: 'mac_app_store',
  play_store: 'play_store',
  stripe: 'stripe',
  rc_billing: 'rc_billing',
  roku: 'roku',
  paddle: 'paddle',
  test_store: undefined,
}

describe(op, () => {
  it('lists the project’s apps, each with the store object of its type [list-apps]', async () => {
    const res = await api.call(op, { path: projectPath(api) })
    expect(res).toMatchContract(200)
    const body = bodyOf<{ object: string; url: string }>(res)
    expect(body).toMatchObject({
      object: 'list',
      url: `/v2/projects/${api.need('projectId')}/apps`,
    })
    const apps = itemsOf<App>(res)
    expect(apps.length).toBeGreaterThan(0)
    for (const app of apps) {
      expect(app).toMatchObject({ object: 'app', project_id: api.need('projectId') })
      const store = STORE_OBJECT[app.type]
      if (store !== undefined)
        expect(app[store], `${app.id}'s ${store}`).toEqual(expect.any(Object))
    }
  })

  it('seeds an app of every store type the spec names (sandbox)', async () => {
    api.needSandbox()
    const types = new Set((await allApps(api)).map((a) => a.type))
    expect([...types].sort()).toEqual(Object.keys(STORE_OBJECT).sort())
  })

  it('pages with limit and starting_after [list-apps: limit 1]', async () => {
    const first = await api.call(op, { path: projectPath(api), query: { limit: '1' } })
    expect(first).toMatchContract(200)
    const [app] = itemsOf<App>(first)
    const next = bodyOf<{ next_page: string | null }>(first).next_page
    if (next === null) return // a project of one app has no second page
    expect(next).toContain(`starting_after=${app?.id}`)
    const second = await api.call(op, {
      path: projectPath(api),
      query: { limit: '1', starting_after: app?.id ?? '' },
    })
    expect(second).toMatchContract(200)
    expect(itemsOf<App>(second)[0]?.id).not.toBe(app?.id)
  })

  it('returns 400 parameter_error for a limit that is not a whole number [list-apps: bad limit]', async () => {
    await expectParameterError(
      api,
      op,
      { path: projectPath(api), query: { limit: 'ten' } },
      'limit',
    )
  })
})
