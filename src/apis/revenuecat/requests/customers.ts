/** The collection's Customer requests: one per operation, then its named negative variants. */
import type { RequestSpec } from '../../../collection/request-spec.ts'
import { REVENUECAT_OPERATIONS } from '../operations.ts'
import {
  errorType,
  PROJECT,
  SEEDED_CUSTOMER,
  TEST_CUSTOMER,
  test,
  UNKNOWN_CUSTOMER,
} from './shared.ts'

/** The customer create-customer makes (and delete-customer removes again): `subcontract-` for a remote cleanup. */
const CREATED_ID = 'subcontract-{{run_id}}-pm-new'
const CREATED_CUSTOMER = { ...PROJECT, customer_id: CREATED_ID }

const createPath = REVENUECAT_OPERATIONS.find((op) => op.operationId === 'create-customer')?.path
if (createPath === undefined) throw new Error('the RevenueCat registry has no create-customer')

/**
 * Pre-request lines that make sure create-customer's customer exists, so a request that needs it
 * passes when its operation runs alone: 201 when it is made now, 409 when create-customer made it.
 * (A RequestSpec's `setup` cannot fill the path's `{project_id}`.)
 */
const ENSURE_CREATED = [
  'pm.sendRequest({',
  `  url: pm.variables.replaceIn(${JSON.stringify(`{{base_url}}${createPath.replace('{project_id}', '{{project_id}}')}`)}),`,
  "  method: 'POST',",
  '  header: [',
  "    { key: 'Authorization', value: pm.variables.replaceIn('Bearer {{secret_api_key}}') },",
  "    { key: 'Content-Type', value: 'application/json' },",
  '  ],',
  `  body: { mode: 'raw', raw: pm.variables.replaceIn(${JSON.stringify(JSON.stringify({ id: CREATED_ID }))}) },`,
  '}, function (err, res) {',
  '  pm.test("setup: create-customer\'s customer exists (201 or 409)", function () {',
  "    pm.expect(err, 'the request got no answer').to.equal(null);",
  '    pm.expect([201, 409], res.text()).to.include(res.code);',
  '  });',
  '});',
]

const itemsTest = (title: string, ...body: string[]) =>
  test(title, 'var items = pm.response.json().items;', ...body)

/**
 * Requests by operationId, in run order: reads first, then the writes on the run's test customer,
 * and delete-customer last (its main request removes the run's test customer).
 */
