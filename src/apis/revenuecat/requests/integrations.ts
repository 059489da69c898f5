/**
 * The collection's webhook integration requests, create → list → read → update → delete: the
 * create names its webhook `subcontract-{{run_id}}-pm-webhook` (the run's, found by that name by
 * the ledger) and keeps its id in `webhook_integration_id`; the read and the update make one the
 * same way when they run alone; the delete removes it. Negative variants follow each request.
 */
import type { RequestSpec } from '../../../collection/request-spec.ts'
import { answered, errorType, PROJECT, scriptPath, send, test } from './shared.ts'

const WEBHOOK_NAME = 'subcontract-{{run_id}}-pm-webhook'
const WEBHOOK_URL = 'https://example.com/subcontract/{{run_id}}/pm-webhook'
const SECRET = 'Bearer subcontract-pm-webhook-secret'
const CREATE = {
  name: WEBHOOK_NAME,
  url: WEBHOOK_URL,
  authorization_header: SECRET,
  environment: 'sandbox',
  event_types: ['initial_purchase', 'renewal', 'cancellation'],
}
const WEBHOOK = { ...PROJECT, webhook_integration_id: '{{webhook_integration_id}}' }
const UNKNOWN_WEBHOOK = { ...PROJECT, webhook_integration_id: 'subcontract-{{run_id}}-missing' }
const UNKNOWN_APP = 'subcontract-{{run_id}}-missing-app'

/** Test lines: the answer is the run's webhook, and carries no authorization header. */
const isTheWebhook = [
  ...test(
    "the answer is the run's webhook",
    'var body = pm.response.json();',
    "pm.expect(body.id).to.eql(pm.environment.get('webhook_integration_id'));",
    `pm.expect(body.name).to.eql(pm.variables.replaceIn(${JSON.stringify(WEBHOOK_NAME)}));`,
  ),
  ...test(
    'the authorization header is never answered back',
    "pm.expect(pm.response.json()).to.not.have.property('authorization_header');",
    `pm.expect(pm.response.text()).to.not.include(${JSON.stringify(SECRET)});`,
  ),
]

/**
 * Pre-request lines: when the run has no webhook yet (this request runs alone), create the run's
 * webhook and keep its id.
 */
const ENSURE_WEBHOOK = [
  "if (!pm.environment.get('webhook_integration_id')) {",
  ...send('POST', scriptPath('create-webhook-integration'), CREATE, [
    ...answered('setup: create-webhook-integration answers 201', [201]),
    "if (!err && res.code === 201) { pm.environment.set('webhook_integration_id', res.json().id); }",
  ]).map((l) => `  ${l}`),
  '}',
]

