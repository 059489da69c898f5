/**
 * The Adapty emulator as the shared pipeline sees it (src/sandbox/create-api-app.ts): the seeded
 * apps by API key, the operation routes, the identification-header limit and the control routes.
 */
import { Hono, type MiddlewareHandler } from 'hono'
import type { ApiSandbox, SandboxDeps } from '../../../api/api-definition.ts'
import { HarnessError } from '../../../errors.ts'
import type { AdaptyEnv } from './env.ts'
import { adaptyError, overlongIdHeader } from './errors.ts'
import { accessLevelRoutes } from './routes/access-levels.ts'
import { createControlRoutes } from './routes/control.ts'
import { integrationRoutes } from './routes/integrations.ts'
import { paywallRoutes } from './routes/paywalls.ts'
import { profileRoutes } from './routes/profiles.ts'
import { purchaseRoutes } from './routes/purchases.ts'
import { refundSaverRoutes } from './routes/refund-saver.ts'
import { storeValidationRoutes } from './routes/store-validation.ts'
import { virtualCurrencyRoutes } from './routes/virtual-currency.ts'
import { buildStores, readSeed, type Seed } from './seed.ts'
import type { AdaptyStore } from './state/store.ts'

/** The pipeline's `state` is the app's store; Adapty routes read it as `store`. */
const typedStore: MiddlewareHandler<AdaptyEnv> = async (c, next) => {
  c.set('store', c.get('state') as AdaptyStore)
  return next()
}

/** An identification header over the length limit answers before the route runs. */
const idHeaderLimit: MiddlewareHandler<AdaptyEnv> = async (c, next) => {
  // Control routes (/__sandbox/…) have no operation.
  const op = c.get('op') as AdaptyEnv['Variables']['op'] | undefined
  const problem = op === undefined ? undefined : overlongIdHeader(op, (n) => c.req.header(n))
  return problem === undefined ? next() : adaptyError(c, problem)
}

/** The seed's apps with their keys replaced where `apiKeys` names them (by app name). */
function withKeys(seed: Seed, apiKeys: Readonly<Record<string, string>> = {}): Seed {
  return { ...seed, apps: seed.apps.map((a) => ({ ...a, apiKey: apiKeys[a.name] ?? a.apiKey })) }
}

/** Builds the Adapty emulator from a seed; `apps` replaces the seeded stores (tests). */
export function createAdaptySandbox(
  deps: SandboxDeps,
  apps?: ReadonlyMap<string, AdaptyStore>,
): ApiSandbox<AdaptyEnv> {
  const seed = withKeys(readSeed(deps.seed), deps.apiKeys)
  const stores = apps ?? buildStores(seed, deps.clock, deps.ids)
  const routes = new Hono<AdaptyEnv>()
  for (const group of [
    profileRoutes,
    purchaseRoutes,
    accessLevelRoutes,
    refundSaverRoutes,
    storeValidationRoutes,
    integrationRoutes,
    paywallRoutes,
    virtualCurrencyRoutes,
  ]) {
    routes.route('/', group)
  }
  const control = new Hono<AdaptyEnv>()
  control.use('*', typedStore)
  control.route('/', createControlRoutes())
  return {
    routes,
    authenticate(apiKey) {
      const store = stores.get(apiKey)
      if (store === undefined)
        return {
          ok: false,
          failure: {
            kind: 'unauthorized',
            message: 'Invalid API key. Send "Authorization: Api-Key <secret key>".',
          },
        }
      return { ok: true, state: store }
    },
    middleware: [typedStore, idHeaderLimit],
    control,
    values: seededValues(seed),
  }
}

/** The seeded values a run needs, by variable name (src/apis/adapty/target.ts). */
export function seededValues(seed: Seed): Record<string, string> {
  const main = seed.apps.find((a) => a.name === 'main')
  if (main === undefined) {
    throw new HarnessError(
      'SANDBOX_UNKNOWN_SEED',
      'Failed to start the sandbox: the seed has no "main" app.',
      { hint: 'every seed under fixtures/seeds/adapty/ needs an app named "main".' },
    )
  }
  const byKind = (kind: string) => main.stripeTokens.find((t) => t.kind === kind)?.token ?? ''
  const keyOf = (name: string) => seed.apps.find((a) => a.name === name)?.apiKey ?? ''
  const values: Record<string, string> = {
    ADAPTY_SECRET_API_KEY: main.apiKey,
    ADAPTY_PAYWALL_ID: main.paywalls[0]?.paywallId ?? '',
    ADAPTY_STRIPE_TOKEN: byKind('subscription'),
    ADAPTY_STRIPE_ONE_TIME_TOKEN: byKind('one_time'),
    ADAPTY_PADDLE_TOKEN: main.paddleTokens[0]?.token ?? '',
    ADAPTY_CUSTOMER_USER_ID: main.profiles[0]?.customerUserId ?? '',
    ADAPTY_VC_CURRENCY_CODES: Object.keys(main.currencies).join(','),
    ADAPTY_VC_DISABLED_API_KEY: keyOf('vc-disabled'),
    ADAPTY_VC_LIMITED_API_KEY: keyOf('vc-limited'),
    ADAPTY_PADDLE_UNCONFIGURED_API_KEY: keyOf('vc-disabled'),
  }
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''))
}
