import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  customerPath,
  errorParamOf,
  errorTypeOf,
  itemsOf,
  missingId,
  SANDBOX_CUSTOMERS,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'get-subscription'
const api = useTarget('revenuecat')

interface Subscription {
  id: string
  customer_id: string
  status: string
  gives_access: boolean
  store: string
  auto_renewal_status: string
  pending_changes: { product: { id: string } } | null
  management_url: string | null
}

/**
 * The seeded subscriptions (fixtures/seeds/revenuecat/default.json, sandbox only) and what each
 * shows now: `ended` when it has an end date (expired, refunded, cancelled or granted until then).
 */
const SEEDED = [
  {
    id: 'sub5eed0001',
    customer_id: SANDBOX_CUSTOMERS.active,
    store: 'app_store',
    status: 'active',
    gives_access: true,
    auto_renewal_status: 'will_change_product',
    ended: false,
  },
  {
    id: 'sub5eed0003',
    customer_id: SANDBOX_CUSTOMERS.trial,
    store: 'play_store',
    status: 'trialing',
    gives_access: true,
    auto_renewal_status: 'will_renew',
    ended: false,
  },
  {
    id: 'sub5eed0004',
    customer_id: SANDBOX_CUSTOMERS.grace,
    store: 'play_store',
    status: 'in_grace_period',
    gives_access: true,
    auto_renewal_status: 'will_renew',
    ended: false,
  },
  {
    id: 'sub5eed0005',
    customer_id: SANDBOX_CUSTOMERS.billingRetry,
    store: 'app_store',
    status: 'in_billing_retry',
    gives_access: false,
    auto_renewal_status: 'will_renew',
    ended: false,
  },
  {
    id: 'sub5eed0006',
    customer_id: SANDBOX_CUSTOMERS.paused,
    store: 'play_store',
    status: 'paused',
    gives_access: false,
    auto_renewal_status: 'will_renew',
    ended: false,
  },
  {
    id: 'sub5eed0007',
    customer_id: SANDBOX_CUSTOMERS.paused,
    store: 'mac_app_store',
    status: 'active',
    gives_access: true,
    auto_renewal_status: 'requires_price_increase_consent',
    ended: false,
  },
  {
    id: 'sub5eed0008',
    customer_id: SANDBOX_CUSTOMERS.paused,
    store: 'amazon',
    status: 'active',
    gives_access: true,
    auto_renewal_status: 'will_pause',
    ended: false,
  },
  {
    id: 'sub5eed0009',
    customer_id: SANDBOX_CUSTOMERS.expired,
    store: 'app_store',
    status: 'expired',
    gives_access: false,
    auto_renewal_status: 'will_not_renew',
    ended: true,
    ownership: 'family_shared',
  },
  {
    id: 'sub5eed0010',
    customer_id: SANDBOX_CUSTOMERS.web,
    store: 'rc_billing',
    status: 'active',
    gives_access: true,
    auto_renewal_status: 'will_renew',
    ended: false,
  },
  {
    id: 'sub5eed0011',
    customer_id: SANDBOX_CUSTOMERS.web,
    store: 'stripe',
    status: 'active',
    gives_access: true,
    auto_renewal_status: 'has_already_renewed',
    ended: false,
  },
  {
    id: 'sub5eed0017',
    customer_id: SANDBOX_CUSTOMERS.refunded,
    store: 'rc_billing',
    status: 'expired',
    gives_access: false,
    auto_renewal_status: 'will_not_renew',
    ended: true,
  },
  {
    id: 'sub5eed0019',
    customer_id: SANDBOX_CUSTOMERS.granted,
    store: 'promotional',
    status: 'active',
    gives_access: true,
    auto_renewal_status: 'will_not_renew',
    ended: true,
  },
  {
    id: 'sub5eed0020',
    customer_id: SANDBOX_CUSTOMERS.granted,
    store: 'promotional',
    status: 'expired',
    gives_access: false,
    auto_renewal_status: 'will_not_renew',
    ended: true,
  },
  {
    id: 'sub5eed0201',
    customer_id: SANDBOX_CUSTOMERS.variety,
    store: 'stripe',
    status: 'unknown',
    gives_access: false,
    auto_renewal_status: 'will_renew',
    ended: false,
  },
  {
    id: 'sub5eed0202',
    customer_id: SANDBOX_CUSTOMERS.variety,
    store: 'rc_billing',
    status: 'incomplete',
    gives_access: false,
    auto_renewal_status: 'will_renew',
    ended: false,
  },
  {
    id: 'sub5eed0203',
    customer_id: SANDBOX_CUSTOMERS.variety,
    store: 'app_store',
    status: 'active',
    gives_access: true,
    auto_renewal_status: 'will_change_product',
    ended: false,
    ownership: 'family_shared',
  },
]

