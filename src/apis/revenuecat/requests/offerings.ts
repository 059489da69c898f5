/**
 * The collection's Offering and Package requests: one per operation, then its named negative
 * variants. They work on the run's own offering and package (offerings-scripts.ts), made by each
 * operation's first request when the run has none, and deleted by its last request. None of them
 * changes which offering is current (S-39): the suites' flow does that.
 */
import type { RequestSpec } from '../../../collection/request-spec.ts'
import { CLEANUP_OFFERING, PM_OFFERING_KEY, PM_PACKAGE_KEY, prepare } from './offerings-scripts.ts'
import { errorType, PROJECT, test } from './shared.ts'

const OFFERING = { ...PROJECT, offering_id: '{{pm_offering_id}}' }
const UNKNOWN_OFFERING = { ...PROJECT, offering_id: 'subcontract-{{run_id}}-missing' }
const PACKAGE = { ...PROJECT, package_id: '{{pm_package_id}}' }
const UNKNOWN_PACKAGE = { ...PROJECT, package_id: 'subcontract-{{run_id}}-missing' }
const ATTACH = {
  products: [{ product_id: '{{pm_package_product_id}}', eligibility_criteria: 'all' }],
}

const isRunsOffering = test(
  "is the run's offering, not current, its packages not expanded",
  'var body = pm.response.json();',
  "pm.expect(body.object).to.eql('offering');",
  "pm.expect(body.id).to.eql(pm.environment.get('pm_offering_id'));",
  'pm.expect(body.is_current).to.eql(false);',
  "pm.expect(body).to.not.have.property('packages');",
)

const isRunsPackage = test(
  "is the run's package, its products not expanded",
  'var body = pm.response.json();',
  "pm.expect(body.object).to.eql('package');",
  "pm.expect(body.id).to.eql(pm.environment.get('pm_package_id'));",
  "pm.expect(body).to.not.have.property('products');",
)

const holdsProduct = (where: string) =>
  test(
    "holds the run's product for every SDK",
    `var items = ${where};`,
    'var held = items.find(function (a) { return a.product.id === pm.environment.get("pm_package_product_id"); });',
    "pm.expect(held && held.eligibility_criteria).to.eql('all');",
  )

