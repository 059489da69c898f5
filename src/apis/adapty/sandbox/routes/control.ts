/**
 * Sandbox control endpoints under /__sandbox/ (not part of Adapty's API): inspection and test
 * hooks for suites and Newman scripts. They need the same API key as the emulated app.
 */
import { type Context, Hono } from 'hono'
import type { AdaptyEnv } from '../env.ts'
import { type AdaptyStore, createVcHold, type ProfileRecord, type VcHold } from '../state/store.ts'

/** Builds Adapty's control routes (the shared pipeline serves /__sandbox/self-check and faults). */
export function createControlRoutes(): Hono<AdaptyEnv> {
  const control = new Hono<AdaptyEnv>()
  const holds = new Map<string, VcHold>()

  /** The customer user ids of every profile in the app (used to prove cleanup). */
  control.get('/profiles', (c) =>
    c.json({
      profiles: [...c.get('store').profiles.values()].map((p) => ({
        profile_id: p.profileId,
        customer_user_id: p.customerUserId,
      })),
    }),
  )
  /**
   * Holds the next virtual currency transaction of a profile after it registers its
   * Idempotency-Key, so a test can send a second request while the first is in flight.
   */
  control.post('/vc/hold', async (c) => {
    const profile = profileOf(c.get('store'), await customerOf(c))
    if (profile === undefined) return c.json({ error: 'unknown customer_user_id' }, 404)
    const hold = createVcHold()
    c.get('store').vcHolds.set(profile.profileId, hold)
    holds.set(profile.profileId, hold)
    return c.json({ held: profile.profileId })
  })

  /** Answers once the held request has arrived (long poll; no sleeping on either side). */
  control.get('/vc/held', async (c) => {
    const profile = profileOf(c.get('store'), c.req.query('customer_user_id') ?? '')
    const hold = profile === undefined ? undefined : holds.get(profile.profileId)
    if (hold === undefined) return c.json({ error: 'nothing is held for this customer' }, 404)
    await hold.arrived
    return c.json({ arrived: true })
  })

  /** Lets the held request finish. */
  control.post('/vc/release', async (c) => {
    const profile = profileOf(c.get('store'), await customerOf(c))
    const hold = profile === undefined ? undefined : holds.get(profile.profileId)
    if (profile === undefined || hold === undefined)
      return c.json({ error: 'nothing is held for this customer' }, 404)
    holds.delete(profile.profileId)
    c.get('store').vcHolds.delete(profile.profileId)
    hold.release()
    return c.json({ released: true })
  })
  return control
}

async function customerOf(c: Context<AdaptyEnv>): Promise<string> {
  const body = (await c.req.json().catch(() => ({}))) as { customer_user_id?: unknown }
  return typeof body.customer_user_id === 'string' ? body.customer_user_id : ''
}

function profileOf(store: AdaptyStore, customerUserId: string): ProfileRecord | undefined {
  const id = store.profileIdByCustomerUserId.get(customerUserId)
  return id === undefined ? undefined : store.profiles.get(id)
}
