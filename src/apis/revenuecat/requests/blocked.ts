/**
 * The collection's beta blocked-customer requests (label beta: a run selects them with --tag beta
 * or --operation). block-customer blocks the run's test customer (deleted at the end of the
 * Customer folder); unblock-customer blocks the target's seeded customer in its setup and
 * unblocks it at once, so it passes alone and leaves the seeded customer as it was.
 */
import type { RequestSpec } from '../../../collection/request-spec.ts'
import {
  errorType,
  PROJECT,
  SEEDED_CUSTOMER,
  TEST_CUSTOMER,
  test,
  UNKNOWN_CUSTOMER,
} from './shared.ts'

/** Requests by operationId, in run order (before delete-customer removes the test customer). */
export const BLOCKED_REQUESTS: Readonly<Record<string, readonly RequestSpec[]>> = {
  'block-customer': [
    {
      name: 'block-customer',
      operationId: 'block-customer',
      expectStatus: 200,
      pathParams: TEST_CUSTOMER,
      tests: test('the answer has no body', 'pm.expect(pm.response.text()).to.eql("");'),
    },
    {
      name: 'block-customer: twice',
      operationId: 'block-customer',
      expectStatus: 409,
      pathParams: TEST_CUSTOMER,
      tests: errorType('resource_already_exists'),
    },
    {
      name: 'block-customer: unknown customer',
      operationId: 'block-customer',
      expectStatus: 404,
      pathParams: UNKNOWN_CUSTOMER,
      tests: errorType('resource_missing'),
    },
  ],
  'list-blocked-customers': [
    {
      name: 'list-blocked-customers',
      operationId: 'list-blocked-customers',
      expectStatus: 200,
      pathParams: PROJECT,
      tests: test(
        'each blocked customer has the time it was blocked',
        'var body = pm.response.json();',
        "pm.expect(body.object).to.eql('blocked_customer');",
        'Object.keys(body).filter(function (k) { return k !== "object"; }).forEach(function (k) {',
        "  pm.expect(body[k].updated_at_ms).to.be.a('number');",
        '});',
      ),
    },
  ],
  'unblock-customer': [
    {
      name: 'unblock-customer',
      operationId: 'unblock-customer',
      expectStatus: 204,
      pathParams: SEEDED_CUSTOMER,
      setup: [{ operationId: 'block-customer', expectStatus: 200, pathParams: SEEDED_CUSTOMER }],
    },
    {
      name: 'unblock-customer: not blocked',
      operationId: 'unblock-customer',
      expectStatus: 404,
      pathParams: SEEDED_CUSTOMER,
      tests: errorType('resource_missing'),
    },
    {
      name: 'unblock-customer: unknown customer',
      operationId: 'unblock-customer',
      expectStatus: 404,
      pathParams: UNKNOWN_CUSTOMER,
      tests: errorType('resource_missing'),
    },
  ],
}
