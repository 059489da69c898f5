/**
 * Builds the Adapty Postman v2.1 collection from the registry (method, path, folders) and
 * ADAPTY_REQUESTS (bodies, variants, pm.tests). The committed collection is the artifact QA
 * opens in Postman; the drift gate checks it, however it was edited, against the registry and the
 * suites.
 */
import { getOperation } from '../registry/operations.ts'
import type { Operation } from '../registry/types.ts'
import { ADAPTY_REQUESTS, type RequestSpec, type SetupSpec } from '../apis/adapty/requests.ts'
import {
  COLLECTION_SCHEMA_V21,
  type PostmanCollection,
  type PostmanEvent,
  type PostmanRequestItem,
} from './postman.ts'

const script = (listen: PostmanEvent['listen'], exec: string[]): PostmanEvent => ({
  listen,
  script: { type: 'text/javascript', exec },
})

function testsFor(spec: RequestSpec, op: Operation): string[] {
  const response = op.responses[String(spec.expectStatus)]
  const lines = [
    `pm.test("status is ${spec.expectStatus}", function () {`,
    `  pm.response.to.have.status(${spec.expectStatus});`,
    '});',
  ]
  if (response?.kind === 'json') {
    lines.push(
      `pm.test("content type is ${response.contentType}", function () {`,
      `  pm.expect(pm.response.headers.get("Content-Type")).to.include(${JSON.stringify(response.contentType)});`,
      '});',
    )
  }
  return [...lines, ...(spec.tests ?? [])]
}

/**
 * The pre-request lines that send one prerequisite with pm.sendRequest (which inherits neither the
 * collection's auth nor its `{{variable}}` substitution, hence the explicit header and replaceIn),
 * and check its answer with a pm.test of the request that needs it.
 */
function setupScript(setup: SetupSpec): string[] {
  const op = getOperation('adapty', setup.operationId)
  const literal = (text: string) => `pm.variables.replaceIn(${JSON.stringify(text)})`
  const headers = [
    ['Authorization', 'Api-Key {{secret_api_key}}'],
    ...(setup.body === undefined
      ? []
      : [['Content-Type', op.request?.contentType ?? 'application/json']]),
    ...Object.entries(setup.headers ?? {}),
  ].map(([key, value]) => `    { key: ${JSON.stringify(key)}, value: ${literal(value ?? '')} },`)
  const title = `setup: ${setup.operationId} answers ${setup.expectStatus}`
  return [
    'pm.sendRequest({',
    `  url: ${literal(`{{base_url}}${op.path}`)},`,
    `  method: ${JSON.stringify(op.method)},`,
    '  header: [',
    ...headers,
    '  ],',
    ...(setup.body === undefined
      ? []
      : [`  body: { mode: 'raw', raw: ${literal(JSON.stringify(setup.body))} },`]),
    '}, function (err, res) {',
    `  pm.test(${JSON.stringify(title)}, function () {`,
    "    pm.expect(err, 'the request got no answer').to.equal(null);",
    `    pm.expect(res.code, res.text()).to.equal(${setup.expectStatus});`,
    '  });',
    '});',
  ]
}

function item(spec: RequestSpec): PostmanRequestItem {
  const op = getOperation('adapty', spec.operationId)
  const segments = op.path.split('/').filter((s) => s !== '')
  const path = segments.map((s) => {
    const param = /^\{(.+)\}$/.exec(s)?.[1]
    return param === undefined ? s : `:${param}`
  })
  const query = Object.entries(spec.query ?? {}).map(([key, value]) => ({ key, value }))
  const queryText =
    query.length === 0 ? '' : `?${query.map((q) => `${q.key}=${q.value}`).join('&')}`
  const headers = Object.entries(spec.headers ?? {}).map(([key, value]) => ({ key, value }))
  if (spec.body !== undefined)
    headers.push({ key: 'Content-Type', value: op.request?.contentType ?? 'application/json' })
  const events = [script('test', testsFor(spec, op))]
  const prerequest = [...(spec.setup ?? []).flatMap(setupScript), ...(spec.prerequest ?? [])]
  if (prerequest.length > 0) events.unshift(script('prerequest', prerequest))
  return {
    name: spec.name,
    event: events,
    request: {
      method: op.method,
      ...(spec.noAuth === true ? { auth: { type: 'noauth' } } : {}),
      header: headers,
      ...(spec.body === undefined
        ? {}
        : {
            body: {
              mode: 'raw' as const,
              raw: JSON.stringify(spec.body, null, 2),
              options: { raw: { language: 'json' as const } },
            },
          }),
      url: {
        raw: `{{base_url}}/${path.join('/')}/${queryText}`,
        host: ['{{base_url}}'],
        path: [...path, ''],
        ...(query.length === 0 ? {} : { query }),
        ...(op.pathParams.length === 0
          ? {}
          : {
              variable: op.pathParams.map((key) => ({ key, value: spec.pathParams?.[key] ?? '' })),
            }),
      },
      description: `${op.summary}. Expects ${spec.expectStatus}.`,
    },
  }
}

// Runs before every request: a run id, and one run-scoped test profile shared by the folders.
// Profile is the last folder, and its deleteProfile removes that profile again.
const ENSURE_PROFILE = [
  "if (!pm.environment.get('run_id')) { pm.environment.set('run_id', String(Date.now())); }",
  "if (!pm.environment.get('adapty-customer-user-id') && !pm.environment.get('profile_created')) {",
  "  var customerUserId = 'subcontract-' + pm.environment.get('run_id') + '-pm';",
  "  pm.environment.set('adapty-customer-user-id', customerUserId);",
  "  pm.environment.set('profile_created', 'true');",
  '  pm.sendRequest({',
  `    url: pm.environment.get('base_url') + '${getOperation('adapty', 'createProfile').path}',`,
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
// code then fail a pm.test that names the variable (VC_CODE_CHECK in src/apis/adapty/requests.ts).
const CURRENCY_CODE = [
  "pm.variables.set('vc_currency_code', String(pm.variables.get('vc_currency_codes') || '').split(',')[0].trim());",
]

/** Builds the whole collection object. */
export function buildAdaptyCollection(): PostmanCollection {
  return {
    info: {
      _postman_id: '7f1d8a52-6c0e-4b5a-9d3f-2e8b1c4a6f90',
      name: 'Adapty server-side API (subcontract)',
      description:
        'Written by subcontract from its operation registry. One folder per tag, one request per operation (named by its operationId) and named negative variants. Run it with environments/local.postman_environment.json against `npm run sandbox`, or fill environments/remote.postman_environment.json.',
      schema: COLLECTION_SCHEMA_V21,
    },
    auth: {
      type: 'apikey',
      apikey: [
        { key: 'key', value: 'Authorization', type: 'string' },
        { key: 'value', value: 'Api-Key {{secret_api_key}}', type: 'string' },
        { key: 'in', value: 'header', type: 'string' },
      ],
    },
    event: [script('prerequest', [...ENSURE_PROFILE, ...CURRENCY_CODE])],
    item: ADAPTY_REQUESTS.map(({ tag, requests }) => ({ name: tag, item: requests.map(item) })),
  }
}
