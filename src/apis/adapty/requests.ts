/**
 * The requests of the Adapty Postman collection: one per operation (named by its operationId) plus
 * named negative variants. src/collection/build-collection.ts turns them into Postman v2.1 items;
 * the registry supplies method and path, so nothing here repeats a URL.
 */
import type { RequestFolder, RequestSpec } from '../../collection/request-spec.ts'

const BY_CUSTOMER = { 'adapty-customer-user-id': '{{adapty-customer-user-id}}' }
const UNKNOWN_CUSTOMER = {
  'adapty-customer-user-id': 'subcontract-{{run_id}}-missing-{{$randomInt}}',
}
const BY_PROFILE_ID = { 'adapty-profile-id': '{{adapty-profile-id}}' }

const test = (title: string, ...body: string[]) => [
  `pm.test(${JSON.stringify(title)}, function () {`,
  ...body.map((l) => `  ${l}`),
  '});',
]
const errorCode = (code: string) =>
  test(
    `error_code is ${code}`,
    `pm.expect(pm.response.json().error_code).to.eql(${JSON.stringify(code)});`,
  )
// The target's first virtual currency code, derived by the collection's pre-request script from
// vc_currency_codes (ADAPTY_VC_CURRENCY_CODES). A request that needs a real code checks, before it
// is sent, that there is one: on a remote without the variable it fails with this message.
const VC_CODE = '{{vc_currency_code}}'
const VC_CODE_CHECK = test(
  'vc_currency_codes (ADAPTY_VC_CURRENCY_CODES) names a currency of the app',
  "pm.expect(pm.variables.get('vc_currency_code'), 'no virtual currency code: set ADAPTY_VC_CURRENCY_CODES in .env (in Postman: vc_currency_codes of the environment) to codes of the app, such as COINS,GEMS,SILVER').to.not.be.empty;",
)
const NOW = '2026-01-15T12:00:00.000Z'
// Far ahead, so the purchase and the grant are active on any clock (sandbox or real).
const MONTH_LATER = '2099-02-15T12:00:00.000Z'

const noAuth = (operationId: string, extra: Partial<RequestSpec> = {}): RequestSpec => ({
  name: `${operationId}: no auth`,
  operationId,
  expectStatus: 401,
  noAuth: true,
  headers: BY_CUSTOMER,
  tests: errorCode('not_authenticated'),
  ...extra,
})

const unknownProfile = (
  operationId: string,
  status: number,
  code: string,
  extra: Partial<RequestSpec> = {},
): RequestSpec => ({
  name: `${operationId}: unknown profile`,
  operationId,
  expectStatus: status,
  headers: UNKNOWN_CUSTOMER,
  tests: errorCode(code),
  ...extra,
})

const subscriptionTransaction = {
  purchase_type: 'subscription',
  store: 'app_store',
  environment: 'Sandbox',
  store_product_id: 'monthly_premium',
  store_transaction_id: 'pm-{{run_id}}-sub-1',
  store_original_transaction_id: 'pm-{{run_id}}-sub-1',
  price: { country: 'US', currency: 'USD', value: 9.99 },
  purchased_at: NOW,
  originally_purchased_at: NOW,
  expires_at: MONTH_LATER,
  renew_status: true,
}

