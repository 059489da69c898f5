/**
 * The collection's Entitlement requests: one per operation, then its named negative variants.
 * Reads use the target's entitlement (REVENUECAT_ENTITLEMENT_ID); writes use the run's own
 * (`subcontract-{{run_id}}-pm-entl`, catalog-scripts.ts), which each operation's requests make
 * when the run has none and its last request deletes again.
 */
import type { RequestSpec } from '../../../collection/request-spec.ts'
import { CLEANUP_ENTITLEMENT, PM_ENTITLEMENT_KEY, prepare } from './catalog-scripts.ts'
import { errorType, PROJECT, test } from './shared.ts'

const SEEDED = { ...PROJECT, entitlement_id: '{{entitlement_id}}' }
const RUNS_OWN = { ...PROJECT, entitlement_id: '{{pm_entitlement_id}}' }
const UNKNOWN = { ...PROJECT, entitlement_id: 'subcontract-{{run_id}}-missing' }
const PRODUCT = { product_ids: ['{{pm_entitlement_product_id}}'] }
const UNKNOWN_PRODUCT = { product_ids: ['subcontract-{{run_id}}-missing'] }

const isEntitlement = test(
  'is an entitlement, its products not expanded',
  'var body = pm.response.json();',
  "pm.expect(body.object).to.eql('entitlement');",
  "pm.expect(body).to.not.have.property('products');",
)

const isRunsOwn = test(
  "is the run's entitlement",
  "pm.expect(pm.response.json().id).to.eql(pm.environment.get('pm_entitlement_id'));",
)

