import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  errorParamOf,
  errorTypeOf,
  expectMissing,
  expectParameterError,
  missingId,
  projectPath,
} from '../support/revenuecat-data.ts'
import {
  type Offering,
  type Paywall,
  paywallPath,
  SANDBOX_PAYWALL,
  withOffering,
} from '../support/revenuecat-offerings.ts'
import { useTarget } from '../support/target.ts'

const op = 'get-paywall'
const api = useTarget('revenuecat')

/** A paywall for a test offering, given to `body` (it goes with the offering). */
const withPaywall = (body: (paywall: Paywall, offering: Offering) => Promise<void>) =>
  withOffering(api, async (offering) => {
    const res = await api.call('create-paywall', {
      path: projectPath(api),
      body: { offering_id: offering.id },
    })
    expect(res).toMatchContract(201)
    await body(bodyOf<Paywall>(res), offering)
  })

// A generous timeout: on a loaded machine the first contract check of the nested offering
// schemas takes seconds.
describe(op, { timeout: 30_000 }, () => {
  it('answers a paywall without its offering or components unless expanded [get-paywall]', async () => {
    await withPaywall(async (paywall) => {
      const res = await api.call(op, { path: paywallPath(api, paywall.id) })
      expect(res).toMatchContract(200)
      expect(bodyOf(res)).toEqual(paywall)
    })
  })

  it('expands its offering and its components [get-paywall: expand offering,components]', async () => {
    await withPaywall(async (paywall, offering) => {
      const res = await api.call(op, {
        path: paywallPath(api, paywall.id),
        query: { expand: 'offering,components' },
      })
      expect(res).toMatchContract(200)
      const body = bodyOf<Paywall>(res)
      expect(body.offering).toEqual(offering)
      expect(body.components).toEqual({ published: null, draft: null })
      const one = await api.call(op, {
        path: paywallPath(api, paywall.id),
        query: { expand: 'offering' },
      })
      expect(bodyOf(one)).not.toHaveProperty('components')
    })
  })

  it('answers the seeded published paywall’s components as they were made', async () => {
    api.needSandbox()
    const res = await api.call(op, {
      path: paywallPath(api, SANDBOX_PAYWALL),
      query: { expand: 'offering,components' },
    })
    expect(res).toMatchContract(200)
    const paywall = bodyOf<Paywall>(res)
    expect(paywall.published_at).toEqual(expect.any(Number))
    expect(paywall.name).toEqual(expect.any(String))
    expect(paywall.offering).toMatchObject({ id: paywall.offering_id, is_current: true })
    expect(paywall.components).toMatchObject({
      published: { revision: 3, default_locale: 'en_US' },
      draft: { revision: 4 },
    })
  })

  it('returns 404 resource_missing for a paywall the project does not have [get-paywall: unknown paywall]', async () => {
    await expectMissing(api, op, { path: paywallPath(api, missingId(api, 'paywall')) })
  })

  it('returns 400 parameter_error for a bad expand or a too long id [get-paywall: bad expand]', async () => {
    const res = await api.call(op, {
      path: paywallPath(api, missingId(api, 'paywall')),
      query: { expand: 'items.offering' },
    })
    expect(res).toMatchContract(400)
    expect(errorTypeOf(res)).toBe('parameter_error')
    expect(errorParamOf(res)).toBe('expand')
    await expectParameterError(api, op, { path: paywallPath(api, 'p'.repeat(256)) }, 'paywall_id')
  })
})
