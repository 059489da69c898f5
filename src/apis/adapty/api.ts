/** The Adapty server-side API (v2), as every engine sees it: the wiring of this folder. */
import type { ApiDefinition, CreatedInput } from '../../api/api-definition.ts'
import { buildCollection } from '../../collection/build-collection.ts'
import { ADAPTY_CHECKS } from './checks.ts'
import { ADAPTY_COLLECTION, ADAPTY_RUNTIME_VARIABLES, runProfile } from './collection.ts'
import { ADAPTY_OPERATIONS } from './operations.ts'
import { createAdaptySandbox } from './sandbox/app.ts'
import { respond } from './sandbox/errors.ts'
import { ADAPTY_BASE_URL, ADAPTY_VARIABLES } from './target.ts'

/** Operations that create a profile for the customer user id they are given. */
const CREATING_OPERATIONS = new Set([
  'createProfile',
  'validateStripePurchase',
  'validatePaddlePurchase',
])

/** The customer user id a creating call used: its header, or the body's (Stripe, Paddle). */
function customerOf(input: CreatedInput): string | undefined {
  const header = input.headers['adapty-customer-user-id']
  if (header !== undefined) return header
  const body = input.body as
    | { customer_user_id?: unknown; data?: { attributes?: { customer_user_id?: unknown } } }
    | undefined
  const id = body?.customer_user_id ?? body?.data?.attributes?.customer_user_id
  return typeof id === 'string' ? id : undefined
}

export const adapty: ApiDefinition = {
  name: 'adapty',
  title: 'Adapty server-side API',
  operations: ADAPTY_OPERATIONS,
  basePath: '',
  auth: { scheme: 'Api-Key' },
  target: {
    defaultBaseUrl: ADAPTY_BASE_URL,
    variables: ADAPTY_VARIABLES,
    preflight: { operationId: 'listPaywalls', query: { 'page[size]': 1 } },
    keyHint: 'the secret key of the app (Adapty dashboard, App settings, API keys)',
  },
  contract: { checks: ADAPTY_CHECKS },
  errors: { respond },
  sandbox: { create: (deps) => createAdaptySandbox(deps) },
  collection: {
    file: 'collections/adapty.postman_collection.json',
    build: () => buildCollection(adapty, ADAPTY_COLLECTION),
    runtimeVariables: ADAPTY_RUNTIME_VARIABLES,
    createdByRun: (runId) => [runProfile(runId)],
  },
  testData: {
    noun: 'test profile',
    createdBy: (operationId, input) =>
      CREATING_OPERATIONS.has(operationId) ? customerOf(input) : undefined,
    async remove(client, customerUserId) {
      const res = await client.call('deleteProfile', {
        headers: { 'adapty-customer-user-id': customerUserId },
      })
      if (res.response.status === 204) return 'removed'
      if (res.response.status === 404) return 'gone'
      return { failed: `status ${res.response.status}` }
    },
  },
}
