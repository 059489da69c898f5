// The current offering switch: the one file that changes which offering is current. It makes two
// offerings of its own, moves "current" between them, checks what the current one refuses, and
// puts the project's own current offering back before it deletes them, even when a step fails.
// Other files may create offerings meanwhile (never current), so the checks are about this
// file's two offerings and about the project having exactly one current offering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bodyOf, errorParamOf, errorTypeOf } from '../../support/revenuecat-data.ts'
import {
  allOfferings,
  createTestOffering,
  deleteTestOffering,
  type Offering,
  offeringPath,
} from '../../support/revenuecat-offerings.ts'
import { useTarget } from '../../support/target.ts'

const api = useTarget('revenuecat')

let original: Offering | undefined
let a: Offering
let b: Offering

const makeCurrent = async (offering: Offering) => {
  const res = await api.call('update-offering', {
    path: offeringPath(api, offering.id),
    body: { is_current: true },
  })
  expect(res).toMatchContract(200)
  return bodyOf<Offering>(res)
}

const currentOnes = async () => (await allOfferings(api)).filter((o) => o.is_current)

describe('the current offering', { timeout: 30_000 }, () => {
  beforeAll(async () => {
    original = (await currentOnes())[0]
    a = await createTestOffering(api)
    b = await createTestOffering(api)
  }, 30_000)
  afterAll(async () => {
    // Nothing made (a read-only remote skips the writes): nothing moved, nothing to put back.
    if ((a as Offering | undefined) === undefined) return
    // The project's own current offering back first: the current one is not deleted.
    if (original !== undefined) await makeCurrent(original)
    for (const mine of [b, a]) if (mine !== undefined) await deleteTestOffering(api, mine.id)
  }, 30_000)

  it('starts with exactly one current offering, and a new offering is not it', async () => {
    expect(original).toBeDefined()
    expect(await currentOnes()).toEqual([original])
    expect([a.is_current, b.is_current]).toEqual([false, false])
  })

  it('moves to an offering updated with is_current: true, and off every other', async () => {
    expect(await makeCurrent(a)).toMatchObject({ id: a.id, is_current: true })
    expect((await currentOnes()).map((o) => o.id)).toEqual([a.id])
    expect(await makeCurrent(b)).toMatchObject({ id: b.id, is_current: true })
    expect((await currentOnes()).map((o) => o.id)).toEqual([b.id])
    const read = await api.call('get-offering', { path: offeringPath(api, a.id) })
    expect(bodyOf<Offering>(read).is_current).toBe(false)
  })

  it('answers making the current offering current again as it is', async () => {
    expect(await makeCurrent(b)).toMatchObject({ id: b.id, is_current: true })
    expect((await currentOnes()).map((o) => o.id)).toEqual([b.id])
  })

  it('refuses is_current: false on the current offering with 422', async () => {
    const res = await api.call('update-offering', {
      path: offeringPath(api, b.id),
      body: { is_current: false, display_name: 'Not applied' },
    })
    expect(res).toMatchContract(422)
    expect(errorTypeOf(res)).toBe('unprocessable_entity_error')
    expect(errorParamOf(res)).toBe('is_current')
    const read = await api.call('get-offering', { path: offeringPath(api, b.id) })
    expect(bodyOf<Offering>(read)).toMatchObject({ is_current: true, display_name: b.display_name })
  })

  it('refuses to delete the current offering with 422', async () => {
    const res = await api.call('delete-offering', { path: offeringPath(api, b.id) })
    expect(res).toMatchContract(422)
    expect(errorTypeOf(res)).toBe('unprocessable_entity_error')
    expect((await currentOnes()).map((o) => o.id)).toEqual([b.id])
  })

  it('moves back to the project’s own current offering', async () => {
    if (original === undefined) throw new Error('the project had no current offering')
    expect(await makeCurrent(original)).toMatchObject({ id: original.id, is_current: true })
    expect((await currentOnes()).map((o) => o.id)).toEqual([original.id])
  })
})
