import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strToU8, zipSync } from 'fflate'
import converter from 'openapi-to-postmanv2'
import { describe, expect, it } from 'vitest'
import { apiNamed } from '../apis/all.ts'
import { BEARER_API } from '../collection/fixtures/bearer-api.ts'
import { COLLECTION_SCHEMA_V21, type PostmanRequestItem } from '../collection/postman.ts'
import { SCHEMA_ROOT } from '../contract/load-schemas.ts'
import { compareCollection, importCollection } from './import-collection.ts'

const adapty = apiNamed('adapty')
const OUR_COLLECTION = new URL(`../../${adapty.collection.file}`, import.meta.url)
const MINI_SPEC = new URL('../../fixtures/import/mini-openapi.yaml', import.meta.url)

function workDir(): string {
  return mkdtempSync(join(tmpdir(), 'subcontract-import-'))
}

function convert(): Promise<unknown> {
  return new Promise((resolve, reject) => {
    converter.convert(
      { type: 'string', data: readFileSync(MINI_SPEC, 'utf8') },
      { folderStrategy: 'Tags' },
      (error, result) => {
        if (error !== null || !result.result) reject(error ?? new Error(result.reason))
        else resolve(result.output[0]?.data)
      },
    )
  })
}

const run = (input: string, outDir: string, environment?: string) =>
  importCollection({
    input,
    api: adapty,
    schemaRoot: SCHEMA_ROOT,
    outDir,
    ...(environment === undefined ? {} : { environment }),
  })

describe('collection import', () => {
  it('matches every request of our own collection and writes nothing', () => {
    const dir = workDir()
    const copy = join(dir, 'ours.json')
    copyFileSync(OUR_COLLECTION, copy)
    const report = run(copy, join(dir, 'out'))
    expect(report.newRequests).toEqual([])
    expect(report.matched.length).toBeGreaterThanOrEqual(19)
    expect(report.generated).toEqual([])
  })

  it('reads a collection produced by openapi-to-postmanv2 and reports what is new', async () => {
    const dir = workDir()
    const path = join(dir, 'converted.postman_collection.json')
    writeFileSync(path, JSON.stringify(await convert()))
    const report = run(path, join(dir, 'out'))
    expect(report.matched.map((m) => m.operationId).sort()).toEqual(['createProfile', 'getProfile'])
    expect(report.newRequests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/v2/server-side-api/profile/events/',
    ])
    expect(report.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          operationId: 'createProfile',
          kind: 'body-field',
          name: 'nickname',
        }),
        expect.objectContaining({
          operationId: 'createProfile',
          kind: 'header',
          name: 'x-experiment',
        }),
      ]),
    )
    expect(report.changes.some((c) => c.name === 'first_name')).toBe(false)
  })

  it('writes an honest it.todo suite for a request no operation covers, never a passing one', async () => {
    const dir = workDir()
    const path = join(dir, 'converted.json')
    writeFileSync(path, JSON.stringify(await convert()))
    const report = run(path, join(dir, 'out'))
    expect(report.generated).toHaveLength(1)
    const text = readFileSync(report.generated[0] ?? '', 'utf8')
    expect(text).toContain('it.todo(')
    expect(text).not.toMatch(/\bit\(|\btest\(|expect\(/)
  })

  it('reads a zip with a collection and an environment, as the vendor ships them', () => {
    const dir = workDir()
    const zip = join(dir, 'vendor.zip')
    const env = {
      name: 'vendor',
      values: [
        { key: 'secret_api_key', value: '' },
        { key: 'base_url', value: '' },
      ],
    }
    writeFileSync(
      zip,
      zipSync({
        'Adapty.postman_collection.json': new Uint8Array(readFileSync(OUR_COLLECTION)),
        'Adapty.postman_environment.json': strToU8(JSON.stringify(env)),
      }),
    )
    const report = run(zip, join(dir, 'out'))
    expect(report.newRequests).toEqual([])
    expect(report.environmentVariables).toEqual(['secret_api_key', 'base_url'])
  })

  it.each([
    ['not a collection', 'x.json', '{"hello": "world"}', /not a Postman collection/],
    [
      'a v1 collection',
      'v1.json',
      '{"id": "1", "name": "old", "order": [], "requests": []}',
      /v1 collection/,
    ],
    ['not JSON', 'broken.json', '{ "info": ', /not valid JSON/],
    [
      'a corrupt zip',
      'corrupt.zip',
      'PK\u0003\u0004 this is not a zip',
      /not a readable zip archive/,
    ],
  ])('rejects %s with a clear error and writes nothing', (_, name, content, message) => {
    const dir = workDir()
    const input = join(dir, name)
    writeFileSync(input, content)
    const out = join(dir, 'out')
    expect(() => run(input, out)).toThrow(message)
    expect(existsSync(out)).toBe(false)
  })

  it('rejects duplicate request names and writes nothing', () => {
    const dir = workDir()
    const collection = JSON.parse(readFileSync(OUR_COLLECTION, 'utf8'))
    const folder = collection.item[0]
    folder.item.push(structuredClone(folder.item[0]))
    folder.item.push({
      ...structuredClone(folder.item[0]),
      name: 'brand new',
      request: { ...folder.item[0].request, method: 'OPTIONS' },
    })
    const input = join(dir, 'dupes.json')
    writeFileSync(input, JSON.stringify(collection))
    expect(() => run(input, join(dir, 'out'))).toThrow(
      /duplicate request names: Purchase\/setTransaction/,
    )
    expect(existsSync(join(dir, 'out'))).toBe(false)
    expect(readdirSync(dir)).toEqual(['dupes.json'])
  })
})

describe('collection import for an API with a base path', () => {
  it("matches requests with or without the base path in the URL to the API's operations", () => {
    const get = (name: string, url: unknown) =>
      ({ name, request: { method: 'GET', header: [], url } }) as PostmanRequestItem
    const report = compareCollection(
      {
        info: { name: 'vendor', schema: COLLECTION_SCHEMA_V21 },
        item: [
          get('full URL', 'https://api.example.com/v2/projects/p1/customers'),
          get('relative', '{{base_url}}/projects/{{project_id}}/customers/{{customer_id}}'),
          get('object', { raw: '', host: ['{{base_url}}'], path: ['projects', ':p', 'customers'] }),
          get('other API', 'https://api.example.com/v3/projects/p1/customers'),
        ],
      },
      BEARER_API,
      SCHEMA_ROOT,
    )
    expect(report.matched).toEqual([
      { request: 'full URL', operationId: 'list-customers' },
      { request: 'relative', operationId: 'get-customer' },
      { request: 'object', operationId: 'list-customers' },
    ])
    expect(report.newRequests.map((r) => r.path)).toEqual(['/v3/projects/p1/customers'])
  })
})
