/**
 * The drift gate: the Postman collection, the environments, .env.example, the registry and the
 * TypeScript suites must mirror each other. Every mismatch is a problem of a named kind, so the
 * report can group them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { PostmanCollection, PostmanFolder, PostmanRequestItem } from '../collection/postman.ts'
import { variablesIn } from '../collection/postman.ts'
import { readJsonFile } from '../config/read-json.ts'
import { renderEnvExample, TARGET_VARIABLES } from '../config/target-variables.ts'
import { HarnessError } from '../errors.ts'
import { ENV_TO_POSTMAN, RUNTIME_VARIABLES } from '../newman/environment.ts'
import { matchOperation, operationsOf, suiteStem } from '../registry/operations.ts'
import type { ApiName } from '../registry/types.ts'

/** The kinds of drift, in report order. */
export type DriftKind =
  | 'request-without-operation'
  | 'operation-without-request'
  | 'operation-without-suite'
  | 'request-without-mirror'
  | 'variable-missing'
  | 'variable-unused'
  | 'env-example-outdated'

/** One drift problem. */
export interface DriftProblem {
  kind: DriftKind
  message: string
}

/** Where the gate looks (paths relative to `root`). */
export interface DriftInputs {
  root: string
  api: ApiName
  collection: string
  environments: string
  envExample: string
  tests: string
}

function readJson<T>(path: string, what: string, fix: string): T {
  return readJsonFile(path, { what, missing: fix }) as T
}

/** Flattens the collection into its request items (folders may nest). */
export function requestItems(collection: PostmanCollection): PostmanRequestItem[] {
  const out: PostmanRequestItem[] = []
  const walk = (items: Array<PostmanFolder | PostmanRequestItem>) => {
    for (const item of items) {
      if ('request' in item) out.push(item)
      else if (Array.isArray((item as PostmanFolder).item)) walk((item as PostmanFolder).item)
    }
  }
  walk(collection.item)
  return out
}

/** The concrete path of a request item, from its `url.path` segments (`:param` → a placeholder). */
function pathOf(item: PostmanRequestItem): string {
  const url = item.request.url as PostmanRequestItem['request']['url'] | string
  if (typeof url === 'string') return new URL(url.replace(/\{\{[^}]+\}\}/, 'http://host')).pathname
  return `/${url.path.map((s) => (s.startsWith(':') ? 'param' : s)).join('/')}`
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

/** Runs every drift check and returns the problems (empty when everything mirrors). */
export function checkDrift(inputs: DriftInputs): DriftProblem[] {
  const at = (p: string) => join(inputs.root, p)
  const collection = readJson<PostmanCollection>(
    at(inputs.collection),
    'collection',
    'export it again from Postman as Collection v2.1, or run npm run build-collection.',
  )
  if (
    !Array.isArray(collection.item) ||
    typeof collection.info?.schema !== 'string' ||
    !collection.info.schema.includes('v2.1')
  ) {
    throw new HarnessError(
      'CONFIG_BAD_ENVIRONMENT_FILE',
      `Failed to read the collection: ${inputs.collection} is not a Postman v2.1 collection.`,
      {
        hint: 'export it from Postman as "Collection v2.1".',
      },
    )
  }
  const problems: DriftProblem[] = []
  const add = (kind: DriftKind, message: string) => problems.push({ kind, message })
  const items = requestItems(collection)
  const operations = operationsOf(inputs.api)

  for (const item of items) {
    const method = item.request.method
    const { op } = matchOperation(inputs.api, method, pathOf(item))
    const nameOp = item.name.split(':')[0]?.trim()
    if (op === undefined)
      add(
        'request-without-operation',
        `"${item.name}": ${method} ${pathOf(item)} is no ${inputs.api} operation`,
      )
    else if (nameOp !== op.operationId) {
      add(
        'request-without-operation',
        `"${item.name}": its ${method} ${op.path} is ${op.operationId}; name it "${op.operationId}" or "${op.operationId}: <variant>"`,
      )
    }
  }
  const names = new Set(items.map((i) => i.name))
  for (const op of operations) {
    if (!names.has(op.operationId))
      add(
        'operation-without-request',
        `${op.operationId} (${op.method} ${op.path}) has no request named "${op.operationId}"`,
      )
    const suite = `${inputs.tests}/${suiteStem(op)}.test.ts`
    if (!existsSync(at(suite)))
      add('operation-without-suite', `${op.operationId} has no suite file ${suite}`)
  }
  for (const item of items) {
    const nameOp = item.name.split(':')[0]?.trim() ?? ''
    const op = operations.find((o) => o.operationId === nameOp)
    if (op === undefined) continue
    const suite = at(`${inputs.tests}/${suiteStem(op)}.test.ts`)
    const text = existsSync(suite) ? readFileSync(suite, 'utf8') : ''
    if (!text.includes(`[${item.name}]`)) {
      add(
        'request-without-mirror',
        `"${item.name}" has no test titled "… [${item.name}]" in ${inputs.tests}/${suiteStem(op)}.test.ts`,
      )
    }
  }

  const used = collectionVariables(collection)
  const envDir = at(inputs.environments)
  const envFiles = readdirSync(envDir).filter((f) => f.endsWith('.postman_environment.json'))
  const mapped = new Map<string, string>(
    Object.entries(ENV_TO_POSTMAN).map(([env, postman]) => [postman, env]),
  )
  const example = existsSync(at(inputs.envExample))
    ? readFileSync(at(inputs.envExample), 'utf8')
    : ''
  for (const file of envFiles) {
    const env = readJson<{ values?: Array<{ key: string }> }>(
      join(envDir, file),
      'environment',
      'export it again from Postman, or run npm run build-environments.',
    )
    if (!Array.isArray(env.values)) {
      throw new HarnessError(
        'CONFIG_BAD_ENVIRONMENT_FILE',
        `Failed to read the environment: ${file} has no "values" list.`,
        {
          hint: 'export it from Postman as an environment file.',
        },
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
  for (const name of used) {
    if (RUNTIME_VARIABLES.includes(name)) continue
    const envName = mapped.get(name)
    if (envName === undefined)
      add(
        'variable-missing',
        `${name} is used by the collection but no .env variable feeds it (ENV_TO_POSTMAN in src/newman/environment.ts)`,
      )
    else if (!new RegExp(`^${envName}=`, 'm').test(example))
      add('variable-missing', `${envName} (feeds ${name}) is missing from ${inputs.envExample}`)
  }
  const declared = new Set(TARGET_VARIABLES.map((v) => v.name))
  for (const [postman, envName] of mapped) {
    if (!declared.has(envName))
      add(
        'variable-missing',
        `${envName} (feeds ${postman}) is not declared in TARGET_VARIABLES (src/config/target-variables.ts)`,
      )
    if (!used.has(postman))
      add(
        'variable-unused',
        `${envName} → ${postman} is mapped but the collection never uses ${postman}`,
      )
  }
  const outdated = envExampleDifference(example, renderEnvExample())
  if (outdated !== undefined)
    add(
      'env-example-outdated',
      `${inputs.envExample} is not what src/config/target-variables.ts declares: ${outdated}; regenerate it with subcontract drift --write-env-example`,
    )
  return problems
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
