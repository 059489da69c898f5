import { describe, expect, it } from 'vitest'
import {
  allItems,
  bodyOf,
  expectMissing,
  expectParameterError,
  missingId,
  projectPath,
} from '../support/revenuecat-data.ts'
import {
  createTestOffering,
  createTestPackage,
  offeringPath,
  type Paywall,
  packagePath,
  paywallPath,
} from '../support/revenuecat-offerings.ts'
import { useTarget } from '../support/target.ts'

const op = 'delete-offering'
const api = useTarget('revenuecat')

// That the current offering is not deleted is in flows/current-offering.test.ts.
// A generous timeout: on a loaded machine the first contract check of the nested offering
// schemas takes seconds.
describe(op, { timeout: 30_000 }, () => {
  it('deletes an offering, which is gone afterwards [delete-offering]', async () => {
    const offering = await createTestOffering(api)
    const res = await api.call(op, { path: offeringPath(api, offering.id) })
    expect(res).toMatchContract(200)
    expect(bodyOf(res)).toEqual({
      object: 'offering',
      id: offering.id,
      deleted_at: expect.any(Number),
    })
    await expectMissing(api, 'get-offering', { path: offeringPath(api, offering.id) })
  })

  it('deletes its packages and its paywall with it', async () => {
    const offering = await createTestOffering(api)
    const pkg = await createTestPackage(api, offering.id)
    const made = await api.call('create-paywall', {
      path: projectPath(api),
      body: { offering_id: offering.id },
    })
    expect(made).toMatchContract(201)
    const paywall = bodyOf<Paywall>(made)
    expect(await api.call(op, { path: offeringPath(api, offering.id) })).toMatchContract(200)
    await expectMissing(api, 'get-package', { path: packagePath(api, pkg.id) })
    await expectMissing(api, 'get-paywall', { path: paywallPath(api, paywall.id) })
  })

  it('leaves every write of the offering, its package and paywall in the audit log', async () => {
    api.needSandbox()
    const offering = await createTestOffering(api)
    const pkg = await createTestPackage(api, offering.id)
    const path = offeringPath(api, offering.id)
    expect(
      await api.call('update-offering', { path, body: { display_name: 'x' } }),
    ).toMatchContract(200)
    const made = await api.call('create-paywall', {
      path: projectPath(api),
      body: { offering_id: offering.id },
    })
    const paywall = bodyOf<Paywall>(made)
    expect(
      await api.call('delete-paywall', { path: paywallPath(api, paywall.id) }),
    ).toMatchContract(200)
    expect(await api.call(op, { path })).toMatchContract(200)
    const logs = await allItems<{ id: string; action_type: string; target_identifier: string }>(
      api,
      'list-audit-logs',
      projectPath(api),
      'id',
      { limit: '100' },
    )
    const mine = new Set([offering.id, pkg.id, paywall.id])
    expect(logs.filter((l) => mine.has(l.target_identifier)).map((l) => l.action_type)).toEqual([
      // list-audit-logs answers the newest first.
      'offering.deleted',
      'paywall.deleted',
      'paywall.created',
      'offering.updated',
      'package.created',
      'offering.created',
    ])
  })

  it('returns 404 resource_missing for an offering the project does not have, or deleted [delete-offering: unknown offering]', async () => {
    await expectMissing(api, op, { path: offeringPath(api, missingId(api, 'offering')) })
    const offering = await createTestOffering(api)
    expect(await api.call(op, { path: offeringPath(api, offering.id) })).toMatchContract(200)
    await expectMissing(api, op, { path: offeringPath(api, offering.id) })
  })

  it('returns 400 parameter_error for an id longer than 255 characters', async () => {
    await expectParameterError(api, op, { path: offeringPath(api, 'o'.repeat(256)) }, 'offering_id')
  })
})
