import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  errorParamOf,
  errorTypeOf,
  projectPath,
  runLabel,
} from '../support/revenuecat-data.ts'
import {
  createTestOffering,
  deleteTestOffering,
  type Offering,
  offeringPath,
} from '../support/revenuecat-offerings.ts'
import { useTarget } from '../support/target.ts'

const op = 'create-offering'
const api = useTarget('revenuecat')

// A generous timeout: on a loaded machine the first contract check of the nested offering
// schemas takes seconds.
describe(op, { timeout: 30_000 }, () => {
  it('creates an offering that is not current, read back by get-offering [create-offering]', async () => {
    const lookup = runLabel(api)
    const res = await api.call(op, {
      path: projectPath(api),
      body: { lookup_key: lookup, display_name: 'Spring sale' },
    })
    expect(res).toMatchContract(201)
    const offering = bodyOf<Offering>(res)
    try {
      expect(offering).toMatchObject({
        object: 'offering',
        lookup_key: lookup,
        display_name: 'Spring sale',
        is_current: false,
        project_id: api.need('projectId'),
      })
      expect(offering.created_at).toEqual(expect.any(Number))
      expect(offering).not.toHaveProperty('packages')
      const read = await api.call('get-offering', { path: offeringPath(api, offering.id) })
      expect(read).toMatchContract(200)
      expect(bodyOf(read)).toEqual(offering)
    } finally {
      await deleteTestOffering(api, offering.id)
    }
  })

  it('keeps the metadata as given [create-offering: metadata]', async () => {
    const metadata = { theme: 'light', tiers: [1, 2], nested: { cta: 'Start now' } }
    const offering = await createTestOffering(api, { metadata })
    try {
      expect(offering.metadata).toEqual(metadata)
      const read = await api.call('get-offering', { path: offeringPath(api, offering.id) })
      expect(bodyOf<Offering>(read).metadata).toEqual(metadata)
    } finally {
      await deleteTestOffering(api, offering.id)
    }
  })

  it('returns 409 resource_already_exists for a lookup_key the project has [create-offering: duplicate lookup_key]', async () => {
    const offering = await createTestOffering(api)
    try {
      const res = await api.call(op, {
        path: projectPath(api),
        body: { lookup_key: offering.lookup_key, display_name: 'Again' },
      })
      expect(res).toMatchContract(409)
      expect(errorTypeOf(res)).toBe('resource_already_exists')
      expect(errorParamOf(res)).toBe('lookup_key')
    } finally {
      await deleteTestOffering(api, offering.id)
    }
  })

  it('returns 400 parameter_error for a missing, empty or too long field [create-offering: missing display_name]', async () => {
    const lookup = runLabel(api)
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ lookup_key: lookup }, 'display_name'],
      [{ display_name: 'x' }, 'lookup_key'],
      [{ lookup_key: '', display_name: 'x' }, 'lookup_key'],
      [{ lookup_key: 'k'.repeat(201), display_name: 'x' }, 'lookup_key'],
      [{ lookup_key: lookup, display_name: '' }, 'display_name'],
      [{ lookup_key: lookup, display_name: 'd'.repeat(1501) }, 'display_name'],
      [{ lookup_key: lookup, display_name: 7 }, 'display_name'],
      [{ lookup_key: lookup, display_name: 'x', metadata: 'dark' }, 'metadata'],
    ]
    for (const [body, param] of cases) {
      const res = await api.call(op, { path: projectPath(api), body })
      expect(res, JSON.stringify(body)).toMatchContract(400)
      expect(errorTypeOf(res)).toBe('parameter_error')
      expect(errorParamOf(res)).toBe(param)
    }
  })
})
