/**
 * Builds one API's Postman v2.1 collection from its registry (method, path, folders, auth scheme)
 * and its request list (bodies, variants, pm.tests). The committed collection is the artifact QA
 * opens in Postman; the drift gate checks it, however it was edited, against the registry and the
 * suites.
 */
import type { ApiDefinition } from '../api/api-definition.ts'
import { HarnessError } from '../errors.ts'
import { indexOf } from '../registry/operations.ts'
import type { Operation } from '../registry/types.ts'
import {
  COLLECTION_SCHEMA_V21,
  type PostmanCollection,
  type PostmanEvent,
  type PostmanRequestItem,
} from './postman.ts'
import type { CollectionSource, RequestSpec, SetupSpec } from './request-spec.ts'

/** What the builder needs of an API. */
export type CollectionApi = Pick<ApiDefinition, 'name' | 'operations' | 'auth'> & {
  target: Pick<ApiDefinition['target'], 'variables'>
}

const script = (listen: PostmanEvent['listen'], exec: string[]): PostmanEvent => ({
  listen,
  script: { type: 'text/javascript', exec },
})

/** The Postman variable fed by the API's variable of a role (`base_url`, `secret_api_key`). */
export function postmanVariableOf(api: CollectionApi, role: 'baseUrl' | 'apiKey'): string {
  const name = api.target.variables.find((v) => v.role === role)?.postman
  if (name === undefined) {
    throw new HarnessError(
      'CONFIG_MISSING_VARIABLE',
      `Failed to build the ${api.name} collection: no target variable with role ${role} feeds a Postman variable.`,
      { hint: `give that variable a \`postman\` name in src/apis/${api.name}/target.ts.` },
    )
  }
  return name
}

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
 * A setup request's path with its parameters filled: each `{name}` by `pathParams[name]`, or by
 * the Postman variable of the same name (`{{project_id}}`) when none is given.
 */
function setupPath(path: string, pathParams: Readonly<Record<string, string>> = {}): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => pathParams[name] ?? `{{${name}}}`)
}

/** A builder bound to one API: its operations, its base URL variable and its auth. */
function builderFor(api: CollectionApi) {
  const operations = indexOf(api.operations)
  const opOf = (operationId: string) => operations.get(api.name, operationId)
  const baseUrl = `{{${postmanVariableOf(api, 'baseUrl')}}}`
  const key = `{{${postmanVariableOf(api, 'apiKey')}}}`

  /**
   * The pre-request lines that send one prerequisite with pm.sendRequest (which inherits neither
   * the collection's auth nor its `{{variable}}` substitution, hence the explicit header and
   * replaceIn), and check its answer with a pm.test of the request that needs it.
   */
  function setupScript(setup: SetupSpec): string[] {
    const op = opOf(setup.operationId)
    const literal = (text: string) => `pm.variables.replaceIn(${JSON.stringify(text)})`
    const headers = [
      ['Authorization', `${api.auth.scheme} ${key}`],
      ...(setup.body === undefined
        ? []
        : [['Content-Type', op.request?.contentType ?? 'application/json']]),
      ...Object.entries(setup.headers ?? {}),
    ].map(
      ([name, value]) => `    { key: ${JSON.stringify(name)}, value: ${literal(value ?? '')} },`,
    )
    const title = `setup: ${setup.operationId} answers ${setup.expectStatus}`
    return [
      'pm.sendRequest({',
      `  url: ${literal(`${baseUrl}${setupPath(op.path, setup.pathParams)}`)},`,
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
    const op = opOf(spec.operationId)
    // The operation's own path, segment for segment: a trailing slash stays where the spec has
    // one (Adapty's `/profile/`) and none is added where it has none (RevenueCat's).
    const path = op.path
      .split('/')
      .slice(1)
      .map((s) => {
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
      // A redirect is the answer under test (RevenueCat's get-invoice 302): never follow it, the
      // address it names is the vendor's file store, not the API.
      ...(spec.expectStatus >= 300 && spec.expectStatus < 400
        ? { protocolProfileBehavior: { followRedirects: false } }
        : {}),
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
          raw: `${baseUrl}/${path.join('/')}${queryText}`,
          host: [baseUrl],
          path,
          ...(query.length === 0 ? {} : { query }),
          ...(op.pathParams.length === 0
            ? {}
            : {
                variable: op.pathParams.map((name) => ({
                  key: name,
                  value: spec.pathParams?.[name] ?? '',
                })),
              }),
        },
        description: `${op.summary}. Expects ${spec.expectStatus}.`,
      },
    }
  }

  return { item, key }
}

/**
 * The collection-level auth, set once: Postman's own Bearer type for `Bearer`, otherwise an
 * `Authorization: <scheme> <key>` header (Adapty's `Api-Key`, as the vendor's collection has it).
 */
function authOf(api: CollectionApi, key: string): NonNullable<PostmanCollection['auth']> {
  if (api.auth.scheme === 'Bearer')
    return { type: 'bearer', bearer: [{ key: 'token', value: key, type: 'string' }] }
  return {
    type: 'apikey',
    apikey: [
      { key: 'key', value: 'Authorization', type: 'string' },
      { key: 'value', value: `${api.auth.scheme} ${key}`, type: 'string' },
      { key: 'in', value: 'header', type: 'string' },
    ],
  }
}

/** Builds the whole collection object of one API from its request list. */
export function buildCollection(api: CollectionApi, source: CollectionSource): PostmanCollection {
  const { item, key } = builderFor(api)
  return {
    info: { ...source.info, schema: COLLECTION_SCHEMA_V21 },
    auth: authOf(api, key),
    ...(source.prerequest === undefined || source.prerequest.length === 0
      ? {}
      : { event: [script('prerequest', [...source.prerequest])] }),
    item: source.folders.map(({ tag, requests }) => ({ name: tag, item: requests.map(item) })),
  }
}
