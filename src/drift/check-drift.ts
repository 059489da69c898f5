/**
 * The drift gate: for every API, its Postman collection, its environments, .env.example, its
 * registry and its TypeScript suites must mirror each other. Each API is checked against its own
 * variables and operations only, so one API's variables are never flagged in another's files.
 * Every mismatch is a problem of a named kind, so the report can group them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ApiDefinition } from '../api/api-definition.ts'
import {
  concretePath,
  matchRequest,
  operationIdOf,
  pathOf,
  requestItems,
} from '../collection/collection-items.ts'
import type { PostmanCollection } from '../collection/postman.ts'
import { variablesIn } from '../collection/postman.ts'
import { assertCollection } from '../collection/validate-collection.ts'
import { readJsonFile } from '../config/read-json.ts'
import { type ApiTargetSpec, renderEnvExample } from '../config/target-variables.ts'
import { HarnessError } from '../errors.ts'
import { suiteStem } from '../registry/operations.ts'

/** The kinds of drift, in report order. */
export type DriftKind =
  | 'request-without-operation'
  | 'operation-without-request'
  | 'operation-without-suite'
  | 'request-without-mirror'
  | 'variable-missing'
  | 'variable-unused'
  | 'environment-without-api'
  | 'api-without-environment'
  | 'env-example-outdated'

/** One drift problem. */
export interface DriftProblem {
  kind: DriftKind
  message: string
}

/** What the gate needs of an API. */
export type DriftApi = Pick<
  ApiDefinition,
  'name' | 'title' | 'operations' | 'basePath' | 'collection' | 'target'
>

/** Where the gate looks (paths relative to `root`). */
export interface DriftInputs {
  root: string
  /** The APIs to check, each against its own collection, environments and suites. */
  apis: readonly DriftApi[]
  /**
   * Every API `.env.example` declares, and whose environment files may be in `environments`
   * (default: `apis`). Checking one API of several passes all of them here.
   */
  allApis?: readonly ApiTargetSpec[]
  /** A collection to check instead of an API's committed one (`api.collection.file`). */
  collections?: Readonly<Partial<Record<string, string>>>
  /** The directory of `<api>.<kind>.postman_environment.json` files. */
  environments: string
  envExample: string
  /** The directory of the suites: one `<api>/<operation-id>.test.ts` per operation. */
  tests: string
}

const ENVIRONMENT_SUFFIX = '.postman_environment.json'

function readJson<T>(path: string, what: string, fix: string): T {
  return readJsonFile(path, { what, missing: fix }) as T
}

/** Every variable the collection reads: `{{x}}` anywhere and pm.environment/variables.get('x') in scripts. */
export function collectionVariables(collection: PostmanCollection): Set<string> {
  const text = JSON.stringify(collection)
  const used = new Set(variablesIn(text))
  for (const m of text.matchAll(
    /pm\.(?:environment|variables|collectionVariables)\.get\(\\?['"]([^'"\\]+)\\?['"]\)/g,
  )) {
    used.add(m[1] ?? '')
  }
  return used
}

/** The API an environment file belongs to, by its name (`adapty.local.postman_environment.json`). */
export function environmentApi(file: string): string | undefined {
  if (!file.endsWith(ENVIRONMENT_SUFFIX)) return undefined
  const [api, ...rest] = file.slice(0, -ENVIRONMENT_SUFFIX.length).split('.')
  return rest.length === 0 ? undefined : api
}

