import { describe, expect, it } from 'vitest'
import { createFixedClock } from '../../../sandbox/clock.ts'
import { createIds } from '../../../sandbox/ids.ts'
import { simulateSubscription } from './checkout.ts'
import { isFailure } from './errors.ts'
import { createProjectData, newCustomer, type ProjectData } from './model.ts'
import {
  cancelSubscription,
  grantEntitlement,
  refundSubscription,
  refundTransaction,
  revokeGrantedEntitlement,
} from './subscriptions.ts'
import { activeEntitlements, givesAccessNow, statusNow } from './views.ts'

const DAY = 86_400_000

/** A project with one product unlocking `pro`, one entitlement (`ad_free`) no product unlocks, and a customer. */
function fixture() {
  const clock = createFixedClock('2026-01-15T12:00:00.000Z')
  const ids = createIds(7)
  const project: ProjectData = createProjectData()
  const now = clock.now().getTime()
  project.products.set('prod1', {
    id: 'prod1',
    storeIdentifier: 'web_monthly',
    type: 'subscription',
    appId: 'app1',
    displayName: 'Monthly',
    createdAt: now,
    subscription: { duration: 'P1M', gracePeriodDuration: null, trialDuration: null },
    oneTime: null,
  })
  project.entitlements.set('entl_pro', {
    id: 'entl_pro',
    lookupKey: 'pro',
    displayName: 'Pro',
    createdAt: now,
    productIds: ['prod1'],
  })
  project.entitlements.set('entl_ads', {
    id: 'entl_ads',
    lookupKey: 'ad_free',
    displayName: 'No ads',
    createdAt: now,
    productIds: [],
  })
  const customer = newCustomer('c1', now)
  project.customers.set(customer.id, customer)
  const at = () => clock.now().getTime()
  return { clock, ids, project, customer, at }
}

const ids = (project: ProjectData, at: number) =>
  activeEntitlements(project, 'c1', at).map((e) => e.entitlementId)

describe('cancelSubscription', () => {
  it('keeps access until the period ends on the clock, then the subscription expires', () => {
    const f = fixture()
    const sub = simulateSubscription(f.project, f.customer, { productId: 'prod1' }, f.at(), f.ids)
    if (sub === undefined) throw new Error('no subscription')
    const periodEnd = sub.currentPeriodEndsAt as number
    const cancelled = cancelSubscription(sub, f.at())
    expect(isFailure(cancelled)).toBe(false)
    expect(sub).toMatchObject({ autoRenewalStatus: 'will_not_renew', endsAt: periodEnd })
    expect(givesAccessNow(sub, f.at())).toBe(true)
    expect(ids(f.project, f.at())).toEqual(['entl_pro'])

    f.clock.set(new Date(periodEnd - 1))
    expect(givesAccessNow(sub, f.at())).toBe(true)
    expect(statusNow(sub, f.at())).toBe('active')

    f.clock.set(new Date(periodEnd))
    expect(givesAccessNow(sub, f.at())).toBe(false)
    expect(statusNow(sub, f.at())).toBe('expired')
    expect(ids(f.project, f.at())).toEqual([])
  })

  it('refuses a second cancel, another store and an expired subscription with 422', () => {
    const f = fixture()
    const web = simulateSubscription(f.project, f.customer, { productId: 'prod1' }, f.at(), f.ids)
    const store = simulateSubscription(
      f.project,
      f.customer,
      { productId: 'prod1', store: 'app_store' },
      f.at(),
      f.ids,
    )
    const ended = simulateSubscription(
      f.project,
      f.customer,
      { productId: 'prod1', ended: true },
      f.at(),
      f.ids,
    )
    if (web === undefined || store === undefined || ended === undefined) throw new Error('none')
    cancelSubscription(web, f.at())
    for (const sub of [web, store, ended])
      expect(cancelSubscription(sub, f.at())).toMatchObject({
        status: 422,
        type: 'unprocessable_entity_error',
      })
  })
})

describe('a scheduled product change', () => {
  it.each([
    ['cancelSubscription', cancelSubscription],
    ['refundSubscription', refundSubscription],
  ])('is dropped by %s: nothing renews into it', (_name, change) => {
    const f = fixture()
    const sub = simulateSubscription(
      f.project,
      f.customer,
      {
        productId: 'prod1',
        price: 10,
        autoRenewalStatus: 'will_change_product',
        pendingProductId: 'prod1',
      },
      f.at(),
      f.ids,
    )
    if (sub === undefined) throw new Error('no subscription')
    expect(sub.pendingProductId).toBe('prod1')
    expect(isFailure(change(sub, f.at()))).toBe(false)
    expect(sub).toMatchObject({ pendingProductId: null, autoRenewalStatus: 'will_not_renew' })
  })
})