export const CUSTOMERS_REQUESTS: Readonly<Record<string, readonly RequestSpec[]>> = {
  'list-customers': [
    {
      name: 'list-customers',
      operationId: 'list-customers',
      expectStatus: 200,
      pathParams: PROJECT,
      tests: itemsTest(
        'is a list of customers',
        "pm.expect(pm.response.json().object).to.eql('list');",
        "items.forEach(function (c) { pm.expect(c.object).to.eql('customer'); });",
      ),
    },
    {
      name: 'list-customers: limit 1',
      operationId: 'list-customers',
      expectStatus: 200,
      pathParams: PROJECT,
      query: { limit: '1' },
      tests: itemsTest(
        'has one customer and a link to the next page',
        'pm.expect(items.length).to.eql(1);',
        "pm.expect(pm.response.json().next_page).to.include('starting_after=');",
      ),
    },
    {
      name: 'list-customers: search no match',
      operationId: 'list-customers',
      expectStatus: 200,
      pathParams: PROJECT,
      query: { search: 'subcontract-nobody@subcontract.invalid' },
      tests: itemsTest('is empty', 'pm.expect(items).to.eql([]);'),
    },
    {
      name: 'list-customers: bad limit',
      operationId: 'list-customers',
      expectStatus: 400,
      pathParams: PROJECT,
      query: { limit: '0' },
      tests: errorType('parameter_error', 'limit'),
    },
    {
      name: 'list-customers: unknown starting_after',
      operationId: 'list-customers',
      expectStatus: 400,
      pathParams: PROJECT,
      query: { starting_after: 'subcontract-{{run_id}}-missing' },
      tests: errorType('parameter_error', 'starting_after'),
    },
  ],
  'create-customer': [
    {
      name: 'create-customer',
      operationId: 'create-customer',
      expectStatus: 201,
      pathParams: PROJECT,
      body: {
        id: CREATED_ID,
        attributes: [
          { name: '$email', value: 'subcontract-{{run_id}}-pm-new@subcontract.invalid' },
        ],
      },
      tests: test(
        'is the customer created',
        "pm.expect(pm.response.json().id).to.eql(pm.variables.replaceIn('subcontract-{{run_id}}-pm-new'));",
      ),
    },
    {
      name: 'create-customer: existing id',
      operationId: 'create-customer',
      expectStatus: 409,
      pathParams: PROJECT,
      body: { id: '{{test_customer_id}}' },
      tests: errorType('resource_already_exists', 'id'),
    },
    {
      name: 'create-customer: bad id',
      operationId: 'create-customer',
      expectStatus: 400,
      pathParams: PROJECT,
      body: { id: 'has a space' },
      tests: errorType('parameter_error', 'id'),
    },
    {
      name: 'create-customer: unreserved $ name',
      operationId: 'create-customer',
      expectStatus: 400,
      pathParams: PROJECT,
      body: {
        id: 'subcontract-{{run_id}}-pm-refused',
        attributes: [{ name: '$favourite', value: 'x' }],
      },
      tests: errorType('parameter_error', 'attributes.0.name'),
    },
  ],
  'get-customer': [
    {
      name: 'get-customer',
      operationId: 'get-customer',
      expectStatus: 200,
      pathParams: SEEDED_CUSTOMER,
      tests: test(
        'is the customer asked for',
        "pm.expect(pm.response.json().id).to.eql(pm.environment.get('customer_id'));",
      ),
    },
    {
      name: 'get-customer: expand attributes',
      operationId: 'get-customer',
      expectStatus: 200,
      pathParams: SEEDED_CUSTOMER,
      query: { expand: 'attributes' },
      tests: test(
        'carries its attributes',
        "pm.expect(pm.response.json().attributes.object).to.eql('list');",
      ),
    },
    {
      name: 'get-customer: bad expand',
      operationId: 'get-customer',
      expectStatus: 400,
      pathParams: SEEDED_CUSTOMER,
      query: { expand: 'subscriptions' },
      tests: errorType('parameter_error', 'expand'),
    },
    {
      name: 'get-customer: unknown customer',
      operationId: 'get-customer',
      expectStatus: 404,
      pathParams: UNKNOWN_CUSTOMER,
      tests: errorType('resource_missing'),
    },
  ],
  'list-customer-aliases': [
    {
      name: 'list-customer-aliases',
      operationId: 'list-customer-aliases',
      expectStatus: 200,
      pathParams: SEEDED_CUSTOMER,
      tests: itemsTest(
        "starts with the customer's own id",
        "pm.expect(items[0].id).to.eql(pm.environment.get('customer_id'));",
      ),
    },
    {
      name: 'list-customer-aliases: bad limit',
      operationId: 'list-customer-aliases',
      expectStatus: 400,
      pathParams: SEEDED_CUSTOMER,
      query: { limit: '0' },
      tests: errorType('parameter_error', 'limit'),
    },
    {
      name: 'list-customer-aliases: unknown customer',
      operationId: 'list-customer-aliases',
      expectStatus: 404,
      pathParams: UNKNOWN_CUSTOMER,
      tests: errorType('resource_missing'),
    },
  ],
  'list-customer-attributes': [
    {
      name: 'list-customer-attributes',
      operationId: 'list-customer-attributes',
      expectStatus: 200,
      pathParams: SEEDED_CUSTOMER,
      tests: itemsTest(
        'is a list of attributes',
        "items.forEach(function (a) { pm.expect(a.object).to.eql('customer.attribute'); });",
      ),
    },
    {
      name: 'list-customer-attributes: unknown starting_after',
      operationId: 'list-customer-attributes',
      expectStatus: 400,
      pathParams: SEEDED_CUSTOMER,
      query: { starting_after: 'subcontract_missing_attribute' },
      tests: errorType('parameter_error', 'starting_after'),
    },
    {
      name: 'list-customer-attributes: unknown customer',
      operationId: 'list-customer-attributes',
      expectStatus: 404,
      pathParams: UNKNOWN_CUSTOMER,
      tests: errorType('resource_missing'),
    },
  ],
  'set-customer-attributes': [
    {
      name: 'set-customer-attributes',
      operationId: 'set-customer-attributes',
      expectStatus: 200,
      pathParams: TEST_CUSTOMER,
      body: {
        attributes: [
          { name: '$displayName', value: 'Subcontract Postman' },
          { name: 'subcontract_note', value: 'set by the collection' },
        ],
      },
      tests: itemsTest(
        'lists what was set',
        'var byName = {}; items.forEach(function (a) { byName[a.name] = a.value; });',
        "pm.expect(byName['$displayName']).to.eql('Subcontract Postman');",
        "pm.expect(byName['subcontract_note']).to.eql('set by the collection');",
      ),
    },
    {
      name: 'set-customer-attributes: delete with null',
      operationId: 'set-customer-attributes',
      expectStatus: 200,
      pathParams: TEST_CUSTOMER,
      body: { attributes: [{ name: 'subcontract_note', value: null }] },
      tests: itemsTest(
        'no longer lists the deleted attribute',
        "pm.expect(items.map(function (a) { return a.name; })).to.not.include('subcontract_note');",
      ),
    },
    {
      name: 'set-customer-attributes: unreserved $ name',
      operationId: 'set-customer-attributes',
      expectStatus: 400,
      pathParams: TEST_CUSTOMER,
      body: { attributes: [{ name: '$favourite', value: 'x' }] },
      tests: errorType('parameter_error', 'attributes.0.name'),
    },
    {
      name: 'set-customer-attributes: unknown customer',
      operationId: 'set-customer-attributes',
      expectStatus: 404,
      pathParams: UNKNOWN_CUSTOMER,
      body: { attributes: [{ name: 'subcontract_note', value: 'x' }] },
      tests: errorType('resource_missing'),
    },
  ],
  'assign-customer-offering': [
    {
      name: 'assign-customer-offering',
      operationId: 'assign-customer-offering',
      expectStatus: 200,
      pathParams: TEST_CUSTOMER,
      body: { offering_id: '{{offering_id}}' },
      tests: test('has no body', "pm.expect(pm.response.text()).to.eql('');"),
    },
    {
      name: 'assign-customer-offering: clear',
      operationId: 'assign-customer-offering',
      expectStatus: 200,
      pathParams: TEST_CUSTOMER,
      body: { offering_id: null },
    },
    {
      name: 'assign-customer-offering: unknown offering',
      operationId: 'assign-customer-offering',
      expectStatus: 404,
      pathParams: TEST_CUSTOMER,
      body: { offering_id: 'subcontract-{{run_id}}-missing' },
      tests: errorType('resource_missing', 'offering_id'),
    },
    {
      name: 'assign-customer-offering: unknown customer',
      operationId: 'assign-customer-offering',
      expectStatus: 404,
      pathParams: UNKNOWN_CUSTOMER,
      body: { offering_id: null },
      tests: errorType('resource_missing'),
    },
  ],
  'transfer-customer-data': [
    {
      name: 'transfer-customer-data',
      operationId: 'transfer-customer-data',
      expectStatus: 200,
      pathParams: CREATED_CUSTOMER,
      body: { target_customer_id: '{{test_customer_id}}' },
      prerequest: ENSURE_CREATED,
      tests: test(
        'answers the source and the target',
        'var body = pm.response.json();',
        `pm.expect(body.source_customer.id).to.eql(pm.variables.replaceIn(${JSON.stringify(CREATED_ID)}));`,
        "pm.expect(body.target_customer.id).to.eql(pm.environment.get('test_customer_id'));",
      ),
    },
    {
      name: 'transfer-customer-data: to itself',
      operationId: 'transfer-customer-data',
      expectStatus: 422,
      pathParams: TEST_CUSTOMER,
      body: { target_customer_id: '{{test_customer_id}}' },
      tests: errorType('unprocessable_entity_error', 'target_customer_id'),
    },
    {
      name: 'transfer-customer-data: unknown target',
      operationId: 'transfer-customer-data',
      expectStatus: 404,
      pathParams: TEST_CUSTOMER,
      body: { target_customer_id: 'subcontract-{{run_id}}-missing' },
      tests: errorType('resource_missing', 'target_customer_id'),
    },
    {
      name: 'transfer-customer-data: unknown customer',
      operationId: 'transfer-customer-data',
      expectStatus: 404,
      pathParams: UNKNOWN_CUSTOMER,
      body: { target_customer_id: '{{test_customer_id}}' },
      tests: errorType('resource_missing'),
    },
  ],
  'delete-customer': [
    {
      name: 'delete-customer: created by create-customer',
      operationId: 'delete-customer',
      expectStatus: 200,
      pathParams: CREATED_CUSTOMER,
      prerequest: ENSURE_CREATED,
      tests: test(
        'is the customer deleted',
        `pm.expect(pm.response.json().id).to.eql(pm.variables.replaceIn(${JSON.stringify(CREATED_ID)}));`,
      ),
    },
    {
      name: 'delete-customer: unknown customer',
      operationId: 'delete-customer',
      expectStatus: 404,
      pathParams: UNKNOWN_CUSTOMER,
      tests: errorType('resource_missing'),
    },
    {
      name: 'delete-customer',
      operationId: 'delete-customer',
      expectStatus: 200,
      pathParams: TEST_CUSTOMER,
      tests: test(
        "deletes the run's test customer",
        'var body = pm.response.json();',
        "pm.expect(body.object).to.eql('customer');",
        "pm.expect(body.id).to.eql(pm.environment.get('test_customer_id'));",
      ),
    },
    {
      name: 'delete-customer: again',
      operationId: 'delete-customer',
      expectStatus: 404,
      pathParams: TEST_CUSTOMER,
      tests: errorType('resource_missing'),
    },
  ],
}