/** Requests by operationId, in run order. */
export const INTEGRATIONS_REQUESTS: Readonly<Record<string, readonly RequestSpec[]>> = {
  'create-webhook-integration': [
    {
      name: 'create-webhook-integration',
      operationId: 'create-webhook-integration',
      expectStatus: 201,
      pathParams: PROJECT,
      body: CREATE,
      tests: [
        "pm.environment.set('webhook_integration_id', pm.response.json().id);",
        ...isTheWebhook,
        ...test(
          'it keeps the environment and event types, for every app',
          'var body = pm.response.json();',
          "pm.expect(body.environment).to.eql('sandbox');",
          "pm.expect(body.event_types).to.eql(['initial_purchase', 'renewal', 'cancellation']);",
          'pm.expect(body.app_id).to.eql(null);',
        ),
      ],
    },
    {
      name: 'create-webhook-integration: missing url',
      operationId: 'create-webhook-integration',
      expectStatus: 400,
      pathParams: PROJECT,
      body: { name: WEBHOOK_NAME },
      tests: errorType('parameter_error', 'url'),
    },
    {
      name: 'create-webhook-integration: ftp url',
      operationId: 'create-webhook-integration',
      expectStatus: 400,
      pathParams: PROJECT,
      body: { name: WEBHOOK_NAME, url: 'ftp://example.com/hook' },
      tests: errorType('parameter_error', 'url'),
    },
    {
      name: 'create-webhook-integration: unknown app',
      operationId: 'create-webhook-integration',
      expectStatus: 404,
      pathParams: PROJECT,
      body: { name: WEBHOOK_NAME, url: WEBHOOK_URL, app_id: UNKNOWN_APP },
      tests: errorType('resource_missing', 'app_id'),
    },
  ],
  'list-webhook-integrations': [
    {
      name: 'list-webhook-integrations',
      operationId: 'list-webhook-integrations',
      expectStatus: 200,
      pathParams: PROJECT,
      query: { limit: '100' },
      prerequest: ENSURE_WEBHOOK,
      tests: test(
        "the run's webhook is listed",
        'var ids = pm.response.json().items.map(function (w) { return w.id; });',
        "pm.expect(ids).to.include(pm.environment.get('webhook_integration_id'));",
      ),
    },
    {
      name: 'list-webhook-integrations: limit 1',
      operationId: 'list-webhook-integrations',
      expectStatus: 200,
      pathParams: PROJECT,
      query: { limit: '1' },
      prerequest: ENSURE_WEBHOOK,
      tests: test(
        'one webhook, and a link to the next page',
        'var body = pm.response.json();',
        'pm.expect(body.items.length).to.eql(1);',
        "pm.expect(body.next_page).to.include('starting_after=');",
      ),
    },
  ],
  'get-webhook-integration': [
    {
      name: 'get-webhook-integration',
      operationId: 'get-webhook-integration',
      expectStatus: 200,
      pathParams: WEBHOOK,
      prerequest: ENSURE_WEBHOOK,
      tests: isTheWebhook,
    },
    {
      name: 'get-webhook-integration: unknown webhook',
      operationId: 'get-webhook-integration',
      expectStatus: 404,
      pathParams: UNKNOWN_WEBHOOK,
      tests: errorType('resource_missing'),
    },
  ],
  'update-webhook-integration': [
    {
      name: 'update-webhook-integration',
      operationId: 'update-webhook-integration',
      expectStatus: 200,
      pathParams: WEBHOOK,
      body: { environment: null, event_types: ['expiration'] },
      prerequest: ENSURE_WEBHOOK,
      tests: [
        ...isTheWebhook,
        ...test(
          'the fields given changed, the others stayed',
          'var body = pm.response.json();',
          'pm.expect(body.environment).to.eql(null);',
          "pm.expect(body.event_types).to.eql(['expiration']);",
          `pm.expect(body.url).to.eql(pm.variables.replaceIn(${JSON.stringify(WEBHOOK_URL)}));`,
        ),
      ],
    },
    {
      name: 'update-webhook-integration: unknown app',
      operationId: 'update-webhook-integration',
      expectStatus: 404,
      pathParams: WEBHOOK,
      body: { app_id: UNKNOWN_APP },
      prerequest: ENSURE_WEBHOOK,
      tests: errorType('resource_missing', 'app_id'),
    },
    {
      name: 'update-webhook-integration: unknown webhook',
      operationId: 'update-webhook-integration',
      expectStatus: 404,
      pathParams: UNKNOWN_WEBHOOK,
      body: { environment: 'production' },
      tests: errorType('resource_missing'),
    },
  ],
  'delete-webhook-integration': [
    {
      name: 'delete-webhook-integration',
      operationId: 'delete-webhook-integration',
      expectStatus: 200,
      pathParams: WEBHOOK,
      prerequest: ENSURE_WEBHOOK,
      tests: [
        ...test(
          'the deleted object is the run webhook',
          'var body = pm.response.json();',
          "pm.expect(body.object).to.eql('webhook_integration');",
          "pm.expect(body.id).to.eql(pm.environment.get('webhook_integration_id'));",
        ),
        "pm.environment.set('webhook_integration_id', '');",
      ],
    },
    {
      name: 'delete-webhook-integration: unknown webhook',
      operationId: 'delete-webhook-integration',
      expectStatus: 404,
      pathParams: UNKNOWN_WEBHOOK,
      tests: errorType('resource_missing'),
    },
  ],
}
