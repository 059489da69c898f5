import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errorCodeOf, errorSourcesOf, SEEDED_PAYWALLS } from '../support/adapty-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'updatePaywall'
const api = useTarget('adapty')
type RemoteConfigs = Array<{ locale: string; data: string }>
const configsOf = (res: { response: { json?: unknown } }) =>
  (res.response.json as { remote_configs: RemoteConfigs }).remote_configs

describe(op, () => {
  // The seeded paywall's remote configs as they were, put back when the file ends.
  let original: RemoteConfigs | undefined
  beforeAll(async () => {
    const { paywallId } = api.data
    if (paywallId === undefined) return
    const res = await api.call('getPaywall', { path: { paywall_id: paywallId } })
    if (res.response.status === 200) original = configsOf(res)
  })
  afterAll(async () => {
    const { paywallId } = api.data
    if (paywallId === undefined || original === undefined || !api.writesAllowed) return
    const res = await api.call(op, {
      path: { paywall_id: paywallId },
      body: { remote_configs: original },
    })
    expect(res).toMatchContract(200)
  })

  it('replaces the remote configs, which a read returns [updatePaywall]', async () => {
    const paywallId = api.need('paywallId')
    const configs = [
      { locale: 'en', data: JSON.stringify({ headline: api.faker.lorem.words(3) }) },
      { locale: 'fr', data: JSON.stringify({ headline: api.faker.lorem.words(2) }) },
    ]
    const res = await api.call(op, {
      path: { paywall_id: paywallId },
      body: { remote_configs: configs },
    })
    expect(res).toMatchContract(200)
    const read = await api.call('getPaywall', { path: { paywall_id: paywallId } })
    expect(read).toMatchContract(200)
    expect(configsOf(res)).toMatchObject(configs)
    expect(configsOf(read)).toMatchObject(configs)
  })

  it('removes every remote config when given an empty list', async () => {
    const paywallId = api.need('paywallId')
    const res = await api.call(op, {
      path: { paywall_id: paywallId },
      body: { remote_configs: [] },
    })
    expect(res).toMatchContract(200)
    expect(configsOf(res)).toEqual([])
  })

  it('returns 400 validation_error when remote_configs is missing', async () => {
    const paywallId = api.need('paywallId')
    const res = await api.call(op, { path: { paywall_id: paywallId }, body: {} })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('validation_error')
    expect(errorSourcesOf(res)).toEqual(['remote_configs'])
  })

  it('returns 400 validation_error for data that is not a JSON document', async () => {
    const paywallId = api.need('paywallId')
    const body = { remote_configs: [{ locale: 'en', data: '{not json' }] }
    const res = await api.call(op, { path: { paywall_id: paywallId }, body })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('validation_error')
    expect(errorSourcesOf(res)).toEqual(['remote_configs.0.data'])
  })

  it('returns 400 validation_error for a locale given twice', async () => {
    const paywallId = api.need('paywallId')
    const body = {
      remote_configs: [
        { locale: 'en', data: '{}' },
        { locale: 'en', data: '{}' },
      ],
    }
    const res = await api.call(op, { path: { paywall_id: paywallId }, body })
    expect(res).toMatchContract(400)
    expect(errorCodeOf(res)).toBe('validation_error')
    expect(errorSourcesOf(res)).toEqual(['remote_configs.1.locale'])
  })

  it('returns 401 not_authenticated without an API key [updatePaywall: no auth]', async () => {
    const res = await api.call(op, {
      path: { paywall_id: api.faker.string.uuid() },
      body: { remote_configs: [] },
      authorization: null,
    })
    expect(res).toMatchContract(401)
    expect(errorCodeOf(res)).toBe('not_authenticated')
  })

  it('returns 404 paywall_does_not_exist for an unknown paywall', async () => {
    const res = await api.call(op, {
      path: { paywall_id: api.faker.string.uuid() },
      body: { remote_configs: [] },
    })
    expect(res).toMatchContract(404)
    expect(errorCodeOf(res)).toBe('paywall_does_not_exist')
  })

  it('updates the remote configs of a paywall in any state, which keeps its state and products', async () => {
    api.needSandbox()
    const { draft, inactive, archived, store } = SEEDED_PAYWALLS
    for (const [paywallId, state] of [
      [draft, 'draft'],
      [inactive, 'inactive'],
      [archived, 'archived'],
      [store, 'live'],
    ] as const) {
      const before = await api.call('getPaywall', { path: { paywall_id: paywallId } })
      expect(before).toMatchContract(200)
      const configs = [
        { locale: 'en', data: JSON.stringify({ headline: api.faker.lorem.words(2) }) },
      ]
      const res = await api.call(op, {
        path: { paywall_id: paywallId },
        body: { remote_configs: configs },
      })
      expect(res).toMatchContract(200)
      const json = res.response.json as { state: string; products: unknown[] }
      expect(json.state).toBe(state)
      expect(json.products).toEqual((before.response.json as { products: unknown[] }).products)
      expect(configsOf(res)).toMatchObject(configs)
      // Put the seeded configs back, so the paywall reads as seeded for the rest of the run.
      const restore = await api.call(op, {
        path: { paywall_id: paywallId },
        body: { remote_configs: configsOf(before) },
      })
      expect(restore).toMatchContract(200)
    }
  })
})
