// The committed collections and environments, one of each per API: Postman v2.1 structure
// (checked with the postman-collection SDK and with the structural check of
// src/collection/validate-collection.ts), what the builders write, no secrets, the vendor's names.

import { Collection } from 'postman-collection'
import { describe, expect, it } from 'vitest'
import { APIS } from '../../src/apis/all.ts'
import { requestItems } from '../../src/collection/collection-items.ts'
import { COLLECTION_SCHEMA_V21, type PostmanCollection } from '../../src/collection/postman.ts'
import { collectionProblem } from '../../src/collection/validate-collection.ts'
import { variableOf } from '../../src/config/target-variables.ts'
import { environmentPath, secretVariables } from '../../src/newman/environment.ts'
import { createFixedClock } from '../../src/sandbox/clock.ts'
import { createIds } from '../../src/sandbox/ids.ts'
import { read } from './files.ts'

describe.each(APIS.map((api) => [api.name, api] as const))('the %s collection', (_, api) => {
  const collection = JSON.parse(read(api.collection.file)) as PostmanCollection
  const key = variableOf(api, 'apiKey').postman

  it('follows the Postman v2.1 structure (the check the runner and the importer make)', () => {
    expect(collectionProblem(collection)).toBeUndefined()
    expect(collection.info.schema).toBe(COLLECTION_SCHEMA_V21)
    // Stricter than the format, for our own file: every URL is the object form the app writes.
    for (const item of requestItems(collection)) {
      expect(Object.keys(item.request.url), item.name).toEqual(
        expect.arrayContaining(['raw', 'host', 'path']),
      )
    }
  })

  it('loads in the postman-collection SDK and round-trips its requests', () => {
    const sdk = new Collection(collection as never)
    const names: string[] = []
    sdk.forEachItem((item) => {
      names.push(item.name)
    })
    expect(names).toEqual(requestItems(collection).map((i) => i.name))
    expect(sdk.toJSON().info?.schema).toBe(collection.info.schema)
  })

  it('is what the builder writes from the registry (rebuild with npm run build-collection)', () => {
    expect(collection).toEqual(JSON.parse(JSON.stringify(api.collection.build())))
  })

  it('has one folder per tag and a request named by every operationId', () => {
    const folders = collection.item.map((f) => f.name).sort()
    expect(folders).toEqual([...new Set(api.operations.map((op) => op.tag))].sort())
    const named = new Set(requestItems(collection).map((i) => i.name.split(':')[0]?.trim()))
    for (const op of api.operations) expect(named.has(op.operationId), op.operationId).toBe(true)
  })

  it(`sets the ${api.auth.scheme} auth once, at collection level, with the vendor variable name`, () => {
    expect(key).toBeDefined()
    const auth = JSON.stringify(collection.auth)
    if (api.auth.scheme === 'Bearer') {
      expect(collection.auth?.type).toBe('bearer')
      expect(auth).toContain(`{{${key}}}`)
    } else expect(auth).toContain(`${api.auth.scheme} {{${key}}}`)
    expect(
      requestItems(collection).filter(
        (i) => i.request.auth !== undefined && i.request.auth.type !== 'noauth',
      ),
    ).toEqual([])
  })

  it('uses only what the Postman app offers in scripts (no require, no Node globals)', () => {
    const scripts =
      JSON.stringify(collection.event) +
      JSON.stringify(requestItems(collection).map((i) => i.event))
    expect(scripts).not.toMatch(/require\(|process\.|Buffer\.|import\(/)
  })
})

describe.each(APIS.map((api) => [api.name, api] as const))('the %s environments', (_, api) => {
  const env = (kind: 'local' | 'remote') =>
    JSON.parse(read(environmentPath(api, kind))) as {
      values: Array<{ key: string; value: string; type: string }>
    }

  it.each(['local', 'remote'] as const)('%s declares secrets as type "secret"', (kind) => {
    const values = env(kind).values
    for (const name of secretVariables(api)) {
      expect(values.find((v) => v.key === name)?.type, name).toBe('secret')
    }
  })

  it('leaves every secret of the remote template empty', () => {
    expect(env('remote').values.filter((v) => v.type === 'secret' && v.value !== '')).toEqual([])
  })

  it("gives the local environment only the sandbox's fake key", () => {
    const seeded = api.sandbox.create({
      seed: 'default',
      clock: createFixedClock(),
      ids: createIds(1),
    }).values
    const key = variableOf(api, 'apiKey')
    const value = env('local').values.find((v) => v.key === key.postman)?.value
    expect(value).toBe(seeded[key.name])
    expect(value).not.toBe('')
  })
})