const path = (id: string) => ({ project_id: api.need('projectId'), subscription_id: id })
const get = (id: string) => api.call(op, { path: path(id) })

/** The first subscription of a seeded customer (sandbox only). */
async function seeded(customerId: string): Promise<Subscription> {
  api.needSandbox()
  const res = await api.call('list-subscriptions', { path: customerPath(api, customerId) })
  expect(res).toMatchContract(200)
  const [first] = itemsOf<Subscription>(res)
  if (first === undefined) throw new Error(`${customerId} has no subscription`)
  return first
}

describe(op, () => {
  it('returns a subscription [get-subscription]', async () => {
    const id = api.need('subscriptionId')
    const res = await get(id)
    expect(res).toMatchContract(200)
    expect(bodyOf<Subscription>(res)).toMatchObject({ id, customer_id: api.need('customerId') })
  })

  it('is what list-subscriptions shows of it', async () => {
    const id = api.need('subscriptionId')
    const res = await get(id)
    expect(res).toMatchContract(200)
    const list = await api.call('list-subscriptions', {
      path: customerPath(api, api.need('customerId')),
    })
    expect(itemsOf<Subscription>(list).find((s) => s.id === id)).toEqual(bodyOf(res))
  })

  it('shows a pending product change and the store management page', async () => {
    const sub = await seeded(SANDBOX_CUSTOMERS.active)
    const res = await get(sub.id)
    expect(res).toMatchContract(200)
    expect(bodyOf<Subscription>(res)).toMatchObject({
      store: 'app_store',
      status: 'active',
      gives_access: true,
      auto_renewal_status: 'will_change_product',
      pending_changes: { product: expect.objectContaining({ object: 'product' }) },
      management_url: expect.stringMatching(/^https:\/\//),
    })
  })

  it.each(SEEDED)('shows seeded $id as $status ($store, $auto_renewal_status)', async (row) => {
    api.needSandbox()
    const res = await get(row.id)
    expect(res).toMatchContract(200)
    const { ended, ...fields } = row
    expect(bodyOf<Subscription>(res)).toMatchObject({
      ...fields,
      ends_at: ended ? expect.any(Number) : null,
    })
  })

  it('shows a family-shared subscription changing to a product with a grace period and a trial', async () => {
    api.needSandbox()
    const res = await get('sub5eed0203')
    expect(res).toMatchContract(200)
    expect(bodyOf<Subscription>(res)).toMatchObject({
      customer_id: SANDBOX_CUSTOMERS.variety,
      ownership: 'family_shared',
      auto_renewal_status: 'will_change_product',
      pending_changes: {
        product: expect.objectContaining({
          id: 'prod5eed0001',
          subscription: expect.objectContaining({
            duration: 'P1M',
            grace_period_duration: 'P16D',
            trial_duration: 'P1W',
          }),
        }),
      },
    })
  })

  it('returns 400 parameter_error for an id longer than 255 characters', async () => {
    const res = await get('x'.repeat(256))
    expect(res).toMatchContract(400)
    expect(errorTypeOf(res)).toBe('parameter_error')
    expect(errorParamOf(res)).toBe('subscription_id')
  })

  it('returns 404 resource_missing for an unknown subscription [get-subscription: unknown subscription]', async () => {
    const res = await get(missingId(api, 'subscription'))
    expect(res).toMatchContract(404)
    expect(errorTypeOf(res)).toBe('resource_missing')
  })
})
