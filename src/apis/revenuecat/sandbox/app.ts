/**
 * The RevenueCat emulator behind the seam: key lookup and scopes (authenticate), per-domain rate
 * limits (middleware), the operation routes and a control route, over a seeded state. The
 * shared pipeline (src/sandbox/create-api-app.ts) wraps it and mounts the routes under `/v2`.
 */
import type { ApiSandbox, Authentication, SandboxDeps } from '../../../api/api-definition.ts'
import type { Operation } from '../../../registry/types.ts'
import { REVENUECAT_OPERATIONS } from '../operations.ts'
import { forbiddenMessage, missingScopes } from './permissions.ts'
import {
  createRateLimiter,
  createRateLimitMiddleware,
  type RateLimiter,
  type RateLimitOptions,
  resolveLimits,
} from './rate-limits.ts'
import { appsRoutes } from './routes/apps.ts'
import { auditLogsRoutes } from './routes/audit-logs.ts'
import { blockedCustomersRoutes } from './routes/blocked-customers.ts'
import { chartsMetricsRoutes } from './routes/charts-metrics.ts'
import { collaboratorsRoutes } from './routes/collaborators.ts'
import { createControlRoutes } from './routes/control.ts'
import { customerAccessRoutes } from './routes/customer-access.ts'
import { customerPurchasesRoutes } from './routes/customer-purchases.ts'
import { customersRoutes } from './routes/customers.ts'
import { entitlementsRoutes } from './routes/entitlements.ts'
import { integrationsRoutes } from './routes/integrations.ts'
import { invoicesRoutes } from './routes/invoices.ts'
import { offeringsRoutes } from './routes/offerings.ts'
import { packagesRoutes } from './routes/packages.ts'
import { paywallsRoutes } from './routes/paywalls.ts'
import { productsRoutes } from './routes/products.ts'
import { projectsRoutes } from './routes/projects.ts'
import { purchasesRoutes } from './routes/purchases.ts'
import { subscriptionsRoutes } from './routes/subscriptions.ts'
import { buildRoutes, type RoutesFile } from './routes/table.ts'
import { virtualCurrenciesRoutes } from './routes/virtual-currencies.ts'
import { buildSandbox, readSeed } from './seed.ts'

/** Every routes file, one per tag of the spec. */
export const ROUTES_FILES: readonly RoutesFile[] = [
  projectsRoutes,
  appsRoutes,
  auditLogsRoutes,
  collaboratorsRoutes,
  customersRoutes,
  customerAccessRoutes,
  customerPurchasesRoutes,
  blockedCustomersRoutes,
  subscriptionsRoutes,
  purchasesRoutes,
  invoicesRoutes,
  entitlementsRoutes,
  offeringsRoutes,
  packagesRoutes,
  productsRoutes,
  paywallsRoutes,
  virtualCurrenciesRoutes,
  integrationsRoutes,
  chartsMetricsRoutes,
]

/** Options beyond SandboxDeps. */
export interface RevenueCatSandboxOptions {
  /** Scales or replaces the vendor's rate limits (S-6); the vendor's limits by default. */
  rateLimits?: RateLimitOptions
  /** The operations to route (the registry's by default). */
  operations?: readonly Operation[]
}

/** The seeded key names whose keys and ids `values` publishes. */
const VALUE_KEYS: ReadonlyArray<readonly [string, string]> = [
  ['REVENUECAT_API_KEY', 'main'],
  ['REVENUECAT_READ_ONLY_API_KEY', 'read-only'],
  ['REVENUECAT_NO_CUSTOMERS_API_KEY', 'no-customer-information'],
  ['REVENUECAT_CHARTS_API_KEY', 'charts'],
  ['REVENUECAT_RATE_LIMITED_API_KEY', 'rate-limited'],
  ['REVENUECAT_NO_PERMISSIONS_API_KEY', 'no-permissions'],
]

/** Builds the RevenueCat emulator from a seed, on the pipeline's clock and ids. */
export function createRevenueCatSandbox(
  deps: SandboxDeps,
  options: RevenueCatSandboxOptions = {},
): ApiSandbox & { limiter: RateLimiter } {
  const seed = readSeed(deps.seed)
  const seeded = buildSandbox(seed, deps.clock, deps.ids, deps.apiKeys)
  const limiter = createRateLimiter(deps.clock, resolveLimits(options.rateLimits), seeded.keyLimits)

  const authenticate = (apiKey: string, op: Operation | undefined): Authentication => {
    const state = seeded.keys.get(apiKey)
    if (state === undefined) {
      const message = 'Invalid API key. Send "Authorization: Bearer <v2 secret API key>".'
      return { ok: false, failure: { kind: 'unauthorized', message } }
    }
    const missing = op === undefined ? [] : missingScopes(state.scopes, op)
    if (op !== undefined && missing.length > 0)
      return { ok: false, failure: { kind: 'forbidden', message: forbiddenMessage(op, missing) } }
    return { ok: true, state }
  }

  const values: Record<string, string> = {}
  for (const [variable, name] of VALUE_KEYS) {
    const key = seeded.keyByName.get(name)
    if (key !== undefined) values[variable] = key
  }
  Object.assign(values, seed.values ?? {})
  const main = seeded.keys.get(values.REVENUECAT_API_KEY ?? '')
  const project = main?.projects()[0]
  if (project !== undefined) values.REVENUECAT_PROJECT_ID = project.id
  // A project of the seed that the main key does not open (its routes answer 404).
  const other = [...seeded.store.projects.values()].find((p) => main?.project(p.id) === undefined)
  if (other !== undefined) values.REVENUECAT_OTHER_PROJECT_ID = other.id

  const control = createControlRoutes()
  /** Sandbox control: the open rate-limit windows of the calling key. */
  control.get('/rate-limits', (c) => {
    const apiKey = c.get('apiKey')
    const windows = limiter
      .usage()
      .filter((w) => w.apiKey === apiKey)
      .map(({ domain, usage, limit, resetsAt }) => ({ domain, usage, limit, resets_at: resetsAt }))
    return c.json({ limits: limiter.limits, windows })
  })
  /**
   * Sandbox control: fills the calling key's window in a domain, so that its next request there
   * is refused with 429 without sending the limit's worth of requests first.
   */
  control.post('/rate-limits/fill', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { domain?: unknown }
    const domain = typeof body.domain === 'string' ? body.domain : ''
    if (limiter.limits[domain] === undefined)
      return c.json(
        { error: `unknown domain "${domain}"`, domains: Object.keys(limiter.limits) },
        400,
      )
    limiter.fill(c.get('apiKey'), domain)
    return c.json({ filled: domain })
  })

  return {
    routes: buildRoutes(options.operations ?? REVENUECAT_OPERATIONS, ROUTES_FILES),
    authenticate,
    middleware: [createRateLimitMiddleware(limiter)],
    control,
    values,
    limiter,
  }
}
