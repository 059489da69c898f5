import { describe, expect, it } from 'vitest'
import {
  addSubscription,
  bodyOf,
  createTestCustomer,
  customerPath,
  errorParamOf,
  errorTypeOf,
  itemsOf,
  missingId,
  SANDBOX_ENTITLEMENTS,
  SANDBOX_PRODUCTS,
  whileLocked,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'refund-play-store-subscription-transaction'
const api = useTarget('revenuecat')

interface Transaction {
  object: string
  id: string
  expiration_date: number | null
  effective_expiration_date: number | null
}

const subscriptionPath = (id: string) => ({
  project_id: api.need('projectId'),
  subscription_id: id,
})
const refund = (subscriptionId: string, transactionId: string) =>
  api.call(op, { path: { ...subscriptionPath(subscriptionId), transaction_id: transactionId } })

/** A new customer's Play Store subscription of two periods, and its transactions. */
async function playStore(): Promise<{ customer: string; id: string; transactions: Transaction[] }> {
  const customer = await createTestCustomer(api)
  const sub = await addSubscription(api, customer, {
    product_id: SANDBOX_PRODUCTS.playStoreMonthly,
    store: 'play_store',
    periods: 2,
  })
  const res = await api.call('get-play-store-or-app-store-subscription-transactions', {
    path: subscriptionPath(sub.id),
  })
  expect(res).toMatchContract(200)
  return { customer, id: sub.id, transactions: itemsOf<Transaction>(res) }
}

describe(op, () => {
  it('refunds a Play Store transaction without ending access [refund-play-store-subscription-transaction]', async () => {
    api.needSandbox()
    const { customer, id, transactions } = await playStore()
    const current = transactions[1] as Transaction
    const res = await refund(id, current.id)
    expect(res).toMatchContract(200)
    const refunded = bodyOf<Transaction>(res)
    expect(refunded).toMatchObject({ object: 'subscription_transaction', id: current.id })
    expect(refunded.effective_expiration_date).toEqual(expect.any(Number))
    expect(refunded.effective_expiration_date).toBeLessThanOrEqual(current.expiration_date ?? 0)

    // Read back: the transaction shows its end, the subscription still gives access.
    const list = await api.call('get-play-store-or-app-store-subscription-transactions', {
      path: subscriptionPath(id),
    })
    expect(itemsOf<Transaction>(list)[1]).toEqual(refunded)
    const sub = await api.call('get-subscription', { path: subscriptionPath(id) })
    expect(sub).toMatchContract(200)
    expect(bodyOf(sub)).toMatchObject({
      gives_access: true,
      status: 'active',
      auto_renewal_status: 'will_renew',
      ends_at: null,
      total_revenue_in_usd: expect.objectContaining({ gross: 9.99 }),
    })
    const active = await api.call('get-customer', { path: customerPath(api, customer) })
    expect(
      bodyOf<{ active_entitlements: { items: Array<{ entitlement_id: string }> } }>(
        active,
      ).active_entitlements.items.map((e) => e.entitlement_id),
    ).toEqual([SANDBOX_ENTITLEMENTS.pro])
  })

  it('refunds an earlier transaction, keeping when it ended', async () => {
    api.needSandbox()
    const { id, transactions } = await playStore()
    const earlier = transactions[0] as Transaction
    const res = await refund(id, earlier.id)
    expect(res).toMatchContract(200)
    expect(bodyOf<Transaction>(res).effective_expiration_date).toBe(earlier.expiration_date)
  })

  it('returns 400 parameter_error for a transaction id longer than 255 characters', async () => {
    api.needSandbox()
    const { id } = await playStore()
    const res = await refund(id, 'x'.repeat(256))
    expect(res).toMatchContract(400)
    expect(errorTypeOf(res)).toBe('parameter_error')
    expect(errorParamOf(res)).toBe('transaction_id')
  })

  it('returns 400 parameter_error for a subscription id longer than 255 characters', async () => {
    const res = await refund('x'.repeat(256), 'tx')
    expect(res).toMatchContract(400)
    expect(errorParamOf(res)).toBe('subscription_id')
  })

  it('returns 404 resource_missing for an unknown transaction [refund-play-store-subscription-transaction: unknown transaction]', async () => {
    api.needSandbox()
    const { id } = await playStore()
    const res = await refund(id, missingId(api, 'transaction'))
    expect(res).toMatchContract(404)
    expect(errorTypeOf(res)).toBe('resource_missing')
  })

  it('returns 404 resource_missing for an unknown subscription [refund-play-store-subscription-transaction: unknown subscription]', async () => {
    const res = await refund(missingId(api, 'subscription'), missingId(api, 'transaction'))
    expect(res).toMatchContract(404)
    expect(errorTypeOf(res)).toBe('resource_missing')
  })

  it('returns 422 unprocessable_entity_error when refunding twice [refund-play-store-subscription-transaction: twice]', async () => {
    api.needSandbox()
    const { id, transactions } = await playStore()
    const current = transactions[1] as Transaction
    expect(await refund(id, current.id)).toMatchContract(200)
    const res = await refund(id, current.id)
    expect(res).toMatchContract(422)
    expect(errorTypeOf(res)).toBe('unprocessable_entity_error')
  })

  it('returns 422 unprocessable_entity_error for an App Store subscription [refund-play-store-subscription-transaction: app store subscription]', async () => {
    api.needSandbox()
    const customer = await createTestCustomer(api)
    const sub = await addSubscription(api, customer, {
      product_id: SANDBOX_PRODUCTS.appStoreMonthly,
      store: 'app_store',
    })
    const res = await refund(sub.id, `${sub.id}-tx00`)
    expect(res).toMatchContract(422)
    expect(errorTypeOf(res)).toBe('unprocessable_entity_error')
    const list = await api.call('get-play-store-or-app-store-subscription-transactions', {
      path: subscriptionPath(sub.id),
    })
    expect(itemsOf<Transaction>(list)[0]?.effective_expiration_date).toBeNull()
  })

  it('returns 423 resource_locked_error while another request holds the customer', async () => {
    api.needSandbox()
    const { customer, id, transactions } = await playStore()
    const current = transactions[1] as Transaction
    const res = await whileLocked(api, customer, () => refund(id, current.id))
    expect(res).toMatchContract(423)
    expect(errorTypeOf(res)).toBe('resource_locked_error')
    expect(await refund(id, current.id)).toMatchContract(200)
  })
})
