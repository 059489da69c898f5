/**
 * RevenueCat's sandbox control routes under /__sandbox/ (not part of the vendor's API): the
 * customers that exist (to prove a cleanup), store purchases a test needs (no v2 operation makes
 * one), and a held customer (423). They need a key of the sandbox; a project it does not open is
 * 404, like the API's.
 */
import { type Context, Hono } from 'hono'
import type { SandboxEnv } from '../../../../api/api-definition.ts'
import {
  type PurchaseInput,
  type SubscriptionInput,
  simulatePurchase,
  simulateSubscription,
} from '../checkout.ts'
import type { CustomerRecord, ProjectData } from '../model.ts'
import type { RevenueCatState } from '../state.ts'
import { purchaseWire, subscriptionWire } from '../views.ts'

type Found = { project: ProjectData; projectId: string; customer: CustomerRecord }

function customerOf(c: Context<SandboxEnv>): Found | Response {
  const state = c.get('state') as RevenueCatState
  const projectId = c.req.param('project_id') ?? ''
  const project = state.project(projectId)
  if (project === undefined) return c.json({ error: `unknown project "${projectId}"` }, 404)
  const id = c.req.param('customer_id') ?? ''
  const customer = project.data.customers.get(id)
  if (customer === undefined) return c.json({ error: `unknown customer "${id}"` }, 404)
  return { project: project.data, projectId, customer }
}

async function bodyOf(c: Context<SandboxEnv>): Promise<Record<string, unknown>> {
  const body = (await c.req.json().catch(() => ({}))) as unknown
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}
}

/** The optional fields a simulated subscription and purchase share. */
function ownedFields(body: Record<string, unknown>): {
  presentedOfferingId?: string
  country?: string
  ownership?: 'purchased' | 'family_shared'
} {
  return {
    ...(typeof body.presented_offering_id === 'string'
      ? { presentedOfferingId: body.presented_offering_id }
      : {}),
    ...(typeof body.country === 'string' ? { country: body.country } : {}),
    ...(body.ownership === 'family_shared' || body.ownership === 'purchased'
      ? { ownership: body.ownership as 'purchased' | 'family_shared' }
      : {}),
  }
}

/** snake_case control input → the checkout's input. */
function subscriptionInput(body: Record<string, unknown>): SubscriptionInput {
  return {
    productId: '',
    ...(typeof body.store === 'string'
      ? { store: body.store as NonNullable<SubscriptionInput['store']> }
      : {}),
    ...(typeof body.status === 'string'
      ? { status: body.status as NonNullable<SubscriptionInput['status']> }
      : {}),
    ...(typeof body.environment === 'string'
      ? { environment: body.environment as NonNullable<SubscriptionInput['environment']> }
      : {}),
    ...(typeof body.period_days === 'number' ? { periodDays: body.period_days } : {}),
    ...(typeof body.periods === 'number' ? { periods: body.periods } : {}),
    ...(typeof body.price === 'number' ? { price: body.price } : {}),
    ...(typeof body.auto_renewal_status === 'string'
      ? {
          autoRenewalStatus: body.auto_renewal_status as NonNullable<
            SubscriptionInput['autoRenewalStatus']
          >,
        }
      : {}),
    ...(body.ended === true ? { ended: true } : {}),
    ...(typeof body.pending_product_id === 'string'
      ? { pendingProductId: body.pending_product_id }
      : {}),
    ...ownedFields(body),
  }
}

/**
 * The product a simulated purchase is of: the one named, or else the project's first product
 * of an app of the purchase's store (a subscription product for a subscription, another kind for
 * a one-time purchase), so that a client needs no product id (the collection knows none).
 */
function productFor(
  project: ProjectData,
  body: Record<string, unknown>,
  subscription: boolean,
): string {
  if (typeof body.product_id === 'string') return body.product_id
  const store = typeof body.store === 'string' ? body.store : 'rc_billing'
  const product = [...project.products.values()].find(
    (p) =>
      project.apps.get(p.appId)?.type === store && (p.type === 'subscription') === subscription,
  )
  return product?.id ?? ''
}

