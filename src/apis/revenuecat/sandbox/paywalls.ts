/**
 * Paywalls, free of HTTP: one per offering (S-42). A paywall made through the API starts as an
 * unnamed, unpublished draft with no components; its `components` are opaque to the sandbox and
 * kept as the seed gives them.
 */
import type { Ids } from '../../../sandbox/ids.ts'
import { newId } from './checkout.ts'
import { type RevenueCatFailure, revenuecatFailure } from './errors.ts'
import type { PaywallRecord, ProjectData } from './model.ts'
import { removeFrom } from './model.ts'

/** The project's paywalls in creation order. */
export function paywallsOf(data: ProjectData): PaywallRecord[] {
  return [...data.paywalls.values()]
}

/**
 * A new paywall for an offering of the project: an offering it lacks is 404 on `offering_id`,
 * and one that has a paywall already is 409 on `offering_id`.
 */
export function createPaywall(
  data: ProjectData,
  offeringId: string,
  now: number,
  ids: Ids,
): PaywallRecord | RevenueCatFailure {
  if (!data.offerings.has(offeringId))
    return revenuecatFailure(
      404,
      'resource_missing',
      `Offering "${offeringId}" does not exist in the project.`,
      'offering_id',
    )
  const existing = paywallsOf(data).find((p) => p.offeringId === offeringId)
  if (existing !== undefined)
    return revenuecatFailure(
      409,
      'resource_already_exists',
      `Offering "${offeringId}" already has paywall "${existing.id}".`,
      'offering_id',
    )
  const paywall: PaywallRecord = {
    id: newId(ids, 'pw'),
    name: null,
    offeringId,
    createdAt: now,
    publishedAt: null,
    components: null,
  }
  data.paywalls.set(paywall.id, paywall)
  return paywall
}

/** Deletes a paywall; its offering stays. */
export function deletePaywall(data: ProjectData, paywall: PaywallRecord): PaywallRecord {
  removeFrom(data, data.paywalls, paywall.id)
  return paywall
}