/** Requests by folder (the vendor's tag), in run order. Profile runs last: deleteProfile cleans up. */
export const ADAPTY_REQUESTS: readonly RequestFolder[] = [
  {
    tag: 'Purchase',
    requests: [
      {
        name: 'setTransaction',
        operationId: 'setTransaction',
        expectStatus: 200,
        headers: BY_CUSTOMER,
        body: subscriptionTransaction,
        tests: test(
          'the subscription is on the profile',
          'pm.expect(pm.response.json().data.subscriptions.length).to.be.above(0);',
        ),
      },
      {
        name: 'setTransaction: expires before purchase',
        operationId: 'setTransaction',
        expectStatus: 400,
        headers: BY_CUSTOMER,
        body: {
          ...subscriptionTransaction,
          store_transaction_id: 'pm-{{run_id}}-sub-2',
          expires_at: '2025-01-01T00:00:00.000Z',
        },
        tests: errorCode('expires_date_error'),
      },
      unknownProfile('setTransaction', 404, 'profile_does_not_exist', {
        body: subscriptionTransaction,
      }),
      noAuth('setTransaction', { body: subscriptionTransaction }),
      {
        name: 'grantAccessLevel',
        operationId: 'grantAccessLevel',
        expectStatus: 200,
        headers: BY_CUSTOMER,
        body: { access_level_id: 'pro', starts_at: NOW, expires_at: MONTH_LATER },
        tests: test(
          'the access level is granted',
          'const levels = pm.response.json().data.access_levels.map(function (a) { return a.access_level_id; });',
          "pm.expect(levels).to.include('pro');",
        ),
      },
      {
        name: 'grantAccessLevel: unknown access level',
        operationId: 'grantAccessLevel',
        expectStatus: 400,
        headers: BY_CUSTOMER,
        body: { access_level_id: 'no-such-level-{{run_id}}' },
        tests: errorCode('paid_access_level_does_not_exist'),
      },
      unknownProfile('grantAccessLevel', 404, 'profile_does_not_exist', {
        body: { access_level_id: 'pro' },
      }),
      noAuth('grantAccessLevel', { body: { access_level_id: 'pro' } }),
      {
        name: 'revokeAccessLevel',
        operationId: 'revokeAccessLevel',
        expectStatus: 200,
        headers: BY_CUSTOMER,
        body: { access_level_id: 'pro' },
        setup: [
          {
            operationId: 'grantAccessLevel',
            expectStatus: 200,
            headers: BY_CUSTOMER,
            body: { access_level_id: 'pro', starts_at: NOW, expires_at: MONTH_LATER },
          },
        ],
        tests: test(
          'the access level is gone',
          'const levels = pm.response.json().data.access_levels.map(function (a) { return a.access_level_id; });',
          "pm.expect(levels).to.not.include('pro');",
        ),
      },
      {
        name: 'revokeAccessLevel: level not on profile',
        operationId: 'revokeAccessLevel',
        expectStatus: 400,
        headers: BY_CUSTOMER,
        body: { access_level_id: 'lifetime' },
        tests: errorCode('profile_paid_access_level_does_not_exist'),
      },
      noAuth('revokeAccessLevel', { body: { access_level_id: 'pro' } }),
    ],
  },
  {
    tag: 'Refund Saver',
    requests: [
      {
        name: 'getRefundSaverSettings',
        operationId: 'getRefundSaverSettings',
        expectStatus: 200,
        headers: BY_CUSTOMER,
        tests: test(
          'settings are present',
          'pm.expect(pm.response.json().settings).to.have.property("consent");',
        ),
      },
      unknownProfile('getRefundSaverSettings', 400, 'profile_does_not_exist'),
      noAuth('getRefundSaverSettings'),
      {
        name: 'setRefundSaverSettings',
        operationId: 'setRefundSaverSettings',
        expectStatus: 200,
        headers: BY_CUSTOMER,
        body: { custom_preference: 'grant', consent: true },
        tests: test(
          'the preference is saved',
          "pm.expect(pm.response.json().settings.custom_preference).to.eql('grant');",
        ),
      },
      {
        name: 'setRefundSaverSettings: invalid preference',
        operationId: 'setRefundSaverSettings',
        expectStatus: 400,
        headers: BY_CUSTOMER,
        body: { custom_preference: 'maybe' },
        tests: errorCode('validation_error'),
      },
      noAuth('setRefundSaverSettings', { body: { consent: true } }),
    ],
  },
  {
    tag: 'Stripe',
    requests: [
      {
        name: 'validateStripePurchase',
        operationId: 'validateStripePurchase',
        expectStatus: 200,
        body: {
          data: {
            type: 'stripe_receipt_validation_result',
            attributes: {
              customer_user_id: '{{adapty-customer-user-id}}',
              stripe_token: '{{stripe_token}}',
            },
          },
        },
        tests: test('data is null', 'pm.expect(pm.response.json().data).to.eql(null);'),
      },
      {
        name: 'validateStripePurchase: missing data wrapper',
        operationId: 'validateStripePurchase',
        expectStatus: 400,
        body: { customer_user_id: '{{adapty-customer-user-id}}', stripe_token: '{{stripe_token}}' },
        tests: test(
          'the error points at /data',
          "pm.expect(pm.response.json().errors[0].source.pointer).to.eql('/data');",
        ),
      },
      noAuth('validateStripePurchase', {
        headers: {},
        body: {
          data: {
            type: 'stripe_receipt_validation_result',
            attributes: { customer_user_id: 'x', stripe_token: 'y' },
          },
        },
      }),
    ],
  },
  {
    tag: 'Paddle',
    requests: [
      {
        name: 'validatePaddlePurchase',
        operationId: 'validatePaddlePurchase',
        expectStatus: 200,
        body: { customer_user_id: '{{adapty-customer-user-id}}', paddle_token: '{{paddle_token}}' },
        tests: test(
          'the profile is returned',
          "pm.expect(pm.response.json().data.customer_user_id).to.eql(pm.environment.get('adapty-customer-user-id'));",
        ),
      },
      {
        name: 'validatePaddlePurchase: unknown token',
        operationId: 'validatePaddlePurchase',
        expectStatus: 400,
        body: {
          customer_user_id: '{{adapty-customer-user-id}}',
          paddle_token: 'txn_unknown_{{run_id}}',
        },
        tests: errorCode('invalid_paddle_credentials_or_purchase_not_found'),
      },
      noAuth('validatePaddlePurchase', {
        headers: {},
        body: { customer_user_id: 'x', paddle_token: 'y' },
      }),
    ],
  },
  {
    tag: 'Integration',
    requests: [
      {
        name: 'setIntegrationIdentifiers',
        operationId: 'setIntegrationIdentifiers',
        expectStatus: 200,
        headers: BY_CUSTOMER,
        body: { appsflyer_id: 'af-{{run_id}}', amplitude_user_id: null },
        tests: test('the body is empty', "pm.expect(pm.response.text()).to.eql('');"),
      },
      {
        name: 'getIntegrationIdentifiers',
        operationId: 'getIntegrationIdentifiers',
        expectStatus: 200,
        headers: BY_CUSTOMER,
        setup: [
          {
            operationId: 'setIntegrationIdentifiers',
            expectStatus: 200,
            headers: BY_CUSTOMER,
            body: { appsflyer_id: 'af-{{run_id}}' },
          },
        ],
        tests: test(
          'the identifier was saved',
          "pm.expect(pm.response.json().appsflyer_id).to.eql('af-' + pm.environment.get('run_id'));",
        ),
      },
      unknownProfile('getIntegrationIdentifiers', 404, 'profile_not_found'),
      noAuth('getIntegrationIdentifiers'),
      noAuth('setIntegrationIdentifiers', { body: { appsflyer_id: 'x' } }),
    ],
  },
  {
    tag: 'Paywalls',
    requests: [
      {
        name: 'listPaywalls',
        operationId: 'listPaywalls',
        expectStatus: 200,
        query: { 'page[number]': '1', 'page[size]': '2' },
        tests: test(
          'pagination is present',
          'pm.expect(pm.response.json().meta.pagination.page).to.eql(1);',
        ),
      },
      {
        name: 'listPaywalls: page size too large',
        operationId: 'listPaywalls',
        expectStatus: 400,
        query: { 'page[size]': '1000' },
        tests: errorCode('validation_error'),
      },
      noAuth('listPaywalls', { headers: {} }),
      {
        name: 'getPaywall',
        operationId: 'getPaywall',
        expectStatus: 200,
        pathParams: { paywall_id: '{{paywall_id}}' },
        tests: test(
          'it is the requested paywall',
          "pm.expect(pm.response.json().paywall_id).to.eql(pm.environment.get('paywall_id'));",
        ),
      },
      {
        name: 'getPaywall: unknown paywall',
        operationId: 'getPaywall',
        expectStatus: 404,
        pathParams: { paywall_id: '{{$randomUUID}}' },
        tests: errorCode('paywall_does_not_exist'),
      },
      noAuth('getPaywall', { headers: {}, pathParams: { paywall_id: '{{paywall_id}}' } }),
      {
        name: 'updatePaywall',
        operationId: 'updatePaywall',
        expectStatus: 200,
        pathParams: { paywall_id: '{{paywall_id}}' },
        body: { remote_configs: [{ locale: 'en', data: '{"headline":"Go premium"}' }] },
        tests: test(
          'the remote config is saved',
          "pm.expect(pm.response.json().remote_configs[0].locale).to.eql('en');",
        ),
      },
      noAuth('updatePaywall', {
        headers: {},
        pathParams: { paywall_id: '{{paywall_id}}' },
        body: { remote_configs: [] },
      }),
    ],
  },
  {
    tag: 'Virtual Currency',
    requests: [
      {
        name: 'createVirtualCurrencyTransaction',
        operationId: 'createVirtualCurrencyTransaction',
        expectStatus: 200,
        headers: { ...BY_CUSTOMER, 'Idempotency-Key': '{{$guid}}' },
        body: {
          items: [{ currency_code: VC_CODE, amount: 100 }],
          metadata: { reason: 'collection' },
        },
        prerequest: VC_CODE_CHECK,
        tests: test(
          'the balance is credited',
          "pm.expect(pm.response.json().balances[0].code).to.eql(pm.variables.get('vc_currency_code'));",
        ),
      },
      {
        name: 'createVirtualCurrencyTransaction: empty items',
        operationId: 'createVirtualCurrencyTransaction',
        expectStatus: 400,
        headers: BY_CUSTOMER,
        body: { items: [] },
        tests: errorCode('empty_items'),
      },
      // A real app may read the body before it looks the profile up: it needs a real code too.
      unknownProfile('createVirtualCurrencyTransaction', 404, 'profile_does_not_exist', {
        body: { items: [{ currency_code: VC_CODE, amount: 1 }] },
        prerequest: VC_CODE_CHECK,
      }),
      // Refused before the body is read: any code will do, an empty one too.
      noAuth('createVirtualCurrencyTransaction', {
        body: { items: [{ currency_code: VC_CODE, amount: 1 }] },
      }),
      {
        name: 'listVirtualCurrencyTransactions',
        operationId: 'listVirtualCurrencyTransactions',
        expectStatus: 200,
        headers: BY_CUSTOMER,
        query: { limit: '10' },
        setup: [
          {
            operationId: 'createVirtualCurrencyTransaction',
            expectStatus: 200,
            headers: { ...BY_CUSTOMER, 'Idempotency-Key': '{{$guid}}' },
            body: { items: [{ currency_code: VC_CODE, amount: 1 }], metadata: { reason: 'setup' } },
          },
        ],
        prerequest: VC_CODE_CHECK,
        tests: test(
          'the credit is listed',
          'pm.expect(pm.response.json().data.length).to.be.above(0);',
        ),
      },
      noAuth('listVirtualCurrencyTransactions'),
      {
        name: 'listVirtualCurrencyBalances',
        operationId: 'listVirtualCurrencyBalances',
        expectStatus: 200,
        headers: BY_CUSTOMER,
        tests: test('balances are listed', 'pm.expect(pm.response.json().data).to.be.an("array");'),
      },
      unknownProfile('listVirtualCurrencyBalances', 404, 'profile_does_not_exist'),
      noAuth('listVirtualCurrencyBalances'),
    ],
  },
  {
    tag: 'Profile',
    requests: [
      {
        name: 'createProfile',
        operationId: 'createProfile',
        expectStatus: 200,
        headers: { ...BY_CUSTOMER, 'adapty-platform': '{{adapty-platform}}' },
        body: {
          first_name: '{{$randomFirstName}}',
          email: 'subcontract-{{run_id}}@example.com',
          custom_attributes: [{ key: 'source', value: 'postman' }],
          installation_meta: { device_id: '{{$guid}}', platform: 'iOS', locale: 'en' },
        },
        tests: [
          ...test(
            'the profile belongs to the customer',
            "pm.expect(pm.response.json().data.customer_user_id).to.eql(pm.environment.get('adapty-customer-user-id'));",
          ),
          "pm.environment.set('adapty-profile-id', pm.response.json().data.profile_id);",
        ],
      },
      {
        name: 'createProfile: invalid email',
        operationId: 'createProfile',
        expectStatus: 400,
        headers: BY_CUSTOMER,
        body: { email: 'not-an-email' },
        tests: errorCode('validation_error'),
      },
      noAuth('createProfile', { body: {} }),
      {
        name: 'getProfile',
        operationId: 'getProfile',
        expectStatus: 200,
        headers: BY_PROFILE_ID,
        tests: test(
          'it is the same profile',
          "pm.expect(pm.response.json().data.profile_id).to.eql(pm.environment.get('adapty-profile-id'));",
        ),
      },
      unknownProfile('getProfile', 404, 'profile_does_not_exist'),
      noAuth('getProfile'),
      {
        name: 'updateProfile',
        operationId: 'updateProfile',
        expectStatus: 200,
        headers: BY_CUSTOMER,
        body: { custom_attributes: [{ key: 'plan', value: 'gold' }] },
        // An attribute already on the profile, which the update must keep (a merge, not a replace).
        setup: [
          {
            operationId: 'updateProfile',
            expectStatus: 200,
            headers: BY_CUSTOMER,
            body: { custom_attributes: [{ key: 'source', value: 'postman' }] },
          },
        ],
        tests: test(
          'the attribute is merged',
          'const keys = pm.response.json().data.custom_attributes.map(function (a) { return a.key; });',
          "pm.expect(keys).to.include.members(['source', 'plan']);",
        ),
      },
      {
        name: 'updateProfile: too long attribute value',
        operationId: 'updateProfile',
        expectStatus: 400,
        headers: BY_CUSTOMER,
        body: { custom_attributes: [{ key: 'bio', value: 'x'.repeat(51) }] },
        tests: errorCode('validation_error'),
      },
      unknownProfile('updateProfile', 404, 'profile_does_not_exist', { body: { first_name: 'x' } }),
      noAuth('updateProfile', { body: {} }),
      noAuth('deleteProfile'),
      unknownProfile('deleteProfile', 404, 'profile_does_not_exist'),
      {
        name: 'deleteProfile',
        operationId: 'deleteProfile',
        expectStatus: 204,
        headers: BY_CUSTOMER,
        tests: [
          ...test('the body is empty', "pm.expect(pm.response.text()).to.eql('');"),
          "pm.environment.unset('adapty-customer-user-id');",
        ],
      },
    ],
  },
]
