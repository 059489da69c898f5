/**
 * What the RevenueCat request lists share: pm.test builders, the path of the run's test customer
 * and of the target's seeded objects (Postman variables fed by the target variables, target.ts),
 * and the `<operationId>: no auth` request every operation has.
 */
import type { RequestSpec } from '../../../collection/request-spec.ts'
import type { Operation } from '../../../registry/types.ts'

/** One pm.test, its body indented. */
export const test = (title: string, ...body: string[]) => [
  `pm.test(${JSON.stringify(title)}, function () {`,
  ...body.map((l) => `  ${l}`),
  '});',
]

/** A test that the error's `type` (and `param`, when given) are what the spec documents. */
export function errorType(type: string, param?: string): string[] {
  return [
    ...test(
      `type is ${type}`,
      `pm.expect(pm.response.json().type).to.eql(${JSON.stringify(type)});`,
    ),
    ...(param === undefined
      ? []
      : test(
          `param is ${param}`,
          `pm.expect(pm.response.json().param).to.eql(${JSON.stringify(param)});`,
        )),
  ]
}

/** The project of every request: the target's (REVENUECAT_PROJECT_ID). */
export const PROJECT = { project_id: '{{project_id}}' }
/** The run's own test customer, created by the collection's pre-request script. */
export const TEST_CUSTOMER = { ...PROJECT, customer_id: '{{test_customer_id}}' }
/** The target's seeded customer (REVENUECAT_CUSTOMER_ID). */
export const SEEDED_CUSTOMER = { ...PROJECT, customer_id: '{{customer_id}}' }
/** A customer id that exists nowhere. */
export const UNKNOWN_CUSTOMER = { ...PROJECT, customer_id: 'subcontract-{{run_id}}-missing' }

/**
 * The value of a path parameter for a request refused before it is looked up: the target's
 * project, and a placeholder for every other id, which never needs to exist.
 */
function pathValue(name: string): string {
  return name === 'project_id' ? '{{project_id}}' : `placeholder_${name}`
}

/** The no-auth request of one operation: 401, with a JSON body `{}` where the method takes one. */
export function noAuth(op: Operation): RequestSpec {
  return {
    name: `${op.operationId}: no auth`,
    operationId: op.operationId,
    expectStatus: 401,
    noAuth: true,
    ...(op.pathParams.length === 0
      ? {}
      : { pathParams: Object.fromEntries(op.pathParams.map((p) => [p, pathValue(p)])) }),
    ...(op.method === 'POST' ? { body: {} } : {}),
    tests: errorType('authentication_error'),
  }
}
