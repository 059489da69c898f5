/** The RevenueCat REST API (v2), as every engine sees it: the wiring of this folder. */
import type { ApiDefinition } from '../../api/api-definition.ts'
import { buildCollection } from '../../collection/build-collection.ts'
import { REVENUECAT_CHECKS } from './checks.ts'
import { REVENUECAT_COLLECTION, REVENUECAT_RUNTIME_VARIABLES, runTestData } from './collection.ts'
import { REVENUECAT_OPERATIONS } from './operations.ts'
import { createRevenueCatSandbox } from './sandbox/app.ts'
import { respond } from './sandbox/errors.ts'
import { REVENUECAT_BASE_URL, REVENUECAT_VARIABLES } from './target.ts'
import { createdBy, order, remove } from './test-data.ts'

/**
 * How much the embedded sandbox raises the vendor's per-minute limits: its clock does not move
 * by default, so a window never closes during a run, and a full regression sends a few hundred
 * requests per key and domain. The vendor's real limits are proven by the sandbox's own tests
 * (rate-limits.test.ts), and 429 is provoked per operation with the seeded `rate-limited` key
 * (DECISIONS.md, rate limits).
 */
export const SANDBOX_RATE_LIMIT_SCALE = 100

/** The scale of `sandbox --no-rate-limits`: no load test on one machine reaches 5e9 a minute. */
const LIFTED_SCALE = 1_000_000_000

export const revenuecat: ApiDefinition = {
  name: 'revenuecat',
  title: 'RevenueCat REST API v2',
  operations: REVENUECAT_OPERATIONS,
  basePath: '/v2',
  auth: { scheme: 'Bearer' },
  target: {
    defaultBaseUrl: REVENUECAT_BASE_URL,
    variables: REVENUECAT_VARIABLES,
    preflight: { operationId: 'list-projects', query: { limit: 1 } },
    keyHint:
      'a v2 secret key of the project (RevenueCat dashboard, Project settings, API keys; v1 keys do not work)',
  },
  contract: { checks: REVENUECAT_CHECKS },
  errors: { respond },
  sandbox: {
    create: (deps) =>
      createRevenueCatSandbox(deps, {
        rateLimits: {
          scale: deps.liftRateLimits === true ? LIFTED_SCALE : SANDBOX_RATE_LIMIT_SCALE,
        },
      }),
  },
  collection: {
    file: 'collections/revenuecat.postman_collection.json',
    build: () => buildCollection(revenuecat, REVENUECAT_COLLECTION),
    runtimeVariables: REVENUECAT_RUNTIME_VARIABLES,
    createdByRun: runTestData,
  },
  testData: {
    noun: 'test object',
    createdBy,
    remove,
    order,
  },
}
