import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  expectMissing,
  expectParameterError,
  missingId,
  projectPath,
} from '../support/revenuecat-data.ts'
import {
  offeringPath,
  type Paywall,
  paywallPath,
  withOffering,
} from '../support/revenuecat-offerings.ts'
import { useTarget } from '../support/target.ts'

const op = 'delete-paywall'
const api = useTarget('revenuecat')

const createFor = async (offeringId: string) => {
  const res = await api.call('create-paywall', {
    path: projectPath(api),
    body: { offering_id: offeringId },
  })
  expect(res).toMatchContract(201)
  return bodyOf<Paywall>(res)
}

// A generous timeout: on a loaded machine the first contract check of the nested offering
// schemas takes seconds.
describe(op, { timeout: 30_000 }, () => {
  it('deletes a paywall, keeping its offering, which may have a new one [delete-paywall]', async () => {
    await withOffering(api, async (offering) => {
      const paywall = await createFor(offering.id)
      const res = await api.call(op, { path: paywallPath(api, paywall.id) })
      expect(res).toMatchContract(200)
      expect(bodyOf(res)).toEqual({
        object: 'paywall',
        id: paywall.id,
        deleted_at: expect.any(Number),
      })
      await expectMissing(api, 'get-paywall', { path: paywallPath(api, paywall.id) })
      const read = await api.call('get-offering', { path: offeringPath(api, offering.id) })
      expect(read).toMatchContract(200)
      const again = await createFor(offering.id)
      expect(again.id).not.toBe(paywall.id)
    })
  })

  it('returns 404 resource_missing for a paywall the project does not have, or deleted [delete-paywall: unknown paywall]', async () => {
    await expectMissing(api, op, { path: paywallPath(api, missingId(api, 'paywall')) })
    await withOffering(api, async (offering) => {
      const paywall = await createFor(offering.id)
      expect(await api.call(op, { path: paywallPath(api, paywall.id) })).toMatchContract(200)
      await expectMissing(api, op, { path: paywallPath(api, paywall.id) })
    })
  })

  it('returns 400 parameter_error for an id longer than 255 characters', async () => {
    await expectParameterError(api, op, { path: paywallPath(api, 'p'.repeat(256)) }, 'paywall_id')
  })
})
