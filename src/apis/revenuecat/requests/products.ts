/**
 * The collection's Product requests: one per operation, then its named negative variants, in
 * create → read → push → delete order. The folder's product (`subcontract-{{run_id}}-pm-product`,
 * id in `pm_product_id`) is a subscription of the run's App Store app (apps.ts' ensureApp makes
 * one when the App folder's is gone); create-product makes it, or a request's pre-request script
 * when its operation runs alone (ensureProduct), and delete-product removes it and then the app.
 */
import type { RequestSpec } from '../../../collection/request-spec.ts'
import { ensureApp } from './apps.ts'
import { answered, errorType, onSandboxOnly, PROJECT, SANDBOX_ONLY, send, test } from './shared.ts'

const PM_PRODUCT_BODY = {
  store_identifier: 'subcontract-{{run_id}}-pm-product',
  app_id: '{{pm_app_id}}',
  type: 'subscription',
  display_name: 'Subcontract Postman monthly',
}

const PM_PRODUCT = { ...PROJECT, product_id: '{{pm_product_id}}' }
const UNKNOWN_PRODUCT = { ...PROJECT, product_id: 'subcontract-{{run_id}}-missing' }

/** Pre-request lines that make sure the run's app and product exist (`pm_product_id`). */
function ensureProduct(): string[] {
  const create = send('POST', '/projects/{{project_id}}/products', PM_PRODUCT_BODY, [
    ...answered('setup: create-product answers 201', [201]),
    "if (!err && res.code === 201) pm.environment.set('pm_product_id', res.json().id);",
  ])
  return ensureApp([
    "var productId = pm.environment.get('pm_product_id');",
    'if (!productId) {',
    ...create.map((l) => `  ${l}`),
    '} else {',
    ...send('GET', '/projects/{{project_id}}/products/{{pm_product_id}}', undefined, [
      'if (err || res.code !== 200) {',
      ...create.map((l) => `  ${l}`),
      '}',
    ]).map((l) => `  ${l}`),
    '}',
  ])
}

