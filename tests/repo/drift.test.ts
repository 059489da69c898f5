import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runDrift } from '../../src/cli/drift.ts'
import { captureIo } from '../../src/cli/io.ts'
import type { PostmanCollection, PostmanFolder } from '../../src/collection/postman.ts'
import { checkDrift, type DriftInputs, formatDrift } from '../../src/drift/check-drift.ts'
import { ROOT } from './files.ts'

const COLLECTION = 'collections/adapty-server-side-api.postman_collection.json'
const inputs = (root: string): DriftInputs => ({
  root,
  api: 'adapty',
  collection: COLLECTION,
  environments: 'environments',
  envExample: '.env.example',
  tests: 'tests/adapty',
})

/** A copy of the mirrored files in a temp dir, mutated by `change`. */
function mutatedCopy(
  change: (root: string, collection: PostmanCollection) => PostmanCollection | undefined,
): string {
  const root = mkdtempSync(join(tmpdir(), 'subcontract-drift-'))
  for (const path of ['collections', 'environments', '.env.example', 'tests/adapty']) {
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
  it('finds no drift in the repository', () => {
    const problems = checkDrift(inputs(ROOT))
    expect(problems, formatDrift(problems)).toEqual([])
  })

  it('reports a removed request as an operation without a request', () => {
    const root = mutatedCopy((_, c) => {
      const paywalls = folder(c, 'Paywalls')
      paywalls.item = paywalls.item.filter((i) => i.name !== 'getPaywall')
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
          'paywall_uuid is used by the collection but missing from environments/local',
        ),
      }),
    )
    expect(problems).toContainEqual(
      expect.objectContaining({
        kind: 'variable-unused',
        message: expect.stringContaining('paywall_id in environments/local'),
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
        /^\.env\.example is not what src\/config\/target-variables\.ts declares: ADAPTY_VC_LIMITED_API_KEY missing; regenerate it with subcontract drift --write-env-example$/,
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
      writeFileSync(join(r, 'environments/local.postman_environment.json'), '{"name":"x"}')
      return undefined
    })
    expect(() => checkDrift(inputs(root))).toThrow(/has no "values" list/)
  })
})
