/**
 * The collection's App requests: one per operation, then its named negative variants, in
 * create → read → update → delete order. The folder's own App Store app
 * (`subcontract-{{run_id}}-pm-app`, id in `pm_app_id`) is made by create-app, or by the
 * pre-request script of a request that needs it when its operation runs alone (ensureApp), and
 * delete-app removes it at the end.
 */
import type { RequestSpec } from '../../../collection/request-spec.ts'
import { answered, errorType, PROJECT, send, test } from './shared.ts'

/** The run's App Store app, as create-app makes it. */
export const PM_APP_BODY = {
  name: 'subcontract-{{run_id}}-pm-app',
  type: 'app_store',
  app_store: { bundle_id: 'com.subcontract.{{run_id}}.pm' },
}

const PM_APP = { ...PROJECT, app_id: '{{pm_app_id}}' }
const UNKNOWN_APP = { ...PROJECT, app_id: 'subcontract-{{run_id}}-missing' }

/**
 * Pre-request lines that make sure the run's app exists (`pm_app_id` names one the API still
 * has, or a new one is created now), then run `then` (lines of JavaScript, with the app's id in
 * `pm_app_id`).
 */
export function ensureApp(then: string[] = []): string[] {
  const create = send('POST', '/projects/{{project_id}}/apps', PM_APP_BODY, [
    ...answered('setup: create-app answers 201', [201]),
    'if (!err && res.code === 201) {',
    "  pm.environment.set('pm_app_id', res.json().id);",
    '  subcontractThen();',
    '}',
  ])
  return [
    'function subcontractThen() {',
    ...then.map((l) => `  ${l}`),
    '}',
    'function subcontractCreateApp() {',
    ...create.map((l) => `  ${l}`),
    '}',
    "if (!pm.environment.get('pm_app_id')) subcontractCreateApp();",
    'else {',
    ...send('GET', '/projects/{{project_id}}/apps/{{pm_app_id}}', undefined, [
      'if (err || res.code !== 200) subcontractCreateApp();',
      'else subcontractThen();',
    ]).map((l) => `  ${l}`),
    '}',
  ]
}