/** Requests by operationId, in run order. */
export const PRODUCTS_REQUESTS: Readonly<Record<string, readonly RequestSpec[]>> = {
  'create-product': [
    {
      name: 'create-product',
      operationId: 'create-product',
      expectStatus: 201,
      pathParams: PROJECT,
      prerequest: ensureApp(),
      body: PM_PRODUCT_BODY,
      tests: [
        ...test(
          'is a subscription of the run’s app',
          'var product = pm.response.json();',
          "pm.expect(product.app_id).to.eql(pm.environment.get('pm_app_id'));",
          "pm.expect(product.type).to.eql('subscription');",
          "pm.expect(product).to.not.have.property('app');",
        ),
        "pm.environment.set('pm_product_id', pm.response.json().id);",
      ],
    },
    {
      name: 'create-product: duplicate',
      operationId: 'create-product',
      expectStatus: 409,
      pathParams: PROJECT,
      prerequest: ensureProduct(),
      body: PM_PRODUCT_BODY,
      tests: errorType('resource_already_exists', 'store_identifier'),
    },
    {
      name: 'create-product: unknown app',
      operationId: 'create-product',
      expectStatus: 404,
      pathParams: PROJECT,
      body: { ...PM_PRODUCT_BODY, app_id: 'subcontract-{{run_id}}-missing' },
      tests: errorType('resource_missing', 'app_id'),
    },
    {
      name: 'create-product: missing type',
      operationId: 'create-product',
      expectStatus: 400,
      pathParams: PROJECT,
      body: { store_identifier: PM_PRODUCT_BODY.store_identifier, app_id: '{{pm_app_id}}' },
      tests: errorType('parameter_error', 'type'),
    },
  ],
  'get-product': [
    {
      name: 'get-product',
      operationId: 'get-product',
      expectStatus: 200,
      pathParams: PM_PRODUCT,
      prerequest: ensureProduct(),
      tests: test(
        'is the run’s product, without its app',
        "pm.expect(pm.response.json().id).to.eql(pm.environment.get('pm_product_id'));",
        "pm.expect(pm.response.json()).to.not.have.property('app');",
      ),
    },
    {
      name: 'get-product: expand app',
      operationId: 'get-product',
      expectStatus: 200,
      pathParams: PM_PRODUCT,
      prerequest: ensureProduct(),
      query: { expand: 'app' },
      tests: test(
        'carries its app',
        "pm.expect(pm.response.json().app.id).to.eql(pm.environment.get('pm_app_id'));",
      ),
    },
    {
      name: 'get-product: bad expand',
      operationId: 'get-product',
      expectStatus: 400,
      pathParams: UNKNOWN_PRODUCT,
      query: { expand: 'entitlements' },
      tests: errorType('parameter_error', 'expand'),
    },
    {
      name: 'get-product: unknown product',
      operationId: 'get-product',
      expectStatus: 404,
      pathParams: UNKNOWN_PRODUCT,
      tests: errorType('resource_missing'),
    },
  ],
  'list-products': [
    {
      name: 'list-products',
      operationId: 'list-products',
      expectStatus: 200,
      pathParams: PROJECT,
      prerequest: ensureProduct(),
      query: { app_id: '{{pm_app_id}}' },
      tests: test(
        'lists the run’s product',
        'var ids = pm.response.json().items.map(function (p) { return p.id; });',
        "pm.expect(ids).to.eql([pm.environment.get('pm_product_id')]);",
      ),
    },
    {
      name: 'list-products: expand app',
      operationId: 'list-products',
      expectStatus: 200,
      pathParams: PROJECT,
      prerequest: ensureProduct(),
      query: { app_id: '{{pm_app_id}}', expand: 'items.app' },
      tests: test(
        'each product carries its app',
        'pm.response.json().items.forEach(function (p) { pm.expect(p.app.id).to.eql(p.app_id); });',
      ),
    },
    {
      name: 'list-products: unknown app',
      operationId: 'list-products',
      expectStatus: 404,
      pathParams: PROJECT,
      query: { app_id: 'subcontract-{{run_id}}-missing' },
      tests: errorType('resource_missing', 'app_id'),
    },
    {
      name: 'list-products: bad limit',
      operationId: 'list-products',
      expectStatus: 400,
      pathParams: PROJECT,
      query: { limit: '0' },
      tests: errorType('parameter_error', 'limit'),
    },
  ],
  'create-product-in-store': [
    {
      name: 'create-product-in-store: no store information',
      operationId: 'create-product-in-store',
      expectStatus: 400,
      pathParams: PM_PRODUCT,
      prerequest: ensureProduct(),
      body: {},
      tests: errorType('parameter_error', 'store_information'),
    },
    {
      name: 'create-product-in-store',
      operationId: 'create-product-in-store',
      expectStatus: 201,
      pathParams: PM_PRODUCT,
      // A push to a real App Store makes a product no API call deletes: the sandbox only.
      prerequest: onSandboxOnly(ensureProduct()),
      body: {
        store_information: {
          duration: 'ONE_MONTH',
          subscription_group_name: 'Subcontract Postman',
        },
      },
      tests: test(
        'is the store product of the run’s product',
        'var created = pm.response.json().created_product;',
        "pm.expect(created.object).to.eql('store_product');",
        "pm.expect(created.product_identifier).to.eql(pm.variables.replaceIn('subcontract-{{run_id}}-pm-product'));",
      ),
    },
    {
      name: 'create-product-in-store: already in store',
      operationId: 'create-product-in-store',
      expectStatus: 409,
      pathParams: PM_PRODUCT,
      prerequest: SANDBOX_ONLY,
      body: {
        store_information: {
          duration: 'ONE_MONTH',
          subscription_group_name: 'Subcontract Postman',
        },
      },
      tests: errorType('resource_already_exists'),
    },
    {
      name: 'create-product-in-store: unknown product',
      operationId: 'create-product-in-store',
      expectStatus: 404,
      pathParams: UNKNOWN_PRODUCT,
      body: {},
      tests: errorType('resource_missing'),
    },
  ],
  'delete-product': [
    {
      name: 'delete-product',
      operationId: 'delete-product',
      expectStatus: 200,
      pathParams: PM_PRODUCT,
      prerequest: ensureProduct(),
      tests: [
        ...test(
          'deleted the run’s product',
          "pm.expect(pm.response.json()).to.include({ object: 'product', id: pm.environment.get('pm_product_id') });",
        ),
        "pm.environment.unset('pm_product_id');",
        // The folder's app goes with it (the App folder deleted its own already).
        ...send('DELETE', '/projects/{{project_id}}/apps/{{pm_app_id}}', undefined, [
          ...answered('cleanup: delete-app answers 200', [200]),
          "pm.environment.unset('pm_app_id');",
        ]),
      ],
    },
    {
      name: 'delete-product: unknown product',
      operationId: 'delete-product',
      expectStatus: 404,
      pathParams: UNKNOWN_PRODUCT,
      tests: errorType('resource_missing'),
    },
  ],
}
