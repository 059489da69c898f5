/**
 * The collection's access requests (granted and active entitlements, subscriptions): one per
 * operation, then its named negative variants. Writes that consume an object use the Newman pool
 * (cancellable, refundable and Play Store subscriptions), each after the requests that need it
 * intact; a "twice" variant follows its success.
 */
import type { RequestSpec } from '../../../collection/request-spec.ts'
import {
  answered,
  errorType,
  PROJECT,
  SEEDED_CUSTOMER,
  send,
  TEST_CUSTOMER,
  test,
  UNKNOWN_CUSTOMER,
} from './shared.ts'

/** A far-future expiry for grants (2100-01-01). */
const FAR_FUTURE = 4102444800000

const subscription = (id: string) => ({ ...PROJECT, subscription_id: id })
const SEEDED_SUBSCRIPTION = subscription('{{subscription_id}}')
const UNKNOWN_SUBSCRIPTION = subscription('subcontract-{{run_id}}-missing')
const CANCELLABLE = subscription('{{cancellable_subscription_id}}')
const REFUNDABLE = subscription('{{refundable_subscription_id}}')
const PLAY_STORE = subscription('{{play_store_subscription_id}}')

const GRANT = { entitlement_id: '{{entitlement_id}}', expires_at: FAR_FUTURE }
const REVOKE = { entitlement_id: '{{entitlement_id}}' }