/** Builds the control routes. */
export function createControlRoutes(): Hono<SandboxEnv> {
  const control = new Hono<SandboxEnv>()
  const path = '/projects/:project_id/customers/:customer_id'

  /** Every customer of the projects the calling key opens (used to prove cleanup). */
  control.get('/customers', (c) => {
    const state = c.get('state') as RevenueCatState
    return c.json({
      customers: state
        .projects()
        .flatMap((p) => [...p.data.customers.keys()].map((id) => ({ project_id: p.id, id }))),
    })
  })

  /**
   * Everything of the key's projects that a run may have made and must remove, as the run ledger
   * names it (src/apis/revenuecat/test-data.ts): customers by id, configuration objects by kind
   * and the name the ledger keys them by. Whatever is `subcontract-<run>-…` is that run's.
   */
  control.get('/test-data', (c) => {
    const state = c.get('state') as RevenueCatState
    return c.json({
      objects: state.projects().flatMap((p) => {
        const d = p.data
        const at = (kind: string, name: string, extra: Record<string, string> = {}) => ({
          project_id: p.id,
          kind,
          name,
          ...extra,
        })
        return [
          ...[...d.customers.keys()].map((id) => at('customer', id)),
          ...[...d.apps.values()].map((a) => at('app', a.name, { id: a.id })),
          ...[...d.products.values()].map((r) => at('product', r.storeIdentifier, { id: r.id })),
          ...[...d.entitlements.values()].map((e) => at('entitlement', e.lookupKey, { id: e.id })),
          ...[...d.offerings.values()].map((o) => at('offering', o.lookupKey, { id: o.id })),
          ...[...d.packages.values()].map((k) =>
            at('package', k.lookupKey, { id: k.id, offering_id: k.offeringId }),
          ),
          ...[...d.webhooks.values()].map((w) => at('webhook', w.name, { id: w.id })),
          ...[...d.virtualCurrencies.values()].map((v) => at('currency', v.name, { id: v.code })),
        ]
      }),
    })
  })

  /** Records a store subscription of the customer, bought now; answers it as the API would. */
  control.post(`${path}/subscriptions`, async (c) => {
    const found = customerOf(c)
    if (found instanceof Response) return found
    const state = c.get('state') as RevenueCatState
    const now = state.store.clock.now().getTime()
    const body = await bodyOf(c)
    const input = { ...subscriptionInput(body), productId: productFor(found.project, body, true) }
    const sub = simulateSubscription(found.project, found.customer, input, now, state.store.ids)
    if (sub === undefined) return c.json({ error: `unknown product "${input.productId}"` }, 400)
    // The store transactions' ids too, which no subscription answer lists (a control answer only).
    return c.json(
      {
        ...subscriptionWire(found.projectId, found.project, sub, now),
        transaction_ids: sub.transactions.map((tx) => tx.id),
      },
      201,
    )
  })

  /** Records a one-time purchase of the customer, made now; answers it as the API would. */
  control.post(`${path}/purchases`, async (c) => {
    const found = customerOf(c)
    if (found instanceof Response) return found
    const state = c.get('state') as RevenueCatState
    const now = state.store.clock.now().getTime()
    const body = await bodyOf(c)
    const input: PurchaseInput = {
      productId: productFor(found.project, body, false),
      ...ownedFields(body),
      ...(typeof body.quantity === 'number' ? { quantity: body.quantity } : {}),
      ...(typeof body.price === 'number' ? { price: body.price } : {}),
      ...(typeof body.store === 'string'
        ? { store: body.store as NonNullable<PurchaseInput['store']> }
        : {}),
      ...(typeof body.environment === 'string'
        ? { environment: body.environment as NonNullable<PurchaseInput['environment']> }
        : {}),
    }
    const purchase = simulatePurchase(found.project, found.customer, input, now, state.store.ids)
    if (purchase === undefined)
      return c.json({ error: `unknown product "${input.productId}"` }, 400)
    return c.json(purchaseWire(found.projectId, found.project, purchase), 201)
  })

  /**
   * Records what the vendor's SDK reports of the customer: seen now, with its app version,
   * country, platform and platform version, an experiment enrollment and further app user ids.
   */
  control.post(`${path}/seen`, async (c) => {
    const found = customerOf(c)
    if (found instanceof Response) return found
    const state = c.get('state') as RevenueCatState
    const now = state.store.clock.now().getTime()
    const body = await bodyOf(c)
    const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : null)
    const { customer } = found
    customer.lastSeenAt = now
    customer.lastSeenAppVersion = text('app_version')
    customer.lastSeenCountry = text('country')
    customer.lastSeenPlatform = text('platform')
    customer.lastSeenPlatformVersion = text('platform_version')
    const experiment = body.experiment as Record<string, unknown> | undefined
    if (typeof experiment === 'object' && experiment !== null)
      customer.experiment = {
        id: String(experiment.id ?? ''),
        name: String(experiment.name ?? ''),
        variant: String(experiment.variant ?? 'a'),
      }
    for (const alias of Array.isArray(body.aliases) ? body.aliases : [])
      if (typeof alias === 'string') customer.aliases.push({ id: alias, createdAt: now })
    return c.json({ seen: customer.id })
  })

  /** Holds the customer as if another request were changing it: its writes answer 423. */
  control.post(`${path}/lock`, (c) => {
    const found = customerOf(c)
    if (found instanceof Response) return found
    found.project.locked.add(found.customer.id)
    return c.json({ locked: found.customer.id })
  })

  /** Lets the customer go again. */
  control.post(`${path}/unlock`, (c) => {
    const found = customerOf(c)
    if (found instanceof Response) return found
    found.project.locked.delete(found.customer.id)
    return c.json({ unlocked: found.customer.id })
  })
  return control
}
