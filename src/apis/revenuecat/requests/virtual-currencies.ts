/**
 * The collection's Virtual Currency requests: one per operation, then its named negative
 * variants. Reads use the target's first currency (REVENUECAT_VC_CURRENCY_CODES); writes use the
 * run's own (code `{{pm_vc_code}}`, name `subcontract-{{run_id}}-pm-vc`, catalog-scripts.ts), which
 * each operation's requests make when the run has none and its last request deletes again.
 */
import type { RequestSpec } from '../../../collection/request-spec.ts'
import { CLEANUP_CURRENCY, PM_CODE, PM_CURRENCY_NAME, prepare } from './catalog-scripts.ts'
import { errorType, PROJECT, test } from './shared.ts'

const RUNS_OWN = { ...PROJECT, virtual_currency_code: '{{pm_vc_code}}' }
const SEEDED = { ...PROJECT, virtual_currency_code: '{{pm_seeded_vc_code}}' }
/** A well-formed code no currency has (letters and digits only, so not run-scoped). */
const UNKNOWN = { ...PROJECT, virtual_currency_code: 'PMNONE0000' }

/** Pre-request lines that put the target's first currency code in `pm_seeded_vc_code`. */
const SEEDED_CODE = [
  "var code = String(pm.environment.get('vc_currency_codes') || '').split(',')[0].trim();",
  "pm.test('vc_currency_codes names a currency', function () { pm.expect(code).to.not.equal(''); });",
  "pm.variables.set('pm_seeded_vc_code', code);",
]

const isRunsOwn = test(
  "is the run's currency",
  'var body = pm.response.json();',
  "pm.expect(body.object).to.eql('virtual_currency');",
  "pm.expect(body.code).to.eql(pm.environment.get('pm_vc_code'));",
)

/** Requests by operationId, in run order. */
export const VIRTUAL_CURRENCIES_REQUESTS: Readonly<Record<string, readonly RequestSpec[]>> = {
  'create-virtual-currency': [
    {
      name: 'create-virtual-currency',
      operationId: 'create-virtual-currency',
      expectStatus: 201,
      pathParams: PROJECT,
      body: { code: '{{pm_vc_code}}', name: PM_CURRENCY_NAME, description: 'Made by Postman' },
      prerequest: PM_CODE,
      tests: [
        ...isRunsOwn,
        ...test(
          'has the name and description',
          'var body = pm.response.json();',
          `pm.expect(body.name).to.eql(pm.variables.replaceIn(${JSON.stringify(PM_CURRENCY_NAME)}));`,
          "pm.expect(body.description).to.eql('Made by Postman');",
          "pm.environment.set('pm_vc_made', 'true');",
        ),
      ],
    },
    {
      name: 'create-virtual-currency: existing code',
      operationId: 'create-virtual-currency',
      expectStatus: 409,
      pathParams: PROJECT,
      body: { code: '{{pm_vc_code}}', name: PM_CURRENCY_NAME },
      prerequest: prepare({ currency: true }),
      tests: [...errorType('resource_already_exists', 'code'), ...CLEANUP_CURRENCY],
    },
    {
      name: 'create-virtual-currency: bad code',
      operationId: 'create-virtual-currency',
      expectStatus: 400,
      pathParams: PROJECT,
      body: { code: 'PM-BAD', name: PM_CURRENCY_NAME },
      tests: errorType('parameter_error', 'code'),
    },
  ],
  'get-virtual-currency': [
    {
      name: 'get-virtual-currency',
      operationId: 'get-virtual-currency',
      expectStatus: 200,
      pathParams: SEEDED,
      prerequest: SEEDED_CODE,
      tests: test(
        "is the target's first currency",
        'var body = pm.response.json();',
        "pm.expect(body.object).to.eql('virtual_currency');",
        "pm.expect(body.code).to.eql(pm.variables.get('pm_seeded_vc_code'));",
      ),
    },
    {
      name: 'get-virtual-currency: bad code',
      operationId: 'get-virtual-currency',
      expectStatus: 400,
      pathParams: { ...PROJECT, virtual_currency_code: 'GE-MS' },
      tests: errorType('parameter_error', 'virtual_currency_code'),
    },
    {
      name: 'get-virtual-currency: unknown code',
      operationId: 'get-virtual-currency',
      expectStatus: 404,
      pathParams: UNKNOWN,
      tests: errorType('resource_missing'),
    },
  ],
  'list-virtual-currencies': [
    {
      name: 'list-virtual-currencies',
      operationId: 'list-virtual-currencies',
      expectStatus: 200,
      pathParams: PROJECT,
      prerequest: SEEDED_CODE,
      tests: test(
        "lists the project's currencies, the target's first among them",
        'var codes = pm.response.json().items.map(function (vc) { return vc.code; });',
        "pm.expect(codes).to.include(pm.variables.get('pm_seeded_vc_code'));",
      ),
    },
    {
      name: 'list-virtual-currencies: limit 1',
      operationId: 'list-virtual-currencies',
      expectStatus: 200,
      pathParams: PROJECT,
      query: { limit: '1' },
      tests: test('has one currency', 'pm.expect(pm.response.json().items.length).to.eql(1);'),
    },
    {
      name: 'list-virtual-currencies: bad limit',
      operationId: 'list-virtual-currencies',
      expectStatus: 400,
      pathParams: PROJECT,
      query: { limit: '0' },
      tests: errorType('parameter_error', 'limit'),
    },
  ],
  'update-virtual-currency': [
    {
      name: 'update-virtual-currency',
      operationId: 'update-virtual-currency',
      expectStatus: 200,
      pathParams: RUNS_OWN,
      body: { description: 'Updated by Postman' },
      prerequest: prepare({ currency: true }),
      tests: [
        ...isRunsOwn,
        ...test(
          'has the new description, and its name still',
          'var body = pm.response.json();',
          "pm.expect(body.description).to.eql('Updated by Postman');",
          `pm.expect(body.name).to.eql(pm.variables.replaceIn(${JSON.stringify(PM_CURRENCY_NAME)}));`,
        ),
      ],
    },
    {
      name: 'update-virtual-currency: long name',
      operationId: 'update-virtual-currency',
      expectStatus: 400,
      pathParams: RUNS_OWN,
      body: { name: 'n'.repeat(51) },
      prerequest: prepare({ currency: true }),
      tests: [...errorType('parameter_error', 'name'), ...CLEANUP_CURRENCY],
    },
    {
      name: 'update-virtual-currency: unknown code',
      operationId: 'update-virtual-currency',
      expectStatus: 404,
      pathParams: UNKNOWN,
      body: { description: 'Nobody' },
      tests: errorType('resource_missing'),
    },
  ],
  'delete-virtual-currency': [
    {
      name: 'delete-virtual-currency',
      operationId: 'delete-virtual-currency',
      expectStatus: 200,
      pathParams: RUNS_OWN,
      prerequest: prepare({ currency: true }),
      tests: test(
        "deletes the run's currency",
        'var body = pm.response.json();',
        "pm.expect(body.object).to.eql('virtual_currency');",
        "pm.expect(body.id).to.eql(pm.environment.get('pm_vc_code'));",
        "pm.environment.unset('pm_vc_made');",
      ),
    },
    {
      name: 'delete-virtual-currency: unknown code',
      operationId: 'delete-virtual-currency',
      expectStatus: 404,
      pathParams: UNKNOWN,
      tests: errorType('resource_missing'),
    },
  ],
}
