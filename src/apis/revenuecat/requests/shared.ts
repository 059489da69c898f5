/**
 * What the RevenueCat request lists share: pm.test builders, the path of the run's test customer
 * and of the target's seeded objects (Postman variables fed by the target variables, target.ts),
 * and the `<operationId>: no auth` request every operation has.
 */
import type { RequestSpec } from '../../../collection/request-spec.ts'
import type { Operation } from '../../../registry/types.ts'
import { REVENUECAT_OPERATIONS } from '../operations.ts'

/** One pm.test, its body indented. */
export const test = (title: string, ...body: string[]) => [
  `pm.test(${JSON.stringify(title)}, function () {`,
  ...body.map((l) => `  ${l}`),
  '});',
]

/** A test that the error's `type` (and `param`, when given) are what the spec documents. */
export function errorType(type: string, param?: string): string[] {
  return [
    ...test(
      `type is ${type}`,
      `pm.expect(pm.response.json().type).to.eql(${JSON.stringify(type)});`,
    ),
    ...(param === undefined
      ? []
      : test(
          `param is ${param}`,
          `pm.expect(pm.response.json().param).to.eql(${JSON.stringify(param)});`,
        )),
  ]
}

/** The project of every request: the target's (REVENUECAT_PROJECT_ID). */
export const PROJECT = { project_id: '{{project_id}}' }
/** The run's own test customer, created by the collection's pre-request script. */
export const TEST_CUSTOMER = { ...PROJECT, customer_id: '{{test_customer_id}}' }
/** The target's seeded customer (REVENUECAT_CUSTOMER_ID). */
export const SEEDED_CUSTOMER = { ...PROJECT, customer_id: '{{customer_id}}' }
/** A customer id that exists nowhere. */
export const UNKNOWN_CUSTOMER = { ...PROJECT, customer_id: 'subcontract-{{run_id}}-missing' }

/**
 * The value of a path parameter for a request refused before it is looked up: the target's
 * project, and a placeholder for every other id, which never needs to exist.
 */
function pathValue(name: string): string {
  return name === 'project_id' ? '{{project_id}}' : `placeholder_${name}`
}

/** The no-auth request of one operation: 401, with a JSON body `{}` where the method takes one. */
export function noAuth(op: Operation): RequestSpec {
  return {
    name: `${op.operationId}: no auth`,
    operationId: op.operationId,
    expectStatus: 401,
    noAuth: true,
    ...(op.pathParams.length === 0
      ? {}
      : { pathParams: Object.fromEntries(op.pathParams.map((p) => [p, pathValue(p)])) }),
    ...(op.method === 'POST' ? { body: {} } : {}),
    tests: errorType('authentication_error'),
  }
}

/** A script expression: `text` with the run's variables filled in when the script runs. */
const replaceIn = (text: string) => `pm.variables.replaceIn(${JSON.stringify(text)})`

/**
 * Lines that send one request with the run's key (`path` under the base URL, `body` as JSON when
 * given), then run `done`: lines of JavaScript with the callback's `err` and `res`.
 */
export function send(method: string, path: string, body: unknown, done: string[]): string[] {
  const json = body === undefined ? '' : ", { key: 'Content-Type', value: 'application/json' }"
  return [
    'pm.sendRequest({',
    `  url: ${replaceIn(`{{base_url}}${path}`)}, method: ${JSON.stringify(method)},`,
    `  header: [{ key: 'Authorization', value: ${replaceIn('Bearer {{secret_api_key}}')} }${json}],`,
    ...(body === undefined
      ? []
      : [`  body: { mode: 'raw', raw: ${replaceIn(JSON.stringify(body))} },`]),
    '}, function (err, res) {',
    ...done.map((l) => `  ${l}`),
    '});',
  ]
}

