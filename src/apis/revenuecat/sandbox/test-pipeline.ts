// For the sandbox's own tests: the RevenueCat sandbox on the default seed inside the shared
// pipeline (create-api-app), with a fixed clock and, unless told otherwise, the self-check on (its
// answers must pass the project's own RevenueCat contract).
import type { ApiDefinition } from '../../../api/api-definition.ts'
import { type Contract, loadContract } from '../../../contract/load-schemas.ts'
import { createFixedClock } from '../../../sandbox/clock.ts'
import { createApiApp } from '../../../sandbox/create-api-app.ts'
import { createIds } from '../../../sandbox/ids.ts'
import { createSelfCheckLog } from '../../../sandbox/self-check.ts'
import { REVENUECAT_OPERATIONS } from '../operations.ts'
import { createRevenueCatSandbox, type RevenueCatSandboxOptions } from './app.ts'
import { respond } from './errors.ts'

// Only what the pipeline and the self-check read; the full definition is the composition root's.
const api = {
  name: 'revenuecat',
  title: 'RevenueCat REST API v2',
  operations: REVENUECAT_OPERATIONS,
  basePath: '/v2',
  auth: { scheme: 'Bearer' },
  contract: { checks: [] },
  errors: { respond },
} as unknown as ApiDefinition

let contract: Contract | undefined

/**
 * A fresh sandbox in the pipeline: the app, its clock, self-check log and target values, the
 * seeded project's id, and `request(path, init, key)`, which sends with the key (the seeded main
 * key unless given) as a Bearer token.
 */
export function revenueCatPipeline(
  options: { selfCheck?: boolean; sandbox?: RevenueCatSandboxOptions } = {},
) {
  contract ??= loadContract()
  const clock = createFixedClock()
  const sandbox = createRevenueCatSandbox(
    { seed: 'default', clock, ids: createIds(1) },
    options.sandbox,
  )
  const selfCheck = createSelfCheckLog()
  const app = createApiApp(
    options.selfCheck === false
      ? { api, sandbox, contract }
      : { api, sandbox, contract, selfCheck },
  )
  const { values } = sandbox
  const project = values.REVENUECAT_PROJECT_ID ?? ''
  const request = (path: string, init: RequestInit = {}, key = values.REVENUECAT_API_KEY) =>
    app.request(path, {
      ...init,
      headers: { authorization: `Bearer ${key}`, ...(init.headers as Record<string, string>) },
    })
  return { app, clock, selfCheck, values, project, request }
}
