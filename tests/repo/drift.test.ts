import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APIS, apiNamed } from '../../src/apis/all.ts'
import { runDrift } from '../../src/cli/drift.ts'
import { captureIo } from '../../src/cli/io.ts'
import { buildCollection } from '../../src/collection/build-collection.ts'
import { requestItems } from '../../src/collection/collection-items.ts'
import { BEARER_API, BEARER_SOURCE } from '../../src/collection/fixtures/bearer-api.ts'
import type { PostmanCollection, PostmanFolder } from '../../src/collection/postman.ts'
import { renderEnvExample } from '../../src/config/target-variables.ts'
import { checkDrift, type DriftInputs, formatDrift } from '../../src/drift/check-drift.ts'
import { environmentFile, environmentPath } from '../../src/newman/environment.ts'
import { suiteStem } from '../../src/registry/operations.ts'
import { ROOT } from './files.ts'

const adapty = apiNamed('adapty')
const COLLECTION = adapty.collection.file
const ADAPTY_LOCAL = environmentPath(adapty, 'local')
const inputs = (root: string, apis: DriftInputs['apis'] = [adapty]): DriftInputs => ({
  root,
  apis,
  allApis: APIS,
  environments: 'environments',
  envExample: '.env.example',
  tests: 'tests',
})

/** A copy of the mirrored files in a temp dir, mutated by `change`. */
function mutatedCopy(
  change: (root: string, collection: PostmanCollection) => PostmanCollection | undefined,
): string {
  const root = mkdtempSync(join(tmpdir(), 'subcontract-drift-'))
  const suites = APIS.map((api) => `tests/${api.name}`).filter((p) => existsSync(join(ROOT, p)))
  for (const path of ['collections', 'environments', '.env.example', ...suites]) {
    cpSync(join(ROOT, path), join(root, path), { recursive: true })
  }
  const collection = JSON.parse(readFileSync(join(root, COLLECTION), 'utf8')) as PostmanCollection
  const next = change(root, collection)
  if (next !== undefined) writeFileSync(join(root, COLLECTION), JSON.stringify(next))
  return root
}

const folder = (c: PostmanCollection, name: string) =>
  c.item.find((f) => f.name === name) as PostmanFolder

