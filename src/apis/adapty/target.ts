/**
 * Adapty's target variables: the one declared list that config, `.env.example`, the Postman
 * environment, `sandbox --write-env`, drift and the sandbox's seeded values all read.
 */
import type { ApiVariable } from '../../config/target-variables.ts'

/** Adapty's default base URL (the spec's server). */
export const ADAPTY_BASE_URL = 'https://api.adapty.io'

/** Every Adapty variable, in `.env.example` order. */
export const ADAPTY_VARIABLES: readonly ApiVariable[] = [
  {
    name: 'ADAPTY_BASE_URL',
    role: 'baseUrl',
    postman: 'base_url',
    description: 'Adapty API base URL (default https://api.adapty.io)',
    example: 'https://api.adapty.io',
  },
  {
    name: 'ADAPTY_SECRET_API_KEY',
    role: 'apiKey',
    postman: 'secret_api_key',
    description: 'secret API key of the Adapty app to test (remote target); never commit it',
    example: '',
    secret: true,
  },
  {
    name: 'ADAPTY_PAYWALL_ID',
    role: 'data',
    postman: 'paywall_id',
    description: 'optional: a paywall id for the paywall tests',
    example: '',
    dataKey: 'paywallId',
  },
  {
    name: 'ADAPTY_STRIPE_TOKEN',
    role: 'data',
    postman: 'stripe_token',
    description: 'optional: a Stripe subscription token for validateStripePurchase',
    example: '',
    secret: true,
    dataKey: 'stripeToken',
  },
  {
    name: 'ADAPTY_STRIPE_ONE_TIME_TOKEN',
    role: 'data',
    description: 'optional: a Stripe payment intent token (pi_…) for validateStripePurchase',
    example: '',
    secret: true,
    dataKey: 'stripeOneTimeToken',
  },
  {
    name: 'ADAPTY_PADDLE_TOKEN',
    role: 'data',
    postman: 'paddle_token',
    description: 'optional: a Paddle token for validatePaddlePurchase',
    example: '',
    secret: true,
    dataKey: 'paddleToken',
  },
  {
    name: 'ADAPTY_CUSTOMER_USER_ID',
    role: 'data',
    description: 'optional: an existing customer user id for read-only tests',
    example: '',
    dataKey: 'seededCustomerUserId',
  },
  {
    name: 'ADAPTY_VC_CURRENCY_CODES',
    role: 'data',
    postman: 'vc_currency_codes',
    description:
      'optional: three or more virtual currency codes of the app, comma-separated (virtual currency tests)',
    example: '',
    dataKey: 'vcCurrencyCodes',
    listItem: /^[A-Za-z0-9_-]+$/,
  },
  {
    name: 'ADAPTY_VC_DISABLED_API_KEY',
    role: 'data',
    description: 'optional: the key of an app without the virtual currency API (403 tests)',
    example: '',
    secret: true,
    dataKey: 'vcDisabledApiKey',
  },
  {
    name: 'ADAPTY_VC_LIMITED_API_KEY',
    role: 'data',
    description:
      'optional: the key of an app allowing 2 virtual currency transactions a minute (429 test)',
    example: '',
    secret: true,
    dataKey: 'vcLimitedApiKey',
  },
  {
    name: 'ADAPTY_PADDLE_UNCONFIGURED_API_KEY',
    role: 'data',
    description: 'optional: the key of an app without Paddle credentials (validatePaddlePurchase)',
    example: '',
    secret: true,
    dataKey: 'paddleUnconfiguredApiKey',
  },
]
