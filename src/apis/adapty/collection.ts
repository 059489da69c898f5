/**
 * What Adapty's Postman collection is built from besides its registry: the request list
 * (requests.ts) and the collection-level scaffolding its requests rely on (a run id, one
 * run-scoped test profile, the target's virtual currency code).
 */
import type { CollectionSource } from '../../collection/request-spec.ts'
import { ADAPTY_OPERATIONS } from './operations.ts'
import { ADAPTY_REQUESTS } from './requests.ts'

const createProfile = ADAPTY_OPERATIONS.find((op) => op.operationId === 'createProfile')
if (createProfile === undefined) throw new Error('the Adapty registry has no createProfile')

// Runs before every request: a run id, and one run-scoped test profile shared by the folders
// (runProfile names it). Profile is the last folder, and its deleteProfile removes that profile
// again.
const ENSURE_PROFILE = [
  "if (!pm.environment.get('run_id')) { pm.environment.set('run_id', String(Date.now())); }",
  "if (!pm.environment.get('adapty-customer-user-id') && !pm.environment.get('profile_created')) {",
  "  var customerUserId = 'subcontract-' + pm.environment.get('run_id') + '-pm';",
  "  pm.environment.set('adapty-customer-user-id', customerUserId);",
  "  pm.environment.set('profile_created', 'true');",
  '  pm.sendRequest({',
  `    url: pm.environment.get('base_url') + '${createProfile.path}',`,
  "    method: 'POST',",
  "    header: { 'Authorization': 'Api-Key ' + pm.environment.get('secret_api_key'), 'Content-Type': 'application/json', 'adapty-customer-user-id': customerUserId },",
  "    body: { mode: 'raw', raw: '{}' }",
  '  }, function (err, res) {',
  "    if (!err && res.code === 200) { pm.environment.set('adapty-profile-id', res.json().data.profile_id); }",
  '  });',
  '}',
]

// Runs before every request too: the virtual currency code of the requests is the first of the
// target's codes (vc_currency_codes, fed by ADAPTY_VC_CURRENCY_CODES), never a literal, so the
// Virtual Currency folder runs on a real app. Empty when none is set; the requests that need a
// code then fail a pm.test that names the variable (VC_CODE_CHECK in requests.ts).
const CURRENCY_CODE = [
  "pm.variables.set('vc_currency_code', String(pm.variables.get('vc_currency_codes') || '').split(',')[0].trim());",
]

/** Adapty's collection: buildCollection(adapty, ADAPTY_COLLECTION) writes it. */
export const ADAPTY_COLLECTION: CollectionSource = {
  info: {
    _postman_id: '7f1d8a52-6c0e-4b5a-9d3f-2e8b1c4a6f90',
    name: 'Adapty server-side API (subcontract)',
    description:
      'Written by subcontract from its operation registry. One folder per tag, one request per operation (named by its operationId) and named negative variants. Run it with environments/adapty.local.postman_environment.json against `npm run sandbox`, or fill environments/adapty.remote.postman_environment.json.',
  },
  folders: ADAPTY_REQUESTS,
  prerequest: [...ENSURE_PROFILE, ...CURRENCY_CODE],
}

/** Variables the collection sets itself while it runs; environments declare them empty. */
export const ADAPTY_RUNTIME_VARIABLES: Readonly<Record<string, string>> = {
  'adapty-customer-user-id': '',
  'adapty-profile-id': '',
  'adapty-platform': 'iOS',
  run_id: '',
  profile_created: '',
  // The first of vc_currency_codes, set by the collection's pre-request script.
  vc_currency_code: '',
}

/**
 * The customer user id of the test profile a run of the collection creates (ENSURE_PROFILE), so
 * that the run can record it before Newman starts and remove it when Newman stops halfway.
 */
export function runProfile(runId: string): string {
  return `subcontract-${runId}-pm`
}