describe('drift gate', () => {
  it('finds no drift in the repository, for any API', () => {
    const problems = checkDrift(inputs(ROOT, APIS))
    expect(problems, formatDrift(problems)).toEqual([])
  })

  it('reports an operation whose requests are all removed as an operation without a request', () => {
    const root = mutatedCopy((_, c) => {
      const paywalls = folder(c, 'Paywalls')
      paywalls.item = paywalls.item.filter((i) => !i.name.startsWith('getPaywall'))
      return c
    })
    const problems = checkDrift(inputs(root))
    expect(problems).toContainEqual(
      expect.objectContaining({
        kind: 'operation-without-request',
        message: expect.stringContaining('getPaywall'),
      }),
    )
  })

  it('reports an extra unknown request as a request without an operation', () => {
    const root = mutatedCopy((_, c) => {
      const template = folder(c, 'Paywalls').item[0]
      if (template === undefined) throw new Error('no template request')
      const extra = structuredClone(template)
      extra.name = 'archivePaywall'
      extra.request.method = 'POST'
      extra.request.url.path = ['api', 'v2', 'server-side-api', 'paywalls', 'archive', '']
      folder(c, 'Paywalls').item.push(extra)
      return c
    })
    const problems = checkDrift(inputs(root))
    expect(problems).toContainEqual(
      expect.objectContaining({
        kind: 'request-without-operation',
        message: expect.stringContaining('"archivePaywall"'),
      }),
    )
  })

  it('reports a renamed variable on both sides', () => {
    const root = mutatedCopy((_, c) =>
      JSON.parse(
        JSON.stringify(c)
          .replaceAll('{{paywall_id}}', '{{paywall_uuid}}')
          .replaceAll("get('paywall_id')", "get('paywall_uuid')"),
      ),
    )
    const problems = checkDrift(inputs(root))
    expect(problems).toContainEqual(
      expect.objectContaining({
        kind: 'variable-missing',
        message: expect.stringContaining(
          `paywall_uuid is used by the collection but missing from ${ADAPTY_LOCAL}`,
        ),
      }),
    )
    expect(problems).toContainEqual(
      expect.objectContaining({
        kind: 'variable-unused',
        message: expect.stringContaining(`paywall_id in ${ADAPTY_LOCAL}`),
      }),
    )
  })

  it('reports a deleted suite file, and the requests it mirrored', () => {
    const root = mutatedCopy((r) => {
      rmSync(join(r, 'tests/adapty/get-paywall.test.ts'))
      return undefined
    })
    const problems = checkDrift(inputs(root))
    expect(problems).toContainEqual(
      expect.objectContaining({
        kind: 'operation-without-suite',
        message: expect.stringContaining('get-paywall.test.ts'),
      }),
    )
    expect(problems).toContainEqual(
      expect.objectContaining({
        kind: 'request-without-mirror',
        message: expect.stringContaining('"getPaywall"'),
      }),
    )
  })

  it('fails when .env.example leaves out a declared variable, naming it', () => {
    const root = mutatedCopy((r) => {
      const example = readFileSync(join(r, '.env.example'), 'utf8')
      writeFileSync(
        join(r, '.env.example'),
        example.replace(/^# [^\n]*\nADAPTY_VC_LIMITED_API_KEY=\n/m, ''),
      )
      return undefined
    })
    expect(checkDrift(inputs(root))).toContainEqual({
      kind: 'env-example-outdated',
      message: expect.stringMatching(
        /^\.env\.example is not what src\/config\/target-variables\.ts and the APIs' target variables declare: ADAPTY_VC_LIMITED_API_KEY missing; regenerate it with subcontract drift --write-env-example$/,
      ),
    })
  })

  it('fails when .env.example has a variable nothing reads, or another description', () => {
    const extra = mutatedCopy((r) => {
      writeFileSync(
        join(r, '.env.example'),
        `${readFileSync(join(r, '.env.example'), 'utf8')}# x\nADAPTY_NOTHING=\n`,
      )
      return undefined
    })
    expect(formatDrift(checkDrift(inputs(extra)))).toContain('ADAPTY_NOTHING not declared')
    const reworded = mutatedCopy((r) => {
      const example = readFileSync(join(r, '.env.example'), 'utf8')
      writeFileSync(
        join(r, '.env.example'),
        example.replace('connect timeout in ms', 'connect timeout'),
      )
      return undefined
    })
    expect(formatDrift(checkDrift(inputs(reworded)))).toMatch(
      /line \d+ is "# connect timeout \(default 10000\)", expected "# connect timeout in ms \(default 10000\)"/,
    )
  })

  it('regenerates .env.example from the declared list with drift --write-env-example', async () => {
    const root = mutatedCopy((r) => {
      writeFileSync(join(r, '.env.example'), 'ADAPTY_SECRET_API_KEY=\n')
      return undefined
    })
    const io = captureIo()
    const code = await runDrift(['--root', root, '--write-env-example'], io)
    expect(code, io.lines.join('')).toBe(0)
    expect(readFileSync(join(root, '.env.example'), 'utf8')).toBe(
      readFileSync(join(ROOT, '.env.example'), 'utf8'),
    )
  })

  it('groups problems by kind with counts', () => {
    const text = formatDrift([
      { kind: 'variable-missing', message: 'a' },
      { kind: 'variable-missing', message: 'b' },
      { kind: 'operation-without-suite', message: 'c' },
    ])
    expect(text).toBe('variable-missing (2):\n  - a\n  - b\noperation-without-suite (1):\n  - c')
  })

  it('rejects a malformed collection with a clear error instead of a report', () => {
    const root = mutatedCopy((r) => {
      writeFileSync(join(r, COLLECTION), '{ "info": ')
      return undefined
    })
    expect(() => checkDrift(inputs(root))).toThrow(/is not valid JSON/)
  })

  it('rejects a malformed environment with a clear error', () => {
    const root = mutatedCopy((r) => {
      writeFileSync(join(r, ADAPTY_LOCAL), '{"name":"x"}')
      return undefined
    })
    expect(() => checkDrift(inputs(root))).toThrow(/has no "values" list/)
  })
})

/** A root with Adapty's files and a second, Bearer API's collection, environments and suites. */
function twoApiRoot(): string {
  const root = mutatedCopy(() => undefined)
  writeFileSync(join(root, '.env.example'), renderEnvExample([adapty, BEARER_API]))
  const collection = buildCollection(BEARER_API, BEARER_SOURCE)
  mkdirSync(join(root, 'collections'), { recursive: true })
  writeFileSync(join(root, BEARER_API.collection.file), JSON.stringify(collection))
  for (const kind of ['local', 'remote'] as const) {
    const file = environmentFile(BEARER_API, kind, { BEARER_SECRET_API_KEY: 'fake' })
    writeFileSync(join(root, environmentPath(BEARER_API, kind)), JSON.stringify(file))
  }
  const suites = join(root, 'tests', BEARER_API.name)
  rmSync(suites, { recursive: true, force: true })
  mkdirSync(suites, { recursive: true })
  for (const op of BEARER_API.operations) {
    const titles = requestItems(collection)
      .filter((i) => i.name.startsWith(op.operationId))
      .map((i) => `it('answers [${i.name}]')`)
    writeFileSync(join(suites, `${suiteStem(op)}.test.ts`), titles.join('\n'))
  }
  return root
}

describe('drift gate, per API', () => {
  const apis = [adapty, BEARER_API]
  const problemsOf = (root: string) => checkDrift({ ...inputs(root, apis), allApis: apis })

  it("checks each API's collection and environments against its own variables only", () => {
    const problems = problemsOf(twoApiRoot())
    // Neither API's variables (project_id, paywall_id, …) are unused in the other's files.
    expect(problems, formatDrift(problems)).toEqual([])
  })

  it("flags a variable of another API in an API's environment as unused there", () => {
    const root = twoApiRoot()
    const path = join(root, ADAPTY_LOCAL)
    const env = JSON.parse(readFileSync(path, 'utf8'))
    env.values.push({ key: 'project_id', value: '', type: 'default', enabled: true })
    writeFileSync(path, JSON.stringify(env))
    expect(problemsOf(root)).toEqual([
      {
        kind: 'variable-unused',
        message: `project_id in ${ADAPTY_LOCAL} is used by no request`,
      },
    ])
  })

  it('matches requests to the operations relative to the base path, without trailing slashes', () => {
    const root = twoApiRoot()
    const path = join(root, BEARER_API.collection.file)
    const c = JSON.parse(readFileSync(path, 'utf8')) as PostmanCollection
    const first = (c.item[0] as PostmanFolder).item[0]
    if (first === undefined) throw new Error('no request')
    first.request.url.path = ['v3', 'projects', ':project_id', 'customers']
    writeFileSync(path, JSON.stringify(c))
    expect(problemsOf(root)).toContainEqual({
      kind: 'request-without-operation',
      message:
        '"list-customers: no auth": GET /v3/projects/{project_id}/customers is no revenuecat operation',
    })
  })

  it('reports an environment file that names no API, and an API without environments', () => {
    const root = twoApiRoot()
    for (const kind of ['local', 'remote'] as const) {
      const path = environmentPath(BEARER_API, kind)
      renameSync(join(root, path), join(root, path.replace('revenuecat.', '')))
    }
    const problems = problemsOf(root)
    expect(problems).toContainEqual({
      kind: 'environment-without-api',
      message: expect.stringContaining('environments/local.postman_environment.json names no API'),
    })
    expect(problems).toContainEqual({
      kind: 'api-without-environment',
      message: expect.stringContaining('has no revenuecat.<kind>.postman_environment.json'),
    })
  })

  it('reports a collection variable no target variable of its API feeds', () => {
    const root = twoApiRoot()
    const path = join(root, BEARER_API.collection.file)
    writeFileSync(path, readFileSync(path, 'utf8').replace('{{project_id}}', '{{paywall_id}}'))
    expect(problemsOf(root)).toContainEqual({
      kind: 'variable-missing',
      message: expect.stringContaining(
        'paywall_id is used by the revenuecat collection but no revenuecat target variable feeds it',
      ),
    })
  })
})
