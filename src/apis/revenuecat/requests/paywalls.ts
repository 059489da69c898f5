/**
 * The collection's Paywall requests: one per operation, then its named negative variants. They
 * work on the paywall of the run's own offering (offerings-scripts.ts), made by each operation's
 * first request when the run has none, and deleted with that offering by its last request.
 */
import type { RequestSpec } from '../../../collection/request-spec.ts'
import { CLEANUP_OFFERING, prepare } from './offerings-scripts.ts'
import { errorType, PROJECT, test } from './shared.ts'

const PAYWALL = { ...PROJECT, paywall_id: '{{pm_paywall_id}}' }
const UNKNOWN_PAYWALL = { ...PROJECT, paywall_id: 'subcontract-{{run_id}}-missing' }

const isRunsPaywall = test(
  "is the paywall of the run's offering",
  'var body = pm.response.json();',
  "pm.expect(body.object).to.eql('paywall');",
  "pm.expect(body.offering_id).to.eql(pm.environment.get('pm_offering_id'));",
)

/** Requests by operationId, in run order. */
export const PAYWALLS_REQUESTS: Readonly<Record<string, readonly RequestSpec[]>> = {
  'create-paywall': [
    {
      name: 'create-paywall',
      operationId: 'create-paywall',
      expectStatus: 201,
      pathParams: PROJECT,
      prerequest: prepare({ offering: true }),
      body: { offering_id: '{{pm_offering_id}}' },
      tests: [
        ...isRunsPaywall,
        ...test(
          'is an unpublished draft, its offering and components not expanded',
          'var body = pm.response.json();',
          'pm.expect(body.published_at).to.eql(null);',
          "pm.expect(body).to.not.have.property('components');",
          "pm.environment.set('pm_paywall_id', body.id);",
        ),
      ],
    },
    {
      name: 'create-paywall: second paywall',
      operationId: 'create-paywall',
      expectStatus: 409,
      pathParams: PROJECT,
      body: { offering_id: '{{pm_offering_id}}' },
      tests: errorType('resource_already_exists', 'offering_id'),
    },
    {
      name: 'create-paywall: unknown offering',
      operationId: 'create-paywall',
      expectStatus: 404,
      pathParams: PROJECT,
      body: { offering_id: 'subcontract-{{run_id}}-missing' },
      tests: errorType('resource_missing', 'offering_id'),
    },
    {
      name: 'create-paywall: missing offering_id',
      operationId: 'create-paywall',
      expectStatus: 400,
      pathParams: PROJECT,
      body: {},
      tests: [...errorType('parameter_error', 'offering_id'), ...CLEANUP_OFFERING],
    },
  ],
  'get-paywall': [
    {
      name: 'get-paywall',
      operationId: 'get-paywall',
      expectStatus: 200,
      pathParams: PAYWALL,
      prerequest: prepare({ paywall: true }),
      tests: isRunsPaywall,
    },
    {
      name: 'get-paywall: expand offering,components',
      operationId: 'get-paywall',
      expectStatus: 200,
      pathParams: PAYWALL,
      query: { expand: 'offering,components' },
      tests: test(
        'expands its offering and components',
        'var body = pm.response.json();',
        "pm.expect(body.offering.id).to.eql(pm.environment.get('pm_offering_id'));",
        "pm.expect(body.components).to.have.property('published');",
      ),
    },
    {
      name: 'get-paywall: unknown paywall',
      operationId: 'get-paywall',
      expectStatus: 404,
      pathParams: UNKNOWN_PAYWALL,
      tests: errorType('resource_missing'),
    },
    {
      name: 'get-paywall: bad expand',
      operationId: 'get-paywall',
      expectStatus: 400,
      pathParams: PAYWALL,
      query: { expand: 'items.offering' },
      tests: [...errorType('parameter_error', 'expand'), ...CLEANUP_OFFERING],
    },
  ],
  'list-paywalls': [
    {
      name: 'list-paywalls',
      operationId: 'list-paywalls',
      expectStatus: 200,
      pathParams: PROJECT,
      prerequest: prepare({ paywall: true }),
      query: { limit: '100' },
      tests: test(
        'lists paywalls, their offering and components not expanded',
        "pm.expect(pm.response.json().object).to.eql('list');",
        "pm.response.json().items.forEach(function (p) { pm.expect(p).to.not.have.property('offering'); });",
      ),
    },
    {
      name: 'list-paywalls: expand items.offering',
      operationId: 'list-paywalls',
      expectStatus: 200,
      pathParams: PROJECT,
      query: { expand: 'items.offering' },
      tests: test(
        "expands each paywall's offering",
        'pm.response.json().items.forEach(function (p) { pm.expect(p.offering.id).to.eql(p.offering_id); });',
      ),
    },
    {
      name: 'list-paywalls: bad expand',
      operationId: 'list-paywalls',
      expectStatus: 400,
      pathParams: PROJECT,
      query: { expand: 'offering' },
      tests: [...errorType('parameter_error', 'expand'), ...CLEANUP_OFFERING],
    },
  ],
  'delete-paywall': [
    {
      name: 'delete-paywall',
      operationId: 'delete-paywall',
      expectStatus: 200,
      pathParams: PAYWALL,
      prerequest: prepare({ paywall: true }),
      tests: test(
        'is the deleted paywall',
        'var body = pm.response.json();',
        "pm.expect(body.object).to.eql('paywall');",
        "pm.expect(body.id).to.eql(pm.environment.get('pm_paywall_id'));",
        "pm.environment.unset('pm_paywall_id');",
      ),
    },
    {
      name: 'delete-paywall: unknown paywall',
      operationId: 'delete-paywall',
      expectStatus: 404,
      pathParams: UNKNOWN_PAYWALL,
      tests: [...errorType('resource_missing'), ...CLEANUP_OFFERING],
    },
  ],
}