/** Requests by operationId, in run order. */
export const APPS_REQUESTS: Readonly<Record<string, readonly RequestSpec[]>> = {
  'create-app': [
    {
      name: 'create-app',
      operationId: 'create-app',
      expectStatus: 201,
      pathParams: PROJECT,
      body: {
        ...PM_APP_BODY,
        app_store: { ...PM_APP_BODY.app_store, shared_secret: '0123456789abcdef0123456789abcdef' },
      },
      tests: [
        ...test(
          'is the App Store app, without its shared secret',
          'var app = pm.response.json();',
          "pm.expect(app.type).to.eql('app_store');",
          "pm.expect(app.app_store).to.eql({ bundle_id: pm.variables.replaceIn('com.subcontract.{{run_id}}.pm') });",
          "pm.expect(pm.response.text()).to.not.include('0123456789abcdef');",
        ),
        "pm.environment.set('pm_app_id', pm.response.json().id);",
      ],
    },
    {
      name: 'create-app: missing name',
      operationId: 'create-app',
      expectStatus: 400,
      pathParams: PROJECT,
      body: { type: 'play_store', play_store: { package_name: 'com.subcontract.pm' } },
      tests: errorType('parameter_error', 'name'),
    },
    {
      name: 'create-app: bad type',
      operationId: 'create-app',
      expectStatus: 400,
      pathParams: PROJECT,
      body: { name: 'subcontract-{{run_id}}-pm-bad', type: 'windows_store' },
      tests: errorType('parameter_error', 'type'),
    },
    {
      name: 'create-app: mac app store',
      operationId: 'create-app',
      expectStatus: 422,
      pathParams: PROJECT,
      body: {
        name: 'subcontract-{{run_id}}-pm-mac',
        type: 'mac_app_store',
        mac_app_store: { bundle_id: 'com.subcontract.{{run_id}}.mac' },
      },
      tests: errorType('unprocessable_entity_error'),
    },
  ],
  'get-app': [
    {
      name: 'get-app',
      operationId: 'get-app',
      expectStatus: 200,
      pathParams: PM_APP,
      prerequest: ensureApp(),
      tests: test(
        'is the run’s app',
        "pm.expect(pm.response.json().id).to.eql(pm.environment.get('pm_app_id'));",
        "pm.expect(pm.response.json().object).to.eql('app');",
      ),
    },
    {
      name: 'get-app: unknown app',
      operationId: 'get-app',
      expectStatus: 404,
      pathParams: UNKNOWN_APP,
      tests: errorType('resource_missing'),
    },
  ],
  'list-apps': [
    {
      name: 'list-apps',
      operationId: 'list-apps',
      expectStatus: 200,
      pathParams: PROJECT,
      tests: test(
        'is a list of apps',
        "pm.expect(pm.response.json().object).to.eql('list');",
        "pm.response.json().items.forEach(function (a) { pm.expect(a.object).to.eql('app'); });",
      ),
    },
    {
      name: 'list-apps: limit 1',
      operationId: 'list-apps',
      expectStatus: 200,
      pathParams: PROJECT,
      query: { limit: '1' },
      tests: test('has one app', 'pm.expect(pm.response.json().items.length).to.eql(1);'),
    },
    {
      name: 'list-apps: bad limit',
      operationId: 'list-apps',
      expectStatus: 400,
      pathParams: PROJECT,
      query: { limit: 'ten' },
      tests: errorType('parameter_error', 'limit'),
    },
  ],
  'list-app-public-api-keys': [
    {
      name: 'list-app-public-api-keys',
      operationId: 'list-app-public-api-keys',
      expectStatus: 200,
      pathParams: PM_APP,
      prerequest: ensureApp(),
      tests: test(
        'has the app’s production key',
        'var keys = pm.response.json().items;',
        "var production = keys.filter(function (k) { return k.environment === 'production'; })[0];",
        'pm.expect(production && production.key).to.match(/^appl_/);',
      ),
    },
    {
      name: 'list-app-public-api-keys: unknown app',
      operationId: 'list-app-public-api-keys',
      expectStatus: 404,
      pathParams: UNKNOWN_APP,
      tests: errorType('resource_missing'),
    },
  ],
  'get-app-storekit-config': [
    {
      name: 'get-app-storekit-config',
      operationId: 'get-app-storekit-config',
      expectStatus: 200,
      pathParams: PM_APP,
      prerequest: ensureApp(),
      tests: test(
        'is a StoreKit configuration file',
        "pm.expect(pm.response.json().object).to.eql('store_kit_config_file');",
        "pm.expect(pm.response.json().contents).to.be.an('object');",
      ),
    },
    {
      name: 'get-app-storekit-config: unknown app',
      operationId: 'get-app-storekit-config',
      expectStatus: 404,
      pathParams: UNKNOWN_APP,
      tests: errorType('resource_missing'),
    },
  ],
  'update-app': [
    {
      name: 'update-app',
      operationId: 'update-app',
      expectStatus: 200,
      pathParams: PM_APP,
      prerequest: ensureApp(),
      body: {
        name: PM_APP_BODY.name,
        app_store: { bundle_id: 'com.subcontract.{{run_id}}.renamed' },
      },
      tests: test(
        'has the new bundle id',
        "pm.expect(pm.response.json().app_store.bundle_id).to.eql(pm.variables.replaceIn('com.subcontract.{{run_id}}.renamed'));",
      ),
    },
    {
      name: 'update-app: other store',
      operationId: 'update-app',
      expectStatus: 400,
      pathParams: PM_APP,
      prerequest: ensureApp(),
      body: { play_store: { package_name: 'com.subcontract.pm' } },
      tests: errorType('parameter_error', 'play_store'),
    },
    {
      name: 'update-app: unknown app',
      operationId: 'update-app',
      expectStatus: 404,
      pathParams: UNKNOWN_APP,
      body: { name: PM_APP_BODY.name },
      tests: errorType('resource_missing'),
    },
  ],
  'delete-app': [
    {
      name: 'delete-app',
      operationId: 'delete-app',
      expectStatus: 200,
      pathParams: PM_APP,
      prerequest: ensureApp(),
      tests: [
        ...test(
          'deleted the run’s app',
          "pm.expect(pm.response.json()).to.include({ object: 'app', id: pm.environment.get('pm_app_id') });",
        ),
        "pm.environment.unset('pm_app_id');",
      ],
    },
    {
      name: 'delete-app: unknown app',
      operationId: 'delete-app',
      expectStatus: 404,
      pathParams: UNKNOWN_APP,
      tests: errorType('resource_missing'),
    },
  ],
}
