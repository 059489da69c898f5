/**
 * RevenueCat's target variables: the one declared list that config, `.env.example`, the Postman
 * environment, `sandbox --write-env`, drift and the sandbox's seeded values all read.
 */
import type { ApiVariable } from '../../config/target-variables.ts'

/** RevenueCat's default base URL: the spec's server, base path included. */
export const REVENUECAT_BASE_URL = 'https://api.revenuecat.com/v2'

/** Every RevenueCat variable, in `.env.example` order. */
export const REVENUECAT_VARIABLES: readonly ApiVariable[] = [
  {
    name: 'REVENUECAT_BASE_URL',
    role: 'baseUrl',
    postman: 'base_url',
    description: `RevenueCat API base URL, /v2 included (default ${REVENUECAT_BASE_URL})`,
    example: REVENUECAT_BASE_URL,
  },
  {
    name: 'REVENUECAT_API_KEY',
    role: 'apiKey',
    postman: 'secret_api_key',
    description:
      'a RevenueCat v2 secret API key (sk_…) of the project to test (remote target); never commit it',
    example: '',
    secret: true,
  },
  {
    name: 'REVENUECAT_PROJECT_ID',
    role: 'data',
    dataKey: 'projectId',
    postman: 'project_id',
    description: 'the id of the project the key opens (proj…); most operations need it',
    example: '',
  },
  {
    name: 'REVENUECAT_CUSTOMER_ID',
    role: 'data',
    dataKey: 'customerId',
    postman: 'customer_id',
    description:
      'optional: an existing customer with an active subscription, a purchase and attributes (read-only tests)',
    example: '',
  },
  {
    name: 'REVENUECAT_SUBSCRIPTION_ID',
    role: 'data',
    dataKey: 'subscriptionId',
    postman: 'subscription_id',
    description:
      'optional: an App Store or Play Store subscription of that customer (read-only tests)',
    example: '',
  },
  {
    name: 'REVENUECAT_PURCHASE_ID',
    role: 'data',
    dataKey: 'purchaseId',
    postman: 'purchase_id',
    description: 'optional: a one-time purchase of that customer (read-only tests)',
    example: '',
  },
  {
    name: 'REVENUECAT_WEB_CUSTOMER_ID',
    role: 'data',
    dataKey: 'webCustomerId',
    postman: 'web_customer_id',
    description: 'optional: a Web Billing customer with invoices (invoice tests)',
    example: '',
  },
  {
    name: 'REVENUECAT_ENTITLEMENT_ID',
    role: 'data',
    dataKey: 'entitlementId',
    postman: 'entitlement_id',
    description: 'an entitlement of the project that test customers may be granted (grant tests)',
    example: '',
  },
  {
    name: 'REVENUECAT_OFFERING_ID',
    role: 'data',
    dataKey: 'offeringId',
    postman: 'offering_id',
    description: 'optional: an offering of the project to assign to test customers',
    example: '',
  },
  {
    name: 'REVENUECAT_VC_CURRENCY_CODES',
    role: 'data',
    dataKey: 'vcCurrencyCodes',
    postman: 'vc_currency_codes',
    description: 'optional: comma-separated virtual currency codes of the project (GEMS,COINS)',
    example: '',
    listItem: /^[A-Z0-9_]{1,20}$/,
  },
  {
    name: 'REVENUECAT_CANCELLABLE_SUBSCRIPTION_ID',
    role: 'data',
    dataKey: 'cancellableSubscriptionId',
    postman: 'cancellable_subscription_id',
    description:
      'optional: an active Web Billing subscription a --allow-writes run cancels (used up by the run)',
    example: '',
  },
  {
    name: 'REVENUECAT_REFUNDABLE_SUBSCRIPTION_ID',
    role: 'data',
    dataKey: 'refundableSubscriptionId',
    postman: 'refundable_subscription_id',
    description:
      'optional: an active Web Billing subscription a --allow-writes run refunds (used up by the run)',
    example: '',
  },
  {
    name: 'REVENUECAT_REFUNDABLE_PURCHASE_ID',
    role: 'data',
    dataKey: 'refundablePurchaseId',
    postman: 'refundable_purchase_id',
    description:
      'optional: a Web Billing one-time purchase a --allow-writes run refunds (used up by the run)',
    example: '',
  },
  {
    name: 'REVENUECAT_PLAY_STORE_SUBSCRIPTION_ID',
    role: 'data',
    dataKey: 'playStoreSubscriptionId',
    postman: 'play_store_subscription_id',
    description:
      'optional: a Play Store subscription whose transaction a --allow-writes run refunds',
    example: '',
  },
  {
    name: 'REVENUECAT_PLAY_STORE_TRANSACTION_ID',
    role: 'data',
    dataKey: 'playStoreTransactionId',
    postman: 'play_store_transaction_id',
    description: 'optional: a transaction of that subscription (refunded by a --allow-writes run)',
    example: '',
  },
  {
    name: 'REVENUECAT_SANDBOX_CONTROL',
    role: 'data',
    dataKey: 'sandboxControl',
    postman: 'sandbox_control',
    description:
      'sandbox only: true when the target is the subcontract sandbox, whose control routes make the store purchases the collection cancels and refunds; never set it for a real project',
    example: '',
  },
  {
    name: 'REVENUECAT_OTHER_PROJECT_ID',
    role: 'data',
    dataKey: 'otherProjectId',
    description: 'optional: a project the key does not open (404 tests)',
    example: '',
  },
  {
    name: 'REVENUECAT_READ_ONLY_API_KEY',
    role: 'data',
    dataKey: 'readOnlyApiKey',
    description: 'optional: a v2 key of the same project with read-only permissions (403 tests)',
    example: '',
    secret: true,
  },
  {
    name: 'REVENUECAT_NO_CUSTOMERS_API_KEY',
    role: 'data',
    dataKey: 'noCustomersApiKey',
    description:
      'optional: a v2 key of the same project without the customer information permissions (403 tests)',
    example: '',
    secret: true,
  },
  {
    name: 'REVENUECAT_NO_PERMISSIONS_API_KEY',
    role: 'data',
    dataKey: 'noPermissionsApiKey',
    description:
      'optional: a v2 key of the same project with no permissions at all (403 on every operation)',
    example: '',
    secret: true,
  },
  {
    name: 'REVENUECAT_CHARTS_API_KEY',
    role: 'data',
    dataKey: 'chartsApiKey',
    description:
      'optional: a v2 key with only the charts and metrics permissions (rate-limit tests)',
    example: '',
    secret: true,
  },
  {
    name: 'REVENUECAT_RATE_LIMITED_API_KEY',
    role: 'data',
    dataKey: 'rateLimitedApiKey',
    description:
      'sandbox only: a key allowing one request a minute in every domain (429 tests); never a real key',
    example: '',
    secret: true,
  },
]
