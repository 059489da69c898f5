import { describe, expect, it } from 'vitest'
import {
  addSubscription,
  bodyOf,
  createTestCustomer,
  errorParamOf,
  errorTypeOf,
  itemsOf,
  missingId,
  SANDBOX_ENTITLEMENTS,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'list-subscription-entitlements'
const api = useTarget('revenuecat')

/** The seeded App Store annual product, which unlocks `pro` and `premium` (sandbox only). */
const ANNUAL = 'prod5eed0002'

interface Entitlement {
  object: string
  id: string
  project_id: string
}
interface Page {
  url: string
  next_page: string | null
  items: Entitlement[]
}

const path = (id: string) => ({ project_id: api.need('projectId'), subscription_id: id })
const list = (id: string, query?: Record<string, string>) =>
  api.call(op, { path: path(id), ...(query ? { query } : {}) })

describe(op, () => {
  it('lists the entitlements a subscription unlocks [list-subscription-entitlements]', async () => {
    const id = api.need('subscriptionId')
    const res = await list(id)
    expect(res).toMatchContract(200)
    const page = bodyOf<Page>(res)
    expect(page.url).toBe(`/v2/projects/${api.need('projectId')}/subscriptions/${id}/entitlements`)
    for (const e of page.items)
      expect(e).toMatchObject({ object: 'entitlement', project_id: api.need('projectId') })
  })

  it("lists what get-subscription's inline entitlements show", async () => {
    const id = api.need('subscriptionId')
    const res = await list(id)
    const sub = await api.call('get-subscription', { path: path(id) })
    expect(sub).toMatchContract(200)
    expect(itemsOf(res)).toEqual(bodyOf<{ entitlements: Page }>(sub).entitlements.items)
  })

  it('pages through the two entitlements of an annual subscription', async () => {
    api.needSandbox()
    const customer = await createTestCustomer(api)
    const sub = await addSubscription(api, customer, { product_id: ANNUAL, store: 'app_store' })
    const first = await list(sub.id, { limit: '1' })
    expect(first).toMatchContract(200)
    const page = bodyOf<Page>(first)
    expect(page.items.map((e) => e.id)).toEqual([SANDBOX_ENTITLEMENTS.pro])
    expect(page.next_page).toContain(`starting_after=${SANDBOX_ENTITLEMENTS.pro}`)
    const second = await list(sub.id, { limit: '1', starting_after: SANDBOX_ENTITLEMENTS.pro })
    expect(second).toMatchContract(200)
    expect(bodyOf<Page>(second)).toMatchObject({
      next_page: null,
      items: [expect.objectContaining({ id: SANDBOX_ENTITLEMENTS.premium })],
    })
  })

  it('returns 400 parameter_error for a limit of 0 [list-subscription-entitlements: bad limit]', async () => {
    const res = await list(api.need('subscriptionId'), { limit: '0' })
    expect(res).toMatchContract(400)
    expect(errorTypeOf(res)).toBe('parameter_error')
    expect(errorParamOf(res)).toBe('limit')
  })

  it('returns 400 parameter_error for an id longer than 255 characters', async () => {
    const res = await list('x'.repeat(256))
    expect(res).toMatchContract(400)
    expect(errorParamOf(res)).toBe('subscription_id')
  })

  it('returns 404 resource_missing for an unknown subscription [list-subscription-entitlements: unknown subscription]', async () => {
    const res = await list(missingId(api, 'subscription'))
    expect(res).toMatchContract(404)
    expect(errorTypeOf(res)).toBe('resource_missing')
  })
})