describe('refundSubscription', () => {
  it('refunds the last payment and ends access now', () => {
    const f = fixture()
    const sub = simulateSubscription(
      f.project,
      f.customer,
      { productId: 'prod1', periods: 3 },
      f.at(),
      f.ids,
    )
    if (sub === undefined) throw new Error('no subscription')
    f.clock.advance(DAY)
    expect(isFailure(refundSubscription(sub, f.at()))).toBe(false)
    expect(sub.transactions.map((t) => t.refunded)).toEqual([false, false, true])
    expect(sub.transactions[2]?.effectiveExpirationDate).toBe(f.at())
    expect(sub).toMatchObject({ refundedAt: f.at(), endsAt: f.at(), status: 'expired' })
    expect(givesAccessNow(sub, f.at())).toBe(false)
    expect(ids(f.project, f.at())).toEqual([])
    expect(refundSubscription(sub, f.at())).toMatchObject({ status: 422 })
  })

  it('refuses a free trial with nothing paid', () => {
    const f = fixture()
    const trial = simulateSubscription(
      f.project,
      f.customer,
      { productId: 'prod1', status: 'trialing' },
      f.at(),
      f.ids,
    )
    if (trial === undefined) throw new Error('no subscription')
    expect(refundSubscription(trial, f.at())).toMatchObject({ status: 422 })
  })
})

describe('grantEntitlement and revokeGrantedEntitlement', () => {
  it('grants until expires_at, and access ends then on the clock', () => {
    const f = fixture()
    const expiresAt = f.at() + 10 * DAY
    const grant = grantEntitlement(
      f.project,
      f.customer,
      { entitlement_id: 'entl_ads', expires_at: expiresAt },
      f.at(),
      f.ids,
    )
    if (isFailure(grant)) throw new Error(grant.message)
    expect(grant).toMatchObject({
      store: 'promotional',
      productId: 'rc_promo_ad_free',
      grantedEntitlementId: 'entl_ads',
      endsAt: expiresAt,
      autoRenewalStatus: 'will_not_renew',
    })
    expect(activeEntitlements(f.project, 'c1', f.at())).toEqual([
      { entitlementId: 'entl_ads', expiresAt },
    ])
    f.clock.set(new Date(expiresAt))
    expect(ids(f.project, f.at())).toEqual([])
    // Once expired, the entitlement can be granted again.
    const again = grantEntitlement(
      f.project,
      f.customer,
      { entitlement_id: 'entl_ads', expires_at: f.at() + DAY },
      f.at(),
      f.ids,
    )
    expect(isFailure(again)).toBe(false)
  })

  it('refuses a past expires_at, an unknown entitlement and a second active grant', () => {
    const f = fixture()
    const grant = (entitlement_id: string, expires_at: number) =>
      grantEntitlement(f.project, f.customer, { entitlement_id, expires_at }, f.at(), f.ids)
    expect(grant('entl_ads', f.at())).toMatchObject({ status: 400, param: 'expires_at' })
    expect(grant('entl_nope', f.at() + DAY)).toMatchObject({ status: 404, param: 'entitlement_id' })
    expect(isFailure(grant('entl_ads', f.at() + DAY))).toBe(false)
    expect(grant('entl_ads', f.at() + 2 * DAY)).toMatchObject({
      status: 409,
      type: 'resource_already_exists',
    })
  })

  it('revokes only a grant: a purchased entitlement is 422, none at all is 404', () => {
    const f = fixture()
    simulateSubscription(f.project, f.customer, { productId: 'prod1' }, f.at(), f.ids)
    grantEntitlement(
      f.project,
      f.customer,
      { entitlement_id: 'entl_ads', expires_at: f.at() + DAY },
      f.at(),
      f.ids,
    )
    expect(revokeGrantedEntitlement(f.project, f.customer, 'entl_pro', f.at())).toMatchObject({
      status: 422,
      type: 'unprocessable_entity_error',
    })
    const revoked = revokeGrantedEntitlement(f.project, f.customer, 'entl_ads', f.at())
    expect(revoked).toMatchObject({ status: 'expired', endsAt: f.at() })
    expect(ids(f.project, f.at())).toEqual(['entl_pro'])
    expect(revokeGrantedEntitlement(f.project, f.customer, 'entl_ads', f.at())).toMatchObject({
      status: 404,
      param: 'entitlement_id',
    })
  })
})

describe('refundTransaction', () => {
  it('refunds a Play Store transaction without ending the subscription, once', () => {
    const f = fixture()
    const sub = simulateSubscription(
      f.project,
      f.customer,
      { productId: 'prod1', store: 'play_store', periods: 2 },
      f.at(),
      f.ids,
    )
    if (sub === undefined) throw new Error('no subscription')
    const [, current] = sub.transactions
    if (current === undefined) throw new Error('no transaction')
    const refunded = refundTransaction(sub, current.id, f.at())
    expect(refunded).toMatchObject({ refunded: true, effectiveExpirationDate: f.at() })
    expect(givesAccessNow(sub, f.at())).toBe(true)
    expect(refundTransaction(sub, current.id, f.at())).toMatchObject({ status: 422 })
    expect(refundTransaction(sub, 'nope', f.at())).toMatchObject({ status: 404 })
  })
})