/** Requests by operationId, in run order. */
export const OFFERINGS_REQUESTS: Readonly<Record<string, readonly RequestSpec[]>> = {
  'create-offering': [
    {
      name: 'create-offering',
      operationId: 'create-offering',
      expectStatus: 201,
      pathParams: PROJECT,
      body: {
        lookup_key: PM_OFFERING_KEY,
        display_name: 'Subcontract Postman offering',
        metadata: { source: 'postman' },
      },
      tests: test(
        'is the offering created, not current',
        'var body = pm.response.json();',
        `pm.expect(body.lookup_key).to.eql(pm.variables.replaceIn(${JSON.stringify(PM_OFFERING_KEY)}));`,
        'pm.expect(body.is_current).to.eql(false);',
        "pm.expect(body.metadata).to.eql({ source: 'postman' });",
        "pm.environment.set('pm_offering_id', body.id);",
      ),
    },
    {
      name: 'create-offering: duplicate lookup_key',
      operationId: 'create-offering',
      expectStatus: 409,
      pathParams: PROJECT,
      body: { lookup_key: PM_OFFERING_KEY, display_name: 'Again' },
      prerequest: prepare({ offering: true }),
      tests: errorType('resource_already_exists', 'lookup_key'),
    },
    {
      name: 'create-offering: missing display_name',
      operationId: 'create-offering',
      expectStatus: 400,
      pathParams: PROJECT,
      body: { lookup_key: 'subcontract-{{run_id}}-pm-unused' },
      tests: [...errorType('parameter_error', 'display_name'), ...CLEANUP_OFFERING],
    },
  ],
  'get-offering': [
    {
      name: 'get-offering',
      operationId: 'get-offering',
      expectStatus: 200,
      pathParams: OFFERING,
      prerequest: prepare({ package: true }),
      tests: isRunsOffering,
    },
    {
      name: 'get-offering: expand package.product',
      operationId: 'get-offering',
      expectStatus: 200,
      pathParams: OFFERING,
      query: { expand: 'package.product' },
      tests: test(
        'lists its package with its products',
        'var packages = pm.response.json().packages;',
        "pm.expect(packages.object).to.eql('list');",
        "pm.expect(packages.items.map(function (p) { return p.id; })).to.eql([pm.environment.get('pm_package_id')]);",
        "pm.expect(packages.items[0].products.object).to.eql('list');",
      ),
    },
    {
      name: 'get-offering: unknown offering',
      operationId: 'get-offering',
      expectStatus: 404,
      pathParams: UNKNOWN_OFFERING,
      tests: errorType('resource_missing'),
    },
    {
      name: 'get-offering: bad expand',
      operationId: 'get-offering',
      expectStatus: 400,
      pathParams: OFFERING,
      query: { expand: 'packages' },
      tests: [...errorType('parameter_error', 'expand'), ...CLEANUP_OFFERING],
    },
  ],
  'list-offerings': [
    {
      name: 'list-offerings',
      operationId: 'list-offerings',
      expectStatus: 200,
      pathParams: PROJECT,
      query: { limit: '100' },
      tests: test(
        'lists offerings, at most one of them current',
        'var items = pm.response.json().items;',
        "pm.expect(pm.response.json().object).to.eql('list');",
        'pm.expect(items.filter(function (o) { return o.is_current; }).length).to.be.at.most(1);',
        "items.forEach(function (o) { pm.expect(o).to.not.have.property('packages'); });",
      ),
    },
    {
      name: 'list-offerings: expand items.package.product',
      operationId: 'list-offerings',
      expectStatus: 200,
      pathParams: PROJECT,
      query: { expand: 'items.package.product' },
      tests: test(
        "expands each offering's packages",
        "pm.response.json().items.forEach(function (o) { pm.expect(o.packages.object).to.eql('list'); });",
      ),
    },
    {
      name: 'list-offerings: bad expand',
      operationId: 'list-offerings',
      expectStatus: 400,
      pathParams: PROJECT,
      query: { expand: 'package' },
      tests: errorType('parameter_error', 'expand'),
    },
  ],
  'update-offering': [
    {
      name: 'update-offering',
      operationId: 'update-offering',
      expectStatus: 200,
      pathParams: OFFERING,
      prerequest: prepare({ offering: true }),
      body: { display_name: 'Subcontract Postman offering, renamed', metadata: { theme: 'dark' } },
      tests: test(
        'is renamed, with the new metadata',
        'var body = pm.response.json();',
        "pm.expect(body.display_name).to.eql('Subcontract Postman offering, renamed');",
        "pm.expect(body.metadata).to.eql({ theme: 'dark' });",
      ),
    },
    {
      name: 'update-offering: not current',
      operationId: 'update-offering',
      expectStatus: 200,
      pathParams: OFFERING,
      body: { is_current: false },
      tests: isRunsOffering,
    },
    {
      name: 'update-offering: unknown offering',
      operationId: 'update-offering',
      expectStatus: 404,
      pathParams: UNKNOWN_OFFERING,
      body: { display_name: 'x' },
      tests: errorType('resource_missing'),
    },
    {
      name: 'update-offering: empty display_name',
      operationId: 'update-offering',
      expectStatus: 400,
      pathParams: OFFERING,
      body: { display_name: '' },
      tests: [...errorType('parameter_error', 'display_name'), ...CLEANUP_OFFERING],
    },
  ],
  'delete-offering': [
    {
      name: 'delete-offering',
      operationId: 'delete-offering',
      expectStatus: 200,
      pathParams: OFFERING,
      prerequest: prepare({ offering: true }),
      tests: test(
        'is the deleted offering',
        'var body = pm.response.json();',
        "pm.expect(body.object).to.eql('offering');",
        "pm.expect(body.id).to.eql(pm.environment.get('pm_offering_id'));",
        "pm.environment.unset('pm_offering_id');",
        "pm.environment.unset('pm_package_id');",
        "pm.environment.unset('pm_paywall_id');",
      ),
    },
    {
      name: 'delete-offering: unknown offering',
      operationId: 'delete-offering',
      expectStatus: 404,
      pathParams: UNKNOWN_OFFERING,
      tests: errorType('resource_missing'),
    },
  ],
  'create-packages': [
    {
      name: 'create-packages',
      operationId: 'create-packages',
      expectStatus: 201,
      pathParams: OFFERING,
      prerequest: prepare({ offering: true }),
      body: {
        lookup_key: PM_PACKAGE_KEY,
        display_name: 'Subcontract Postman package',
        position: 1,
      },
      tests: test(
        'is the package created',
        'var body = pm.response.json();',
        `pm.expect(body.lookup_key).to.eql(pm.variables.replaceIn(${JSON.stringify(PM_PACKAGE_KEY)}));`,
        'pm.expect(body.position).to.eql(1);',
        "pm.environment.set('pm_package_id', body.id);",
      ),
    },
    {
      name: 'create-packages: duplicate lookup_key',
      operationId: 'create-packages',
      expectStatus: 409,
      pathParams: OFFERING,
      body: { lookup_key: PM_PACKAGE_KEY, display_name: 'Again' },
      tests: errorType('resource_already_exists', 'lookup_key'),
    },
    {
      name: 'create-packages: unknown offering',
      operationId: 'create-packages',
      expectStatus: 404,
      pathParams: UNKNOWN_OFFERING,
      body: { lookup_key: 'subcontract-{{run_id}}-pm-unused', display_name: 'x' },
      tests: errorType('resource_missing'),
    },
    {
      name: 'create-packages: missing lookup_key',
      operationId: 'create-packages',
      expectStatus: 400,
      pathParams: OFFERING,
      body: { display_name: 'No key' },
      tests: [...errorType('parameter_error', 'lookup_key'), ...CLEANUP_OFFERING],
    },
  ],
  'get-package': [
    {
      name: 'get-package',
      operationId: 'get-package',
      expectStatus: 200,
      pathParams: PACKAGE,
      prerequest: prepare({ attached: true }),
      tests: isRunsPackage,
    },
    {
      name: 'get-package: expand product',
      operationId: 'get-package',
      expectStatus: 200,
      pathParams: PACKAGE,
      query: { expand: 'product' },
      tests: holdsProduct('pm.response.json().products.items'),
    },
    {
      name: 'get-package: unknown package',
      operationId: 'get-package',
      expectStatus: 404,
      pathParams: UNKNOWN_PACKAGE,
      tests: errorType('resource_missing'),
    },
    {
      name: 'get-package: bad expand',
      operationId: 'get-package',
      expectStatus: 400,
      pathParams: PACKAGE,
      query: { expand: 'products' },
      tests: [...errorType('parameter_error', 'expand'), ...CLEANUP_OFFERING],
    },
  ],
  'list-packages': [
    {
      name: 'list-packages',
      operationId: 'list-packages',
      expectStatus: 200,
      pathParams: OFFERING,
      prerequest: prepare({ package: true }),
      tests: test(
        "lists the offering's package",
        "pm.expect(pm.response.json().items.map(function (p) { return p.id; })).to.eql([pm.environment.get('pm_package_id')]);",
      ),
    },
    {
      name: 'list-packages: expand items.product',
      operationId: 'list-packages',
      expectStatus: 200,
      pathParams: OFFERING,
      query: { expand: 'items.product' },
      tests: test(
        "expands each package's products",
        "pm.response.json().items.forEach(function (p) { pm.expect(p.products.object).to.eql('list'); });",
      ),
    },
    {
      name: 'list-packages: unknown offering',
      operationId: 'list-packages',
      expectStatus: 404,
      pathParams: UNKNOWN_OFFERING,
      tests: errorType('resource_missing'),
    },
    {
      name: 'list-packages: bad expand',
      operationId: 'list-packages',
      expectStatus: 400,
      pathParams: OFFERING,
      query: { expand: 'product' },
      tests: [...errorType('parameter_error', 'expand'), ...CLEANUP_OFFERING],
    },
  ],
  'update-package': [
    {
      name: 'update-package',
      operationId: 'update-package',
      expectStatus: 200,
      pathParams: PACKAGE,
      prerequest: prepare({ package: true }),
      body: { display_name: 'Subcontract Postman package, renamed', position: 2 },
      tests: test(
        'is renamed and moved',
        'var body = pm.response.json();',
        "pm.expect(body.display_name).to.eql('Subcontract Postman package, renamed');",
        'pm.expect(body.position).to.eql(2);',
      ),
    },
    {
      name: 'update-package: unknown package',
      operationId: 'update-package',
      expectStatus: 404,
      pathParams: UNKNOWN_PACKAGE,
      body: { display_name: 'x' },
      tests: errorType('resource_missing'),
    },
    {
      name: 'update-package: position 0',
      operationId: 'update-package',
      expectStatus: 400,
      pathParams: PACKAGE,
      body: { position: 0 },
      tests: [...errorType('parameter_error', 'position'), ...CLEANUP_OFFERING],
    },
  ],
  'attach-products-to-package': [
    {
      name: 'attach-products-to-package',
      operationId: 'attach-products-to-package',
      expectStatus: 200,
      pathParams: PACKAGE,
      prerequest: prepare({ package: true, product: true }),
      body: ATTACH,
      tests: isRunsPackage,
    },
    {
      name: 'attach-products-to-package: unknown product',
      operationId: 'attach-products-to-package',
      expectStatus: 404,
      pathParams: PACKAGE,
      body: {
        products: [{ product_id: 'subcontract-{{run_id}}-missing', eligibility_criteria: 'all' }],
      },
      tests: errorType('resource_missing', 'products.0.product_id'),
    },
    {
      name: 'attach-products-to-package: unknown package',
      operationId: 'attach-products-to-package',
      expectStatus: 404,
      pathParams: UNKNOWN_PACKAGE,
      body: ATTACH,
      tests: errorType('resource_missing'),
    },
    {
      name: 'attach-products-to-package: empty products',
      operationId: 'attach-products-to-package',
      expectStatus: 400,
      pathParams: PACKAGE,
      body: { products: [] },
      tests: [...errorType('parameter_error', 'products'), ...CLEANUP_OFFERING],
    },
  ],
  'get-products-from-package': [
    {
      name: 'get-products-from-package',
      operationId: 'get-products-from-package',
      expectStatus: 200,
      pathParams: PACKAGE,
      prerequest: prepare({ attached: true }),
      tests: holdsProduct('pm.response.json().items'),
    },
    {
      name: 'get-products-from-package: unknown package',
      operationId: 'get-products-from-package',
      expectStatus: 404,
      pathParams: UNKNOWN_PACKAGE,
      tests: [...errorType('resource_missing'), ...CLEANUP_OFFERING],
    },
  ],
  'detach-products-from-package': [
    {
      name: 'detach-products-from-package',
      operationId: 'detach-products-from-package',
      expectStatus: 200,
      pathParams: PACKAGE,
      prerequest: prepare({ attached: true }),
      body: { product_ids: ['{{pm_package_product_id}}'] },
      tests: isRunsPackage,
    },
    {
      name: 'detach-products-from-package: not attached',
      operationId: 'detach-products-from-package',
      expectStatus: 200,
      pathParams: PACKAGE,
      body: { product_ids: ['{{pm_package_product_id}}'] },
      tests: isRunsPackage,
    },
    {
      name: 'detach-products-from-package: unknown product',
      operationId: 'detach-products-from-package',
      expectStatus: 404,
      pathParams: PACKAGE,
      body: { product_ids: ['subcontract-{{run_id}}-missing'] },
      tests: errorType('resource_missing', 'product_ids.0'),
    },
    {
      name: 'detach-products-from-package: unknown package',
      operationId: 'detach-products-from-package',
      expectStatus: 404,
      pathParams: UNKNOWN_PACKAGE,
      body: { product_ids: ['{{pm_package_product_id}}'] },
      tests: errorType('resource_missing'),
    },
    {
      name: 'detach-products-from-package: empty product_ids',
      operationId: 'detach-products-from-package',
      expectStatus: 400,
      pathParams: PACKAGE,
      body: { product_ids: [] },
      tests: [...errorType('parameter_error', 'product_ids'), ...CLEANUP_OFFERING],
    },
  ],
  'delete-package-from-offering': [
    {
      name: 'delete-package-from-offering',
      operationId: 'delete-package-from-offering',
      expectStatus: 200,
      pathParams: PACKAGE,
      prerequest: prepare({ package: true }),
      tests: test(
        'is the deleted package',
        'var body = pm.response.json();',
        "pm.expect(body.object).to.eql('package');",
        "pm.expect(body.id).to.eql(pm.environment.get('pm_package_id'));",
        "pm.environment.unset('pm_package_id');",
      ),
    },
    {
      name: 'delete-package-from-offering: unknown package',
      operationId: 'delete-package-from-offering',
      expectStatus: 404,
      pathParams: UNKNOWN_PACKAGE,
      tests: [...errorType('resource_missing'), ...CLEANUP_OFFERING],
    },
  ],
}
