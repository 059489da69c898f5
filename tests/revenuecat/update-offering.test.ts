import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  errorParamOf,
  errorTypeOf,
  expectMissing,
  expectParameterError,
  missingId,
} from '../support/revenuecat-data.ts'
import {
  allOfferings,
  type Offering,
  offeringPath,
  withOffering,
} from '../support/revenuecat-offerings.ts'
import { useTarget } from '../support/target.ts'

const op = 'update-offering'
const api = useTarget('revenuecat')

// Making an offering current is in flows/current-offering.test.ts: the one file that changes
// which offering is current.
// A generous timeout: on a loaded machine the first contract check of the nested offering
// schemas takes seconds.
describe(op, { timeout: 30_000 }, () => {
  it('updates the display name and metadata, read back by get-offering [update-offering]', async () => {
    await withOffering(api, async (offering) => {
      const metadata = { theme: 'summer', discount: 20 }
      const res = await api.call(op, {
        path: offeringPath(api, offering.id),
        body: { display_name: 'Summer sale', metadata },
      })
      expect(res).toMatchContract(200)
      const updated = bodyOf<Offering>(res)
      expect(updated).toEqual({ ...offering, display_name: 'Summer sale', metadata })
      const read = await api.call('get-offering', { path: offeringPath(api, offering.id) })
      expect(bodyOf(read)).toEqual(updated)
    })
  })

  it('leaves out what the body leaves out, and null metadata clears it', async () => {
    await withOffering(api, async (offering) => {
      const path = offeringPath(api, offering.id)
      await api.call(op, { path, body: { metadata: { a: 1 } } })
      const renamed = await api.call(op, { path, body: { display_name: 'Renamed' } })
      expect(renamed).toMatchContract(200)
      expect(bodyOf<Offering>(renamed).metadata).toEqual({ a: 1 })
      const cleared = await api.call(op, { path, body: { metadata: null } })
      expect(cleared).toMatchContract(200)
      expect(bodyOf<Offering>(cleared)).toMatchObject({ display_name: 'Renamed', metadata: null })
      const nothing = await api.call(op, { path, body: {} })
      expect(nothing).toMatchContract(200)
      expect(bodyOf(nothing)).toEqual(bodyOf(cleared))
    })
  })

  it('keeps an offering that is not current so with is_current: false [update-offering: not current]', async () => {
    await withOffering(api, async (offering) => {
      const res = await api.call(op, {
        path: offeringPath(api, offering.id),
        body: { is_current: false },
      })
      expect(res).toMatchContract(200)
      expect(bodyOf<Offering>(res).is_current).toBe(false)
    })
  })

  it('returns 422 for is_current: false on the current offering, changing nothing [update-offering: unset current]', async () => {
    // Sandbox only: it writes to the project's own current offering, which a real API that
    // accepted the write would change. flows/current-offering.test.ts may move "current" between
    // two of its own offerings meanwhile: then the offering read here is no longer current, and
    // is_current: false on it changes nothing (200). Read again and retry; no step of this test
    // changes anything in the sandbox.
    api.needSandbox()
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const current = (await allOfferings(api)).find((o) => o.is_current)
      if (current === undefined) throw new Error('the project has no current offering')
      const res = await api.call(op, {
        path: offeringPath(api, current.id),
        body: { is_current: false, display_name: 'Not applied' },
      })
      if (res.response.status === 200) continue
      expect(res).toMatchContract(422)
      expect(errorTypeOf(res)).toBe('unprocessable_entity_error')
      expect(errorParamOf(res)).toBe('is_current')
      const read = await api.call('get-offering', { path: offeringPath(api, current.id) })
      expect(bodyOf<Offering>(read).display_name).toBe(current.display_name)
      return
    }
    throw new Error('the current offering kept moving')
  })

  it('returns 404 resource_missing for an offering the project does not have [update-offering: unknown offering]', async () => {
    await expectMissing(api, op, {
      path: offeringPath(api, missingId(api, 'offering')),
      body: { display_name: 'x' },
    })
  })

  it('returns 400 parameter_error for a bad field [update-offering: empty display_name]', async () => {
    await withOffering(api, async (offering) => {
      for (const [body, param] of [
        [{ display_name: '' }, 'display_name'],
        [{ display_name: 'd'.repeat(1501) }, 'display_name'],
        [{ is_current: 'yes' }, 'is_current'],
        [{ metadata: [1, 2] }, 'metadata'],
      ] as const) {
        const res = await api.call(op, { path: offeringPath(api, offering.id), body })
        expect(res, JSON.stringify(body)).toMatchContract(400)
        expect(errorTypeOf(res)).toBe('parameter_error')
        expect(errorParamOf(res)).toBe(param)
      }
    })
  })

  it('returns 400 parameter_error for an id longer than 255 characters', async () => {
    await expectParameterError(
      api,
      op,
      { path: offeringPath(api, 'o'.repeat(256)), body: { display_name: 'x' } },
      'offering_id',
    )
  })
})
