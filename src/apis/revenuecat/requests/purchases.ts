/**
 * The collection's purchase requests (purchases, invoices, virtual currency balances): one per
 * operation, then its named negative variants. The refund uses up the Newman pool's refundable
 * purchase, and its "already refunded" variant follows it. Three requests fill in, before they
 * leave, what no variable holds: the target's first virtual currency code (in the body), the
 * seeded purchase's store identifier (search-purchases) and a paid invoice of the web customer
 * (get-invoice).
 */
import type { RequestSpec } from '../../../collection/request-spec.ts'
import {
  errorType,
  PROJECT,
  SEEDED_CUSTOMER,
  TEST_CUSTOMER,
  test,
  UNKNOWN_CUSTOMER,
} from './shared.ts'

const purchase = (id: string) => ({ ...PROJECT, purchase_id: id })
const SEEDED_PURCHASE = purchase('{{purchase_id}}')
const UNKNOWN_PURCHASE = purchase('subcontract-{{run_id}}-missing')
const REFUNDABLE = purchase('{{refundable_purchase_id}}')
const WEB_CUSTOMER = { ...PROJECT, customer_id: '{{web_customer_id}}' }

/** The currency code the bodies name until the pre-request puts the target's first code in. */
const VC = 'VC_CODE'

/** The target's first virtual currency code, as a script expression. */
const FIRST_CODE = "String(pm.environment.get('vc_currency_codes') || '').split(',')[0].trim()"

/** A pre-request that puts the target's first currency code where a body names VC_CODE. */
const WITH_CODE = [
  `// ${VC} in the body stands for the first of vc_currency_codes (REVENUECAT_VC_CURRENCY_CODES).`,
  `var code = ${FIRST_CODE};`,
  "pm.test('vc_currency_codes names a currency', function () { pm.expect(code).to.not.equal(''); });",
  `pm.request.body.update(pm.request.body.raw.split(${JSON.stringify(`"${VC}"`)}).join(JSON.stringify(code)));`,
]

/** A pm.test that the answer's balance of the first currency is at least `amount`. */
function holdsAtLeast(amount: number): string[] {
  return test(
    `the first currency's balance is at least ${amount}`,
    `var code = ${FIRST_CODE};`,
    'var entry = pm.response.json().items.find(function (b) { return b.currency_code === code; });',
    `pm.expect(entry && entry.balance).to.be.at.least(${amount});`,
  )
}

/** Pre-request lines: a GET with the run's key, then `afterwards` with its JSON as `body`. */
function fetchFirst(title: string, path: string, afterwards: string[]): string[] {
  const replace = (text: string) => `pm.variables.replaceIn(${JSON.stringify(text)})`
  return [
    'pm.sendRequest({',
    `  url: ${replace(`{{base_url}}${path}`)},`,
    "  method: 'GET',",
    `  header: [{ key: 'Authorization', value: ${replace('Bearer {{secret_api_key}}')} }],`,
    '}, function (err, res) {',
    `  pm.test(${JSON.stringify(title)}, function () {`,
    "    pm.expect(err, 'the request got no answer').to.equal(null);",
    '    pm.expect(res.code, res.text()).to.equal(200);',
    '  });',
    '  var body = res.json();',
    ...afterwards.map((l) => `  ${l}`),
    '});',
  ]
}

/** The requests of one balance write (create-virtual-currencies-transaction, update-virtual-currencies-balance). */
function balanceWrite(operationId: string, amount: number): RequestSpec[] {
  return [
    {
      name: operationId,
      operationId,
      expectStatus: 200,
      pathParams: TEST_CUSTOMER,
      query: { include_empty_balances: 'true' },
      body: { adjustments: { [VC]: amount }, reference: 'subcontract collection' },
      prerequest: WITH_CODE,
      tests: holdsAtLeast(amount),
    },
    {
      name: `${operationId}: below zero`,
      operationId,
      expectStatus: 422,
      pathParams: TEST_CUSTOMER,
      body: { adjustments: { [VC]: -1_000_000_000 } },
      prerequest: WITH_CODE,
      tests: errorType('unprocessable_entity_error'),
    },
    {
      name: `${operationId}: unknown currency`,
      operationId,
      expectStatus: 400,
      pathParams: TEST_CUSTOMER,
      body: { adjustments: { SUBCONTRACT_MISSING: 1 } },
      tests: errorType('parameter_error', 'adjustments.SUBCONTRACT_MISSING'),
    },
    {
      name: `${operationId}: unknown customer`,
      operationId,
      expectStatus: 404,
      pathParams: UNKNOWN_CUSTOMER,
      body: { adjustments: { [VC]: 1 } },
      prerequest: WITH_CODE,
      tests: errorType('resource_missing'),
    },
  ]
}