/** Requests by operationId, in run order. */
export const ENTITLEMENTS_REQUESTS: Readonly<Record<string, readonly RequestSpec[]>> = {
  'create-entitlement': [
    {
      name: 'create-entitlement',
      operationId: 'create-entitlement',
      expectStatus: 201,
      pathParams: PROJECT,
      body: { lookup_key: PM_ENTITLEMENT_KEY, display_name: 'Subcontract Postman entitlement' },
      tests: [
        ...test(
          'is the entitlement created',
          'var body = pm.response.json();',
          `pm.expect(body.lookup_key).to.eql(pm.variables.replaceIn(${JSON.stringify(PM_ENTITLEMENT_KEY)}));`,
          "pm.environment.set('pm_entitlement_id', body.id);",
        ),
      ],
    },
    {
      name: 'create-entitlement: existing lookup_key',
      operationId: 'create-entitlement',
      expectStatus: 409,
      pathParams: PROJECT,
      body: { lookup_key: PM_ENTITLEMENT_KEY, display_name: 'Again' },
      prerequest: prepare({ entitlement: true }),
      tests: [...errorType('resource_already_exists', 'lookup_key'), ...CLEANUP_ENTITLEMENT],
    },
    {
      name: 'create-entitlement: missing lookup_key',
      operationId: 'create-entitlement',
      expectStatus: 400,
      pathParams: PROJECT,
      body: { display_name: 'No key' },
      tests: errorType('parameter_error', 'lookup_key'),
    },
  ],
  'get-entitlement': [
    {
      name: 'get-entitlement',
      operationId: 'get-entitlement',
      expectStatus: 200,
      pathParams: SEEDED,
      tests: isEntitlement,
    },
    {
      name: 'get-entitlement: expand product',
      operationId: 'get-entitlement',
      expectStatus: 200,
      pathParams: SEEDED,
      query: { expand: 'product' },
      tests: test(
        'lists its products',
        'var products = pm.response.json().products;',
        "pm.expect(products.object).to.eql('list');",
        "products.items.forEach(function (p) { pm.expect(p.object).to.eql('product'); });",
      ),
    },
    {
      name: 'get-entitlement: bad expand',
      operationId: 'get-entitlement',
      expectStatus: 400,
      pathParams: SEEDED,
      query: { expand: 'app' },
      tests: errorType('parameter_error', 'expand'),
    },
    {
      name: 'get-entitlement: unknown entitlement',
      operationId: 'get-entitlement',
      expectStatus: 404,
      pathParams: UNKNOWN,
      tests: errorType('resource_missing'),
    },
  ],
  'list-entitlements': [
    {
      name: 'list-entitlements',
      operationId: 'list-entitlements',
      expectStatus: 200,
      pathParams: PROJECT,
      tests: test(
        "lists the project's entitlements, the target's among them",
        'var items = pm.response.json().items;',
        "items.forEach(function (e) { pm.expect(e.object).to.eql('entitlement'); pm.expect(e).to.not.have.property('products'); });",
      ),
    },
    {
      name: 'list-entitlements: expand items.product',
      operationId: 'list-entitlements',
      expectStatus: 200,
      pathParams: PROJECT,
      query: { expand: 'items.product' },
      tests: test(
        'each entitlement lists its products',
        "pm.response.json().items.forEach(function (e) { pm.expect(e.products.object).to.eql('list'); });",
      ),
    },
    {
      name: 'list-entitlements: limit 1',
      operationId: 'list-entitlements',
      expectStatus: 200,
      pathParams: PROJECT,
      query: { limit: '1' },
      tests: test('has one entitlement', 'pm.expect(pm.response.json().items.length).to.eql(1);'),
    },
    {
      name: 'list-entitlements: bad limit',
      operationId: 'list-entitlements',
      expectStatus: 400,
      pathParams: PROJECT,
      query: { limit: '0' },
      tests: errorType('parameter_error', 'limit'),
    },
  ],
  'update-entitlement': [
    {
      name: 'update-entitlement',
      operationId: 'update-entitlement',
      expectStatus: 200,
      pathParams: RUNS_OWN,
      body: { display_name: 'Renamed by Postman' },
      prerequest: prepare({ entitlement: true }),
      tests: [
        ...isRunsOwn,
        ...test(
          'has the new display name',
          "pm.expect(pm.response.json().display_name).to.eql('Renamed by Postman');",
        ),
      ],
    },
    {
      name: 'update-entitlement: missing display_name',
      operationId: 'update-entitlement',
      expectStatus: 400,
      pathParams: RUNS_OWN,
      body: {},
      prerequest: prepare({ entitlement: true }),
      tests: [...errorType('parameter_error', 'display_name'), ...CLEANUP_ENTITLEMENT],
    },
    {
      name: 'update-entitlement: unknown entitlement',
      operationId: 'update-entitlement',
      expectStatus: 404,
      pathParams: UNKNOWN,
      body: { display_name: 'Nobody' },
      tests: errorType('resource_missing'),
    },
  ],
  'attach-products-to-entitlement': [
    {
      name: 'attach-products-to-entitlement',
      operationId: 'attach-products-to-entitlement',
      expectStatus: 200,
      pathParams: RUNS_OWN,
      body: PRODUCT,
      prerequest: prepare({ entitlement: true, product: true }),
      tests: isRunsOwn,
    },
    {
      name: 'attach-products-to-entitlement: twice',
      operationId: 'attach-products-to-entitlement',
      expectStatus: 200,
      pathParams: RUNS_OWN,
      body: PRODUCT,
      prerequest: prepare({ attached: true }),
      tests: isRunsOwn,
    },
    {
      name: 'attach-products-to-entitlement: unknown product',
      operationId: 'attach-products-to-entitlement',
      expectStatus: 404,
      pathParams: RUNS_OWN,
      body: UNKNOWN_PRODUCT,
      prerequest: prepare({ entitlement: true }),
      tests: [...errorType('resource_missing', 'product_ids'), ...CLEANUP_ENTITLEMENT],
    },
    {
      name: 'attach-products-to-entitlement: empty product_ids',
      operationId: 'attach-products-to-entitlement',
      expectStatus: 400,
      pathParams: SEEDED,
      body: { product_ids: [] },
      tests: errorType('parameter_error', 'product_ids'),
    },
  ],
  'get-products-from-entitlement': [
    {
      name: 'get-products-from-entitlement',
      operationId: 'get-products-from-entitlement',
      expectStatus: 200,
      pathParams: RUNS_OWN,
      prerequest: prepare({ attached: true }),
      tests: test(
        'lists the product attached',
        'var ids = pm.response.json().items.map(function (p) { return p.id; });',
        "pm.expect(ids).to.include(pm.environment.get('pm_entitlement_product_id'));",
      ),
    },
    {
      name: 'get-products-from-entitlement: bad limit',
      operationId: 'get-products-from-entitlement',
      expectStatus: 400,
      pathParams: RUNS_OWN,
      query: { limit: '0' },
      prerequest: prepare({ entitlement: true }),
      tests: [...errorType('parameter_error', 'limit'), ...CLEANUP_ENTITLEMENT],
    },
    {
      name: 'get-products-from-entitlement: unknown entitlement',
      operationId: 'get-products-from-entitlement',
      expectStatus: 404,
      pathParams: UNKNOWN,
      tests: errorType('resource_missing'),
    },
  ],
  'detach-products-from-entitlement': [
    {
      name: 'detach-products-from-entitlement',
      operationId: 'detach-products-from-entitlement',
      expectStatus: 200,
      pathParams: RUNS_OWN,
      body: PRODUCT,
      prerequest: prepare({ attached: true }),
      tests: isRunsOwn,
    },
    {
      name: 'detach-products-from-entitlement: not attached',
      operationId: 'detach-products-from-entitlement',
      expectStatus: 200,
      pathParams: RUNS_OWN,
      body: PRODUCT,
      prerequest: prepare({ entitlement: true, product: true }),
      tests: isRunsOwn,
    },
    {
      name: 'detach-products-from-entitlement: unknown product',
      operationId: 'detach-products-from-entitlement',
      expectStatus: 404,
      pathParams: RUNS_OWN,
      body: UNKNOWN_PRODUCT,
      prerequest: prepare({ entitlement: true }),
      tests: [...errorType('resource_missing', 'product_ids'), ...CLEANUP_ENTITLEMENT],
    },
  ],
  'delete-entitlement': [
    {
      name: 'delete-entitlement',
      operationId: 'delete-entitlement',
      expectStatus: 200,
      pathParams: RUNS_OWN,
      prerequest: prepare({ entitlement: true }),
      tests: test(
        "deletes the run's entitlement",
        'var body = pm.response.json();',
        "pm.expect(body.object).to.eql('entitlement');",
        "pm.expect(body.id).to.eql(pm.environment.get('pm_entitlement_id'));",
        "pm.environment.unset('pm_entitlement_id');",
      ),
    },
    {
      name: 'delete-entitlement: unknown entitlement',
      operationId: 'delete-entitlement',
      expectStatus: 404,
      pathParams: UNKNOWN,
      tests: errorType('resource_missing'),
    },
  ],
}
