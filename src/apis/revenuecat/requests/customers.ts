/** The collection's Customer requests: one per operation, then its named negative variants. */
import type { RequestSpec } from '../../../collection/request-spec.ts'
import { errorType, SEEDED_CUSTOMER, test, UNKNOWN_CUSTOMER } from './shared.ts'

/** Requests by operationId, in run order (delete-customer, which removes the run's test customer, last). */
export const CUSTOMERS_REQUESTS: Readonly<Record<string, readonly RequestSpec[]>> = {
  'get-customer': [
    {
      name: 'get-customer',
      operationId: 'get-customer',
      expectStatus: 200,
      pathParams: SEEDED_CUSTOMER,
      tests: test(
        'is the customer asked for',
        "pm.expect(pm.response.json().id).to.eql(pm.environment.get('customer_id'));",
      ),
    },
    {
      name: 'get-customer: expand attributes',
      operationId: 'get-customer',
      expectStatus: 200,
      pathParams: SEEDED_CUSTOMER,
      query: { expand: 'attributes' },
      tests: test(
        'carries its attributes',
        "pm.expect(pm.response.json().attributes.object).to.eql('list');",
      ),
    },
    {
      name: 'get-customer: bad expand',
      operationId: 'get-customer',
      expectStatus: 400,
      pathParams: SEEDED_CUSTOMER,
      query: { expand: 'subscriptions' },
      tests: errorType('parameter_error', 'expand'),
    },
    {
      name: 'get-customer: unknown customer',
      operationId: 'get-customer',
      expectStatus: 404,
      pathParams: UNKNOWN_CUSTOMER,
      tests: errorType('resource_missing'),
    },
  ],
}
