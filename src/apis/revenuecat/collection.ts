/**
 * What RevenueCat's Postman collection is built from besides its registry: the request list
 * (requests.ts) and the collection-level scaffolding its requests rely on (a run id and one
 * run-scoped test customer). `buildCollection(revenuecat, REVENUECAT_COLLECTION)` writes
 * collections/revenuecat.postman_collection.json.
 */
import type { CollectionSource } from '../../collection/request-spec.ts'
import { REVENUECAT_OPERATIONS } from './operations.ts'
import { REVENUECAT_REQUESTS } from './requests.ts'

const createCustomer = REVENUECAT_OPERATIONS.find((op) => op.operationId === 'create-customer')
if (createCustomer === undefined) throw new Error('the RevenueCat registry has no create-customer')

// Runs before every request: a run id, and one run-scoped test customer shared by the folders
// (runCustomer names it). Customer is the last folder, and its delete-customer removes it again.
const ENSURE_CUSTOMER = [
  "if (!pm.environment.get('run_id')) { pm.environment.set('run_id', String(Date.now())); }",
  "if (!pm.environment.get('test_customer_id')) {",
  "  var customerId = 'subcontract-' + pm.environment.get('run_id') + '-pm';",
  "  pm.environment.set('test_customer_id', customerId);",
  '  pm.sendRequest({',
  `    url: pm.environment.get('base_url') + '${createCustomer.path.replace('{project_id}', "' + pm.environment.get('project_id') + '")}',`,
  "    method: 'POST',",
  "    header: { 'Authorization': 'Bearer ' + pm.environment.get('secret_api_key'), 'Content-Type': 'application/json' },",
  "    body: { mode: 'raw', raw: JSON.stringify({ id: customerId }) }",
  '  }, function () {});',
  '}',
]

// Runs before every request too: on the subcontract sandbox (sandbox_control, published by the
// sandbox), the store objects that cancel and the refunds use up are made fresh for each run,
// through the sandbox's control routes, on a customer of the run's own (runTestData names it):
// no v2 operation makes a store purchase. On a real project the target variables name them.
const ENSURE_STORE_OBJECTS = [
  "if (pm.environment.get('sandbox_control') === 'true' && !pm.environment.get('store_objects_made')) {",
  "  pm.environment.set('store_objects_made', 'true');",
  "  var storeCustomer = 'subcontract-' + pm.environment.get('run_id') + '-pm-store';",
  "  var storeHeaders = { 'Authorization': 'Bearer ' + pm.environment.get('secret_api_key'), 'Content-Type': 'application/json' };",
  "  var control = pm.environment.get('base_url').replace(/\\/v2\\/?$/, '') + '/__sandbox/projects/' + pm.environment.get('project_id') + '/customers/' + encodeURIComponent(storeCustomer) + '/';",
  '  var make = function (what, body, keep) {',
  "    pm.sendRequest({ url: control + what, method: 'POST', header: storeHeaders, body: { mode: 'raw', raw: JSON.stringify(body) } }, function (err, res) {",
  '      if (!err && res.code === 201) { keep(res.json()); }',
  '    });',
  '  };',
  '  pm.sendRequest({',
  `    url: pm.environment.get('base_url') + '${createCustomer.path.replace('{project_id}', "' + pm.environment.get('project_id') + '")}',`,
  "    method: 'POST',",
  '    header: storeHeaders,',
  "    body: { mode: 'raw', raw: JSON.stringify({ id: storeCustomer }) }",
  '  }, function () {',
  "    make('subscriptions', { store: 'rc_billing' }, function (s) { pm.environment.set('cancellable_subscription_id', s.id); });",
  "    make('subscriptions', { store: 'rc_billing' }, function (s) { pm.environment.set('refundable_subscription_id', s.id); });",
  "    make('subscriptions', { store: 'play_store', periods: 3 }, function (s) { pm.environment.set('play_store_subscription_id', s.id); pm.environment.set('play_store_transaction_id', s.transaction_ids[s.transaction_ids.length - 1]); });",
  "    make('purchases', { store: 'rc_billing' }, function (p) { pm.environment.set('refundable_purchase_id', p.id); });",
  '  });',
  '}',
]

/** RevenueCat's collection: its requests, the run's test customer and its store objects. */
export const REVENUECAT_COLLECTION: CollectionSource = {
  info: {
    _postman_id: 'a0c5a7b2-4ec0-4885-bdfe-5701ec490b37',
    name: 'RevenueCat REST API v2 (subcontract)',
    description:
      'Written by subcontract from its operation registry. One folder per tag; one request per emulated operation (named by its operationId), its named negative variants, and for every operation a request that sends no key and expects 401 authentication_error. The requests share one run-scoped test customer, created before the first request and deleted by the last folder. Run it with environments/revenuecat.local.postman_environment.json against `npm run sandbox`, or fill environments/revenuecat.remote.postman_environment.json.',
  },
  folders: REVENUECAT_REQUESTS,
  prerequest: [...ENSURE_CUSTOMER, ...ENSURE_STORE_OBJECTS],
}

/** Variables the collection sets itself while it runs; environments declare them empty. */
export const REVENUECAT_RUNTIME_VARIABLES: Readonly<Record<string, string>> = {
  run_id: '',
  test_customer_id: '',
  store_objects_made: '',
  /** The Offering, Package and Paywall folders' own (requests/offerings-scripts.ts). */
  pm_offering_id: '',
  pm_package_id: '',
  pm_package_product_id: '',
  pm_paywall_id: '',
  /** The Entitlement and Virtual Currency folders' own (requests/catalog-scripts.ts). */
  pm_entitlement_id: '',
  pm_entitlement_product_id: '',
  pm_vc_code: '',
  pm_vc_made: '',
  pm_seeded_vc_code: '',
  /** The Product folder's app and product (requests/apps.ts, requests/products.ts). */
  pm_app_id: '',
  pm_product_id: '',
  webhook_integration_id: '',
}

/**
 * The ledger references (test-data.ts) of what a run of the collection creates, so that the run
 * records them before Newman starts and removes them when Newman stops halfway:
 * - customers: its test customer (ENSURE_CUSTOMER), the one create-customer's request makes and
 *   the one that holds a sandbox run's store objects (ENSURE_STORE_OBJECTS);
 * - configuration objects, by the run-scoped name their folder gives them: the App Store app and
 *   its product, the Mac App Store app a real project might allow, the entitlement, the virtual
 *   currency, the offering (its package and paywall go with it) and the webhook.
 * Each folder deletes its own objects at its end; these are for a run that does not get there.
 */
export function runTestData(runId: string, data: Readonly<Record<string, string>>): string[] {
  const project = data.projectId
  if (project === undefined) return []
  const name = (suffix: string) => `subcontract-${runId}-${suffix}`
  return [
    ...['pm', 'pm-new', 'pm-store'].map((suffix) => `${project}/${name(suffix)}`),
    `${project}/@webhook/${name('pm-webhook')}`,
    `${project}/@offering/${name('pm-offering')}`,
    `${project}/@entitlement/${name('pm-entl')}`,
    `${project}/@currency/${name('pm-vc')}`,
    `${project}/@product/${name('pm-product')}`,
    `${project}/@app/${name('pm-app')}`,
    `${project}/@app/${name('pm-mac')}`,
  ]
}