/** Lines of a `send` callback: a `setup:`/`cleanup:` test that it answered one of `statuses`. */
export function answered(title: string, statuses: readonly number[]): string[] {
  return test(
    title,
    "pm.expect(err, 'the request got no answer').to.equal(null);",
    `pm.expect(${JSON.stringify(statuses)}, res.text()).to.include(res.code);`,
  )
}

/**
 * The path of an operation for a script: `{project_id}` as the run's project and each other
 * parameter as the run's variable `variables` names for it.
 */
export function scriptPath(operationId: string, variables: Record<string, string> = {}): string {
  const op = REVENUECAT_OPERATIONS.find((o) => o.operationId === operationId)
  if (op === undefined) throw new Error(`the RevenueCat registry has no ${operationId}`)
  let path = op.path.replace('{project_id}', '{{project_id}}')
  for (const [name, variable] of Object.entries(variables))
    path = path.replace(`{${name}}`, `{{${variable}}}`)
  return path
}

/**
 * The helper the catalog scripts call at run time: `call(title, method, path, statuses, body,
 * then)` sends one request with the run's key, checks its status in a `setup:`/`cleanup:` test,
 * and calls `then(res)` when it answered one of `statuses`.
 */
export const CALL = [
  'var call = function (title, method, path, statuses, body, then) {',
  '  var request = {',
  "    url: pm.variables.replaceIn('{{base_url}}' + path),",
  '    method: method,',
  "    header: [{ key: 'Authorization', value: pm.variables.replaceIn('Bearer {{secret_api_key}}') }],",
  '  };',
  '  if (body !== undefined) {',
  "    request.header.push({ key: 'Content-Type', value: 'application/json' });",
  "    request.body = { mode: 'raw', raw: pm.variables.replaceIn(JSON.stringify(body)) };",
  '  }',
  '  pm.sendRequest(request, function (err, res) {',
  '    pm.test(title, function () {',
  "      pm.expect(err, 'the request got no answer').to.equal(null);",
  '      pm.expect(statuses, res.text()).to.include(res.code);',
  '    });',
  '    if (!err && statuses.indexOf(res.code) >= 0 && then) then(res);',
  '  });',
  '};',
]

/**
 * Pre-request lines that run `steps` (script functions of `next`, each calling it when done) one
 * after the other, with `call` (CALL) defined for them.
 */
export function inSequence(steps: string[]): string[] {
  return [
    ...CALL,
    'var steps = [',
    ...steps,
    '];',
    'var run = function (i) { if (i < steps.length) steps[i](function () { run(i + 1); }); };',
    'run(0);',
  ]
}

/**
 * A step for inSequence: when the run has no product in `variable` yet, the first product of
 * list-products (`path`) goes there (a failed test when the project has none).
 */
export function firstProductStep(variable: string, path: string): string[] {
  return [
    `  function (next) { if (pm.environment.get('${variable}')) return next();`,
    `    call('setup: list-products answers 200', 'GET', ${JSON.stringify(`${path}?limit=1`)}, [200], undefined, function (res) {`,
    '      var first = res.json().items[0];',
    "      pm.test('setup: the project has a product', function () { pm.expect(first).to.not.equal(undefined); });",
    `      if (first) { pm.environment.set('${variable}', first.id); next(); }`,
    '    }); },',
  ]
}

/** Pre-request lines: skip the request unless the target is the subcontract sandbox. */
export const SANDBOX_ONLY = [
  "if (pm.environment.get('sandbox_control') !== 'true') { pm.execution.skipRequest(); }",
]

/**
 * Pre-request lines that run `lines` on the subcontract sandbox and skip the request elsewhere:
 * for a request whose effect on a real project cannot be undone (an App Store push).
 */
export function onSandboxOnly(lines: readonly string[]): string[] {
  return [
    "if (pm.environment.get('sandbox_control') !== 'true') {",
    '  pm.execution.skipRequest();',
    '} else {',
    ...lines.map((line) => `  ${line}`),
    '}',
  ]
}