/** Requests by operationId, in run order. */
export const ACCESS_REQUESTS: Readonly<Record<string, readonly RequestSpec[]>> = {
  'grant-customer-entitlement': [
    {
      name: 'grant-customer-entitlement',
      operationId: 'grant-customer-entitlement',
      expectStatus: 201,
      pathParams: TEST_CUSTOMER,
      body: GRANT,
      tests: test(
        'the entitlement is active until expires_at',
        'var entry = pm.response.json().active_entitlements.items.find(function (e) {',
        "  return e.entitlement_id === pm.environment.get('entitlement_id');",
        '});',
        `pm.expect(entry && entry.expires_at).to.eql(${FAR_FUTURE});`,
      ),
    },
    {
      name: 'grant-customer-entitlement: already granted',
      operationId: 'grant-customer-entitlement',
      expectStatus: 409,
      pathParams: TEST_CUSTOMER,
      body: GRANT,
      tests: errorType('resource_already_exists', 'entitlement_id'),
    },
    {
      name: 'grant-customer-entitlement: past expires_at',
      operationId: 'grant-customer-entitlement',
      expectStatus: 400,
      pathParams: TEST_CUSTOMER,
      body: { entitlement_id: '{{entitlement_id}}', expires_at: 1000 },
      tests: errorType('parameter_error', 'expires_at'),
    },
    {
      name: 'grant-customer-entitlement: missing expires_at',
      operationId: 'grant-customer-entitlement',
      expectStatus: 400,
      pathParams: TEST_CUSTOMER,
      body: REVOKE,
      tests: errorType('parameter_error', 'expires_at'),
    },
    {
      name: 'grant-customer-entitlement: unknown entitlement',
      operationId: 'grant-customer-entitlement',
      expectStatus: 404,
      pathParams: TEST_CUSTOMER,
      body: { entitlement_id: 'subcontract-{{run_id}}-missing', expires_at: FAR_FUTURE },
      tests: errorType('resource_missing', 'entitlement_id'),
    },
    {
      name: 'grant-customer-entitlement: unknown customer',
      operationId: 'grant-customer-entitlement',
      expectStatus: 404,
      pathParams: UNKNOWN_CUSTOMER,
      body: GRANT,
      tests: errorType('resource_missing'),
    },
  ],
  'revoke-customer-granted-entitlement': [
    {
      name: 'revoke-customer-granted-entitlement',
      operationId: 'revoke-customer-granted-entitlement',
      expectStatus: 200,
      pathParams: TEST_CUSTOMER,
      body: REVOKE,
      // The grant to revoke: made here when this request runs alone, there already (409) after
      // grant-customer-entitlement in a full run.
      prerequest: send(
        'POST',
        '/projects/{{project_id}}/customers/{{test_customer_id}}/actions/grant_entitlement',
        GRANT,
        answered('setup: grant-customer-entitlement answers 201 or 409', [201, 409]),
      ),
      tests: test(
        'the entitlement is no longer active',
        'var ids = pm.response.json().active_entitlements.items.map(function (e) { return e.entitlement_id; });',
        "pm.expect(ids).to.not.include(pm.environment.get('entitlement_id'));",
      ),
    },
    {
      name: 'revoke-customer-granted-entitlement: not granted',
      operationId: 'revoke-customer-granted-entitlement',
      expectStatus: 404,
      pathParams: TEST_CUSTOMER,
      body: REVOKE,
      tests: errorType('resource_missing', 'entitlement_id'),
    },
    {
      name: 'revoke-customer-granted-entitlement: missing entitlement_id',
      operationId: 'revoke-customer-granted-entitlement',
      expectStatus: 400,
      pathParams: TEST_CUSTOMER,
      body: {},
      tests: errorType('parameter_error', 'entitlement_id'),
    },
    {
      name: 'revoke-customer-granted-entitlement: unknown entitlement',
      operationId: 'revoke-customer-granted-entitlement',
      expectStatus: 404,
      pathParams: TEST_CUSTOMER,
      body: { entitlement_id: 'subcontract-{{run_id}}-missing' },
      tests: errorType('resource_missing', 'entitlement_id'),
    },
    {
      name: 'revoke-customer-granted-entitlement: unknown customer',
      operationId: 'revoke-customer-granted-entitlement',
      expectStatus: 404,
      pathParams: UNKNOWN_CUSTOMER,
      body: REVOKE,
      tests: errorType('resource_missing'),
    },
  ],
  'list-customer-active-entitlements': [
    {
      name: 'list-customer-active-entitlements',
      operationId: 'list-customer-active-entitlements',
      expectStatus: 200,
      pathParams: SEEDED_CUSTOMER,
      tests: test(
        'lists the active entitlements',
        'var body = pm.response.json();',
        "pm.expect(body.object).to.eql('list');",
        'body.items.forEach(function (e) {',
        "  pm.expect(e.object).to.eql('customer.active_entitlement');",
        '});',
      ),
    },
    {
      name: 'list-customer-active-entitlements: bad limit',
      operationId: 'list-customer-active-entitlements',
      expectStatus: 400,
      pathParams: SEEDED_CUSTOMER,
      query: { limit: '0' },
      tests: errorType('parameter_error', 'limit'),
    },
    {
      name: 'list-customer-active-entitlements: unknown customer',
      operationId: 'list-customer-active-entitlements',
      expectStatus: 404,
      pathParams: UNKNOWN_CUSTOMER,
      tests: errorType('resource_missing'),
    },
  ],
  'list-subscriptions': [
    {
      name: 'list-subscriptions',
      operationId: 'list-subscriptions',
      expectStatus: 200,
      pathParams: SEEDED_CUSTOMER,
      tests: test(
        "lists the customer's subscriptions",
        'var body = pm.response.json();',
        'body.items.forEach(function (s) {',
        "  pm.expect(s.customer_id).to.eql(pm.environment.get('customer_id'));",
        '});',
      ),
    },
    {
      name: 'list-subscriptions: environment production',
      operationId: 'list-subscriptions',
      expectStatus: 200,
      pathParams: SEEDED_CUSTOMER,
      query: { environment: 'production' },
      tests: test(
        'lists production subscriptions only',
        'pm.response.json().items.forEach(function (s) {',
        "  pm.expect(s.environment).to.eql('production');",
        '});',
      ),
    },
    {
      name: 'list-subscriptions: bad environment',
      operationId: 'list-subscriptions',
      expectStatus: 400,
      pathParams: SEEDED_CUSTOMER,
      query: { environment: 'staging' },
      tests: errorType('parameter_error', 'environment'),
    },
    {
      name: 'list-subscriptions: unknown customer',
      operationId: 'list-subscriptions',
      expectStatus: 404,
      pathParams: UNKNOWN_CUSTOMER,
      tests: errorType('resource_missing'),
    },
  ],
  'get-subscription': [
    {
      name: 'get-subscription',
      operationId: 'get-subscription',
      expectStatus: 200,
      pathParams: SEEDED_SUBSCRIPTION,
      tests: test(
        'is the subscription asked for',
        'var body = pm.response.json();',
        "pm.expect(body.id).to.eql(pm.environment.get('subscription_id'));",
        "pm.expect(body.customer_id).to.eql(pm.environment.get('customer_id'));",
      ),
    },
    {
      name: 'get-subscription: unknown subscription',
      operationId: 'get-subscription',
      expectStatus: 404,
      pathParams: UNKNOWN_SUBSCRIPTION,
      tests: errorType('resource_missing'),
    },
  ],
  'list-subscription-entitlements': [
    {
      name: 'list-subscription-entitlements',
      operationId: 'list-subscription-entitlements',
      expectStatus: 200,
      pathParams: SEEDED_SUBSCRIPTION,
      tests: test(
        'lists entitlements',
        'var body = pm.response.json();',
        "pm.expect(body.object).to.eql('list');",
        'body.items.forEach(function (e) {',
        "  pm.expect(e.object).to.eql('entitlement');",
        '});',
      ),
    },
    {
      name: 'list-subscription-entitlements: bad limit',
      operationId: 'list-subscription-entitlements',
      expectStatus: 400,
      pathParams: SEEDED_SUBSCRIPTION,
      query: { limit: '0' },
      tests: errorType('parameter_error', 'limit'),
    },
    {
      name: 'list-subscription-entitlements: unknown subscription',
      operationId: 'list-subscription-entitlements',
      expectStatus: 404,
      pathParams: UNKNOWN_SUBSCRIPTION,
      tests: errorType('resource_missing'),
    },
  ],
  'search-subscriptions': [
    {
      name: 'search-subscriptions',
      operationId: 'search-subscriptions',
      expectStatus: 200,
      pathParams: PROJECT,
      // Replaced before sending by the store identifier of {{subscription_id}}.
      query: { store_subscription_identifier: 'subcontract-store-identifier' },
      prerequest: send(
        'GET',
        '/projects/{{project_id}}/subscriptions/{{subscription_id}}',
        undefined,
        [
          ...answered('setup: get-subscription answers 200', [200]),
          'pm.request.url.query.upsert({',
          "  key: 'store_subscription_identifier',",
          '  value: res.json().store_subscription_identifier,',
          '});',
        ],
      ),
      tests: test(
        'finds the subscription by its store identifier',
        'var ids = pm.response.json().items.map(function (s) { return s.id; });',
        "pm.expect(ids).to.include(pm.environment.get('subscription_id'));",
      ),
    },
    {
      name: 'search-subscriptions: no match',
      operationId: 'search-subscriptions',
      expectStatus: 200,
      pathParams: PROJECT,
      query: { store_subscription_identifier: 'subcontract-{{run_id}}-missing' },
      tests: test('finds nothing', 'pm.expect(pm.response.json().items).to.eql([]);'),
    },
    {
      name: 'search-subscriptions: missing store_subscription_identifier',
      operationId: 'search-subscriptions',
      expectStatus: 400,
      pathParams: PROJECT,
      tests: errorType('parameter_error', 'store_subscription_identifier'),
    },
  ],
  'get-play-store-or-app-store-subscription-transactions': [
    {
      name: 'get-play-store-or-app-store-subscription-transactions',
      operationId: 'get-play-store-or-app-store-subscription-transactions',
      expectStatus: 200,
      pathParams: SEEDED_SUBSCRIPTION,
      tests: test(
        'lists the store transactions',
        'var items = pm.response.json().items;',
        'pm.expect(items.length).to.be.above(0);',
        'items.forEach(function (t) {',
        "  pm.expect(t.object).to.eql('subscription_transaction');",
        '});',
      ),
    },
    {
      name: 'get-play-store-or-app-store-subscription-transactions: web billing subscription',
      operationId: 'get-play-store-or-app-store-subscription-transactions',
      expectStatus: 400,
      pathParams: CANCELLABLE,
      tests: errorType('invalid_request'),
    },
    {
      name: 'get-play-store-or-app-store-subscription-transactions: unknown subscription',
      operationId: 'get-play-store-or-app-store-subscription-transactions',
      expectStatus: 404,
      pathParams: UNKNOWN_SUBSCRIPTION,
      tests: errorType('resource_missing'),
    },
  ],
  'refund-play-store-subscription-transaction': [
    {
      name: 'refund-play-store-subscription-transaction',
      operationId: 'refund-play-store-subscription-transaction',
      expectStatus: 200,
      pathParams: { ...PLAY_STORE, transaction_id: '{{play_store_transaction_id}}' },
      tests: test(
        'is the transaction refunded',
        'var body = pm.response.json();',
        "pm.expect(body.id).to.eql(pm.environment.get('play_store_transaction_id'));",
        'pm.expect(body.effective_expiration_date).to.be.a("number");',
      ),
    },
    {
      name: 'refund-play-store-subscription-transaction: twice',
      operationId: 'refund-play-store-subscription-transaction',
      expectStatus: 422,
      pathParams: { ...PLAY_STORE, transaction_id: '{{play_store_transaction_id}}' },
      tests: errorType('unprocessable_entity_error'),
    },
    {
      name: 'refund-play-store-subscription-transaction: app store subscription',
      operationId: 'refund-play-store-subscription-transaction',
      expectStatus: 422,
      pathParams: { ...SEEDED_SUBSCRIPTION, transaction_id: 'subcontract-{{run_id}}-missing' },
      tests: errorType('unprocessable_entity_error'),
    },
    {
      name: 'refund-play-store-subscription-transaction: unknown transaction',
      operationId: 'refund-play-store-subscription-transaction',
      expectStatus: 404,
      pathParams: { ...PLAY_STORE, transaction_id: 'subcontract-{{run_id}}-missing' },
      tests: errorType('resource_missing'),
    },
    {
      name: 'refund-play-store-subscription-transaction: unknown subscription',
      operationId: 'refund-play-store-subscription-transaction',
      expectStatus: 404,
      pathParams: { ...UNKNOWN_SUBSCRIPTION, transaction_id: 'subcontract-{{run_id}}-missing' },
      tests: errorType('resource_missing'),
    },
  ],
  'get-authorized-subscription-management-url': [
    {
      name: 'get-authorized-subscription-management-url',
      operationId: 'get-authorized-subscription-management-url',
      expectStatus: 200,
      pathParams: CANCELLABLE,
      tests: test(
        'is an https URL',
        'var body = pm.response.json();',
        "pm.expect(body.object).to.eql('authenticated_management_url');",
        'pm.expect(body.management_url).to.match(/^https:\\/\\//);',
      ),
    },
    {
      name: 'get-authorized-subscription-management-url: app store subscription',
      operationId: 'get-authorized-subscription-management-url',
      expectStatus: 400,
      pathParams: SEEDED_SUBSCRIPTION,
      tests: errorType('invalid_request'),
    },
    {
      name: 'get-authorized-subscription-management-url: unknown subscription',
      operationId: 'get-authorized-subscription-management-url',
      expectStatus: 404,
      pathParams: UNKNOWN_SUBSCRIPTION,
      tests: errorType('resource_missing'),
    },
  ],
  'cancel-subscription': [
    {
      name: 'cancel-subscription',
      operationId: 'cancel-subscription',
      expectStatus: 200,
      pathParams: CANCELLABLE,
      tests: test(
        'no longer renews, and gives access until the period ends',
        'var body = pm.response.json();',
        "pm.expect(body.auto_renewal_status).to.eql('will_not_renew');",
        'pm.expect(body.gives_access).to.eql(true);',
        'pm.expect(body.ends_at).to.eql(body.current_period_ends_at);',
      ),
    },
    {
      name: 'cancel-subscription: twice',
      operationId: 'cancel-subscription',
      expectStatus: 422,
      pathParams: CANCELLABLE,
      tests: errorType('unprocessable_entity_error'),
    },
    {
      name: 'cancel-subscription: app store subscription',
      operationId: 'cancel-subscription',
      expectStatus: 422,
      pathParams: SEEDED_SUBSCRIPTION,
      tests: errorType('unprocessable_entity_error'),
    },
    {
      name: 'cancel-subscription: unknown subscription',
      operationId: 'cancel-subscription',
      expectStatus: 404,
      pathParams: UNKNOWN_SUBSCRIPTION,
      tests: errorType('resource_missing'),
    },
  ],
  'refund-subscription': [
    {
      name: 'refund-subscription',
      operationId: 'refund-subscription',
      expectStatus: 200,
      pathParams: REFUNDABLE,
      tests: test(
        'has ended and gives no access',
        'var body = pm.response.json();',
        "pm.expect(body.status).to.eql('expired');",
        'pm.expect(body.gives_access).to.eql(false);',
      ),
    },
    {
      name: 'refund-subscription: twice',
      operationId: 'refund-subscription',
      expectStatus: 422,
      pathParams: REFUNDABLE,
      tests: errorType('unprocessable_entity_error'),
    },
    {
      name: 'refund-subscription: app store subscription',
      operationId: 'refund-subscription',
      expectStatus: 422,
      pathParams: SEEDED_SUBSCRIPTION,
      tests: errorType('unprocessable_entity_error'),
    },
    {
      name: 'refund-subscription: unknown subscription',
      operationId: 'refund-subscription',
      expectStatus: 404,
      pathParams: UNKNOWN_SUBSCRIPTION,
      tests: errorType('resource_missing'),
    },
  ],
}