/** Runs every drift check of every API and returns the problems (empty when everything mirrors). */
export function checkDrift(inputs: DriftInputs): DriftProblem[] {
  const at = (p: string) => join(inputs.root, p)
  const problems: DriftProblem[] = []
  const add = (kind: DriftKind, message: string) => problems.push({ kind, message })
  const example = existsSync(at(inputs.envExample))
    ? readFileSync(at(inputs.envExample), 'utf8')
    : ''
  const allApis = inputs.allApis ?? inputs.apis
  const envFiles = readdirSync(at(inputs.environments)).filter((f) =>
    f.endsWith(ENVIRONMENT_SUFFIX),
  )
  for (const api of inputs.apis) {
    const files = envFiles.filter((f) => environmentApi(f) === api.name)
    checkApi(api, inputs, files, example, add)
  }
  for (const file of envFiles) {
    const owner = environmentApi(file)
    if (owner === undefined || !allApis.some((api) => api.name === owner))
      add(
        'environment-without-api',
        `${inputs.environments}/${file} names no API; name it <api>.<kind>${ENVIRONMENT_SUFFIX} with one of ${allApis.map((a) => a.name).join(', ')}`,
      )
  }
  const outdated = envExampleDifference(example, renderEnvExample(allApis))
  if (outdated !== undefined)
    add(
      'env-example-outdated',
      `${inputs.envExample} is not what src/config/target-variables.ts and the APIs' target variables declare: ${outdated}; regenerate it with subcontract drift --write-env-example`,
    )
  return problems
}

/** The checks of one API: its collection, its environment files and its suites. */
function checkApi(
  api: DriftApi,
  inputs: DriftInputs,
  envFiles: readonly string[],
  example: string,
  add: (kind: DriftKind, message: string) => void,
): void {
  const at = (p: string) => join(inputs.root, p)
  const collectionFile = inputs.collections?.[api.name] ?? api.collection.file
  const collection = assertCollection(
    readJson<unknown>(
      at(collectionFile),
      'collection',
      'export it again from Postman as Collection v2.1, or run npm run build-collection.',
    ),
    { action: 'read the collection', source: collectionFile },
  )
  const items = requestItems(collection)
  const tests = `${inputs.tests}/${api.name}`

  for (const item of items) {
    const method = item.request.method
    const path = pathOf(item)
    const { op } = matchRequest(api, method, concretePath(path))
    const nameOp = operationIdOf(item.name)
    if (op === undefined)
      add(
        'request-without-operation',
        `"${item.name}": ${method} ${path} is no ${api.name} operation`,
      )
    else if (nameOp !== op.operationId) {
      add(
        'request-without-operation',
        `"${item.name}": its ${method} ${op.path} is ${op.operationId}; name it "${op.operationId}" or "${op.operationId}: <variant>"`,
      )
    }
  }
  // An operation is covered by a request named by it: its main request or, while it has none
  // yet (RevenueCat's success paths), a variant such as `<operationId>: no auth`.
  const named = new Set(items.map((i) => operationIdOf(i.name)))
  const sharedTitles = crossCuttingTitles(at(`${tests}/cross-cutting`))
  // A request is mirrored by a test titled `… [<request name>]` in its operation's suite file, or
  // by a cross-cutting suite that runs a test per operation titled `[%s: <variant>] …`.
  const mirrored = (name: string, suiteText: string) => {
    const variant = name.slice(operationIdOf(name).length)
    return (
      suiteText.includes(`[${name}]`) ||
      (variant.startsWith(': ') && sharedTitles.includes(`[%s${variant}]`))
    )
  }
  const requestsOf = (op: { operationId: string }) =>
    items.filter((i) => operationIdOf(i.name) === op.operationId)
  for (const op of api.operations) {
    if (!named.has(op.operationId))
      add(
        'operation-without-request',
        `${op.operationId} (${op.method} ${op.path}) has no request named "${op.operationId}" or "${op.operationId}: <variant>"`,
      )
    const suite = `${tests}/${suiteStem(op)}.test.ts`
    const ownSuite = existsSync(at(suite))
    const coveredElsewhere =
      requestsOf(op).length > 0 && requestsOf(op).every((i) => mirrored(i.name, ''))
    if (!ownSuite && !coveredElsewhere)
      add('operation-without-suite', `${op.operationId} has no suite file ${suite}`)
  }
  for (const item of items) {
    const op = api.operations.find((o) => o.operationId === operationIdOf(item.name))
    if (op === undefined) continue
    const suite = `${tests}/${suiteStem(op)}.test.ts`
    const text = existsSync(at(suite)) ? readFileSync(at(suite), 'utf8') : ''
    if (!mirrored(item.name, text)) {
      add(
        'request-without-mirror',
        `"${item.name}" has no test titled "… [${item.name}]" in ${suite} (or "[%s${item.name.slice(operationIdOf(item.name).length)}] …" in ${tests}/cross-cutting/)`,
      )
    }
  }

  const used = collectionVariables(collection)
  if (envFiles.length === 0)
    add(
      'api-without-environment',
      `${inputs.environments}/ has no ${api.name}.<kind>${ENVIRONMENT_SUFFIX} (run npm run build-collection)`,
    )
  for (const file of envFiles) {
    const env = readJson<{ values?: Array<{ key: string }> }>(
      join(at(inputs.environments), file),
      'environment',
      'export it again from Postman, or run npm run build-collection.',
    )
    if (!Array.isArray(env.values)) {
      throw new HarnessError(
        'CONFIG_BAD_ENVIRONMENT_FILE',
        `Failed to read the environment: ${file} has no "values" list.`,
        { hint: 'export it from Postman as an environment file.' },
      )
    }
    const keys = new Set(env.values.map((v) => v.key))
    for (const name of used)
      if (!keys.has(name))
        add(
          'variable-missing',
          `${name} is used by the collection but missing from ${inputs.environments}/${file}`,
        )
    for (const key of keys)
      if (!used.has(key))
        add('variable-unused', `${key} in ${inputs.environments}/${file} is used by no request`)
  }
  const runtime = new Set(Object.keys(api.collection.runtimeVariables))
  const fed = new Map(
    api.target.variables.flatMap((v) => (v.postman === undefined ? [] : [[v.postman, v.name]])),
  )
  for (const name of used) {
    if (runtime.has(name)) continue
    const envName = fed.get(name)
    if (envName === undefined)
      add(
        'variable-missing',
        `${name} is used by the ${api.name} collection but no ${api.name} target variable feeds it (give one postman: '${name}' in src/apis/${api.name}/target.ts, or list it in collection.runtimeVariables)`,
      )
    else if (!new RegExp(`^${envName}=`, 'm').test(example))
      add('variable-missing', `${envName} (feeds ${name}) is missing from ${inputs.envExample}`)
  }
  for (const [postman, envName] of fed) {
    if (!used.has(postman))
      add(
        'variable-unused',
        `${envName} → ${postman} is mapped but the ${api.name} collection never uses ${postman}`,
      )
  }
}

