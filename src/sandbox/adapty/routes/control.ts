/**
 * Sandbox control endpoints under /__sandbox/ (not part of Adapty's API): inspection and test
 * hooks for suites and Newman scripts. They need the same API key as the emulated app.
 */
import { Hono } from 'hono'
import type { SelfCheckLog } from '../../self-check.ts'
import type { AdaptyEnv } from '../env.ts'

/** Builds the control routes; `selfCheck` is the log the self-check middleware writes to. */
export function createControlRoutes(selfCheck: SelfCheckLog | undefined): Hono<AdaptyEnv> {
  const control = new Hono<AdaptyEnv>()

  /** Problems the self-check found so far (empty when the sandbox kept its contract). */
  control.get('/self-check', (c) =>
    c.json({ enabled: selfCheck !== undefined, problems: selfCheck?.problems ?? [] }),
  )

  /** The customer user ids of every profile in the app (used to prove cleanup). */
  control.get('/profiles', (c) =>
    c.json({
      profiles: [...c.get('store').profiles.values()].map((p) => ({
        profile_id: p.profileId,
        customer_user_id: p.customerUserId,
      })),
    }),
  )
  return control
}
