import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  errorParamOf,
  errorTypeOf,
  missingId,
  projectPath,
} from '../support/revenuecat-data.ts'
import { type Paywall, paywallPath, withOffering } from '../support/revenuecat-offerings.ts'
import { useTarget } from '../support/target.ts'

const op = 'create-paywall'
const api = useTarget('revenuecat')

const create = (offeringId: unknown) =>
  api.call(op, { path: projectPath(api), body: { offering_id: offeringId } })

// A paywall goes with its offering: deleting the test offering deletes it too.
// A generous timeout: on a loaded machine the first contract check of the nested offering
// schemas takes seconds.
describe(op, { timeout: 30_000 }, () => {
  it('creates an unnamed, unpublished paywall for an offering, read back by get-paywall [create-paywall]', async () => {
    await withOffering(api, async (offering) => {
      const res = await create(offering.id)
      expect(res).toMatchContract(201)
      const paywall = bodyOf<Paywall>(res)
      expect(paywall).toMatchObject({
        object: 'paywall',
        offering_id: offering.id,
        name: null,
        published_at: null,
      })
      expect(paywall).not.toHaveProperty('offering')
      expect(paywall).not.toHaveProperty('components')
      const read = await api.call('get-paywall', { path: paywallPath(api, paywall.id) })
      expect(read).toMatchContract(200)
      expect(bodyOf(read)).toEqual(paywall)
    })
  })

  it('returns 409 resource_already_exists for an offering that has a paywall [create-paywall: second paywall]', async () => {
    await withOffering(api, async (offering) => {
      expect(await create(offering.id)).toMatchContract(201)
      const res = await create(offering.id)
      expect(res).toMatchContract(409)
      expect(errorTypeOf(res)).toBe('resource_already_exists')
      expect(errorParamOf(res)).toBe('offering_id')
    })
  })

  it('returns 404 resource_missing for an offering the project does not have [create-paywall: unknown offering]', async () => {
    const res = await create(missingId(api, 'offering'))
    expect(res).toMatchContract(404)
    expect(errorTypeOf(res)).toBe('resource_missing')
    expect(errorParamOf(res)).toBe('offering_id')
  })

  it('returns 400 parameter_error for a missing, empty, too long or non-string offering_id [create-paywall: missing offering_id]', async () => {
    for (const body of [
      {},
      { offering_id: '' },
      { offering_id: 'o'.repeat(201) },
      { offering_id: 5 },
    ]) {
      const res = await api.call(op, { path: projectPath(api), body })
      expect(res, JSON.stringify(body).slice(0, 60)).toMatchContract(400)
      expect(errorTypeOf(res)).toBe('parameter_error')
      expect(errorParamOf(res)).toBe('offering_id')
    }
  })
})
