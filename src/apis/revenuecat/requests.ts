/**
 * The requests of the RevenueCat Postman collection. For now one per operation: sent without an
 * Authorization header, it must answer 401 `authentication_error` (the sandbox's answer for every
 * operation, and RevenueCat's). Success paths answer 501 in the sandbox until they are emulated,
 * so no success request is in the collection yet; each goes in as `<operationId>` when its
 * operation is, beside this `<operationId>: no auth` variant. The registry supplies method and
 * path, so nothing here repeats a URL.
 */
import type { RequestFolder, RequestSpec } from '../../collection/request-spec.ts'
import type { Operation } from '../../registry/types.ts'
import { REVENUECAT_OPERATIONS } from './operations.ts'

const test = (title: string, ...body: string[]) => [
  `pm.test(${JSON.stringify(title)}, function () {`,
  ...body.map((l) => `  ${l}`),
  '});',
]

const AUTHENTICATION_ERROR = test(
  'type is authentication_error',
  'pm.expect(pm.response.json().type).to.eql("authentication_error");',
)

/**
 * The value of a path parameter: the target's project (`{{project_id}}`, REVENUECAT_PROJECT_ID)
 * and a placeholder for every other id, which a request refused before it is looked up never
 * needs to exist.
 */
function pathValue(name: string): string {
  return name === 'project_id' ? '{{project_id}}' : `placeholder_${name}`
}

/** The no-auth request of one operation: 401, with a JSON body `{}` where the method takes one. */
function noAuth(op: Operation): RequestSpec {
  return {
    name: `${op.operationId}: no auth`,
    operationId: op.operationId,
    expectStatus: 401,
    noAuth: true,
    ...(op.pathParams.length === 0
      ? {}
      : { pathParams: Object.fromEntries(op.pathParams.map((p) => [p, pathValue(p)])) }),
    ...(op.method === 'POST' ? { body: {} } : {}),
    tests: AUTHENTICATION_ERROR,
  }
}

/** Requests by folder (the vendor's tag, in the order the spec first uses it), in registry order. */
export const REVENUECAT_REQUESTS: readonly RequestFolder[] = [
  ...new Set(REVENUECAT_OPERATIONS.map((op) => op.tag)),
].map((tag) => ({
  tag,
  requests: REVENUECAT_OPERATIONS.filter((op) => op.tag === tag).map(noAuth),
}))