/** Requests by operationId, in run order. */
export const PURCHASES_REQUESTS: Readonly<Record<string, readonly RequestSpec[]>> = {
  'get-purchase': [
    {
      name: 'get-purchase',
      operationId: 'get-purchase',
      expectStatus: 200,
      pathParams: SEEDED_PURCHASE,
      tests: test(
        'is the purchase asked for',
        "pm.expect(pm.response.json().id).to.eql(pm.environment.get('purchase_id'));",
      ),
    },
    {
      name: 'get-purchase: unknown purchase',
      operationId: 'get-purchase',
      expectStatus: 404,
      pathParams: UNKNOWN_PURCHASE,
      tests: errorType('resource_missing'),
    },
  ],
  'list-purchase-entitlements': [
    {
      name: 'list-purchase-entitlements',
      operationId: 'list-purchase-entitlements',
      expectStatus: 200,
      pathParams: SEEDED_PURCHASE,
      tests: test(
        'is a list of entitlements',
        "pm.expect(pm.response.json().object).to.eql('list');",
        'pm.response.json().items.forEach(function (e) { pm.expect(e.object).to.eql("entitlement"); });',
      ),
    },
    {
      name: 'list-purchase-entitlements: bad limit',
      operationId: 'list-purchase-entitlements',
      expectStatus: 400,
      pathParams: SEEDED_PURCHASE,
      query: { limit: 'many' },
      tests: errorType('parameter_error', 'limit'),
    },
    {
      name: 'list-purchase-entitlements: unknown purchase',
      operationId: 'list-purchase-entitlements',
      expectStatus: 404,
      pathParams: UNKNOWN_PURCHASE,
      tests: errorType('resource_missing'),
    },
  ],
  'search-purchases': [
    {
      name: 'search-purchases',
      operationId: 'search-purchases',
      expectStatus: 200,
      pathParams: PROJECT,
      // The pre-request puts the seeded purchase's store identifier here.
      query: { store_purchase_identifier: 'set-by-pre-request' },
      prerequest: fetchFirst(
        'setup: get-purchase answers 200',
        '/projects/{{project_id}}/purchases/{{purchase_id}}',
        [
          'pm.request.url.query.upsert({ key: "store_purchase_identifier", value: body.store_purchase_identifier });',
        ],
      ),
      tests: test(
        'finds the seeded purchase',
        'var ids = pm.response.json().items.map(function (p) { return p.id; });',
        "pm.expect(ids).to.eql([pm.environment.get('purchase_id')]);",
      ),
    },
    {
      name: 'search-purchases: no match',
      operationId: 'search-purchases',
      expectStatus: 200,
      pathParams: PROJECT,
      query: { store_purchase_identifier: 'subcontract-{{run_id}}-missing' },
      tests: test('is an empty list', 'pm.expect(pm.response.json().items).to.eql([]);'),
    },
    {
      name: 'search-purchases: no identifier',
      operationId: 'search-purchases',
      expectStatus: 400,
      pathParams: PROJECT,
      tests: errorType('parameter_error', 'store_purchase_identifier'),
    },
  ],
  'refund-purchase': [
    {
      name: 'refund-purchase',
      operationId: 'refund-purchase',
      expectStatus: 200,
      pathParams: REFUNDABLE,
      tests: test(
        'the purchase is refunded',
        "pm.expect(pm.response.json().status).to.eql('refunded');",
      ),
    },
    {
      name: 'refund-purchase: already refunded',
      operationId: 'refund-purchase',
      expectStatus: 422,
      pathParams: REFUNDABLE,
      tests: errorType('unprocessable_entity_error'),
    },
    {
      name: 'refund-purchase: unknown purchase',
      operationId: 'refund-purchase',
      expectStatus: 404,
      pathParams: UNKNOWN_PURCHASE,
      tests: errorType('resource_missing'),
    },
  ],
  'list-customer-invoices': [
    {
      name: 'list-customer-invoices',
      operationId: 'list-customer-invoices',
      expectStatus: 200,
      pathParams: WEB_CUSTOMER,
      tests: test(
        'lists invoices',
        'var items = pm.response.json().items;',
        'pm.expect(items.length).to.be.above(0);',
        'items.forEach(function (i) { pm.expect(i.object).to.eql("invoice"); });',
      ),
    },
    {
      name: 'list-customer-invoices: bad limit',
      operationId: 'list-customer-invoices',
      expectStatus: 400,
      pathParams: WEB_CUSTOMER,
      query: { limit: 'all' },
      tests: errorType('parameter_error', 'limit'),
    },
    {
      name: 'list-customer-invoices: unknown customer',
      operationId: 'list-customer-invoices',
      expectStatus: 404,
      pathParams: UNKNOWN_CUSTOMER,
      tests: errorType('resource_missing'),
    },
  ],
  'get-invoice': [
    {
      name: 'get-invoice',
      operationId: 'get-invoice',
      expectStatus: 302,
      // The pre-request puts the id of the web customer's first paid invoice here.
      pathParams: { ...WEB_CUSTOMER, invoice_id: 'set-by-pre-request' },
      prerequest: fetchFirst(
        'setup: list-customer-invoices answers 200',
        '/projects/{{project_id}}/customers/{{web_customer_id}}/invoices',
        [
          'var paid = body.items.filter(function (i) { return i.paid_at !== null; })[0];',
          "pm.test('setup: the web customer has a paid invoice', function () { pm.expect(paid).to.not.equal(undefined); });",
          'if (paid) pm.request.url.variables.upsert({ key: "invoice_id", value: paid.id });',
        ],
      ),
      tests: test(
        'redirects to the file',
        "pm.expect(pm.response.headers.get('Location')).to.match(/^https:\\/\\//);",
      ),
    },
    {
      name: 'get-invoice: unknown invoice',
      operationId: 'get-invoice',
      expectStatus: 404,
      pathParams: { ...WEB_CUSTOMER, invoice_id: 'subcontract-{{run_id}}-missing' },
      tests: errorType('resource_missing'),
    },
  ],
  'list-purchases': [
    {
      name: 'list-purchases',
      operationId: 'list-purchases',
      expectStatus: 200,
      pathParams: SEEDED_CUSTOMER,
      tests: test(
        'lists the seeded purchase',
        'var ids = pm.response.json().items.map(function (p) { return p.id; });',
        "pm.expect(ids).to.include(pm.environment.get('purchase_id'));",
      ),
    },
    {
      name: 'list-purchases: environment',
      operationId: 'list-purchases',
      expectStatus: 200,
      pathParams: SEEDED_CUSTOMER,
      query: { environment: 'production' },
      tests: test(
        'lists production purchases only',
        'pm.response.json().items.forEach(function (p) { pm.expect(p.environment).to.eql("production"); });',
      ),
    },
    {
      name: 'list-purchases: bad environment',
      operationId: 'list-purchases',
      expectStatus: 400,
      pathParams: SEEDED_CUSTOMER,
      query: { environment: 'staging' },
      tests: errorType('parameter_error', 'environment'),
    },
    {
      name: 'list-purchases: unknown customer',
      operationId: 'list-purchases',
      expectStatus: 404,
      pathParams: UNKNOWN_CUSTOMER,
      tests: errorType('resource_missing'),
    },
  ],
  'list-virtual-currencies-balances': [
    {
      name: 'list-virtual-currencies-balances',
      operationId: 'list-virtual-currencies-balances',
      expectStatus: 200,
      pathParams: SEEDED_CUSTOMER,
      query: { include_empty_balances: 'true' },
      tests: holdsAtLeast(0),
    },
    {
      name: 'list-virtual-currencies-balances: bad include_empty_balances',
      operationId: 'list-virtual-currencies-balances',
      expectStatus: 400,
      pathParams: SEEDED_CUSTOMER,
      query: { include_empty_balances: 'yes' },
      tests: errorType('parameter_error', 'include_empty_balances'),
    },
    {
      name: 'list-virtual-currencies-balances: unknown customer',
      operationId: 'list-virtual-currencies-balances',
      expectStatus: 404,
      pathParams: UNKNOWN_CUSTOMER,
      tests: errorType('resource_missing'),
    },
  ],
  'create-virtual-currencies-transaction': [
    ...balanceWrite('create-virtual-currencies-transaction', 10),
    {
      name: 'create-virtual-currencies-transaction: no adjustments',
      operationId: 'create-virtual-currencies-transaction',
      expectStatus: 400,
      pathParams: TEST_CUSTOMER,
      body: { reference: 'nothing' },
      tests: errorType('parameter_error', 'adjustments'),
    },
  ],
  'update-virtual-currencies-balance': balanceWrite('update-virtual-currencies-balance', 5),
}