/** The first difference between the committed and the declared `.env.example`, or undefined. */
export function envExampleDifference(actual: string, expected: string): string | undefined {
  if (actual === expected) return undefined
  const names = (text: string) =>
    text
      .split('\n')
      .map((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
      .filter((name): name is string => name !== undefined)
  const have = names(actual)
  const want = names(expected)
  const missing = want.filter((n) => !have.includes(n))
  if (missing.length > 0) return `${missing.join(', ')} missing`
  const extra = have.filter((n) => !want.includes(n))
  if (extra.length > 0) return `${extra.join(', ')} not declared`
  const a = actual.split('\n')
  const e = expected.split('\n')
  const line = e.findIndex((text, i) => a[i] !== text)
  const at = line === -1 ? a.length : line
  return `line ${at + 1} is ${JSON.stringify(a[at] ?? '')}, expected ${JSON.stringify(e[at] ?? '')}`
}

/** Renders problems grouped by kind. */
export function formatDrift(problems: readonly DriftProblem[]): string {
  const kinds = [...new Set(problems.map((p) => p.kind))]
  return kinds
    .map((kind) =>
      [
        `${kind} (${problems.filter((p) => p.kind === kind).length}):`,
        ...problems.filter((p) => p.kind === kind).map((p) => `  - ${p.message}`),
      ].join('\n'),
    )
    .join('\n')
}

/** The source text of an API's cross-cutting suites ('' when it has none). */
function crossCuttingTitles(dir: string): string {
  if (!existsSync(dir)) return ''
  return readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n')
}
