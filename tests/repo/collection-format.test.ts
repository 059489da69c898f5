// The committed collection and environments: Postman v2.1 structure (checked with the
// postman-collection SDK and with the structural check of src/collection/validate-collection.ts),
// no secrets, the vendor's names.

import { Collection } from 'postman-collection'
import { describe, expect, it } from 'vitest'
import { buildAdaptyCollection } from '../../src/collection/build-collection.ts'
import { COLLECTION_SCHEMA_V21 } from '../../src/collection/postman.ts'
import { collectionProblem } from '../../src/collection/validate-collection.ts'
import { requestItems } from '../../src/drift/check-drift.ts'
import { SECRET_VARIABLES } from '../../src/newman/environment.ts'
import { operationsOf } from '../../src/registry/operations.ts'
import { read } from './files.ts'

const COLLECTION_PATH = 'collections/adapty-server-side-api.postman_collection.json'
const collection = JSON.parse(read(COLLECTION_PATH))

describe('the Adapty collection', () => {
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
    const sdk = new Collection(collection)
    const names: string[] = []
    sdk.forEachItem((item) => {
      names.push(item.name)
    })
    expect(names).toEqual(requestItems(collection).map((i) => i.name))
    expect(sdk.toJSON().info?.schema).toBe(collection.info.schema)
  })

  it('is what the builder writes from the registry (rebuild with npm run build-collection)', () => {
    expect(collection).toEqual(JSON.parse(JSON.stringify(buildAdaptyCollection())))
  })

  it('has one folder per tag and a request named by every operationId', () => {
    const folders = collection.item.map((f: { name: string }) => f.name).sort()
    expect(folders).toEqual([...new Set(operationsOf('adapty').map((op) => op.tag))].sort())
    const names = new Set(requestItems(collection).map((i) => i.name))
    for (const op of operationsOf('adapty'))
      expect(names.has(op.operationId), op.operationId).toBe(true)
  })

  it('sets the Api-Key auth once, at collection level, with the vendor variable name', () => {
    expect(JSON.stringify(collection.auth)).toContain('Api-Key {{secret_api_key}}')
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

describe('the environments', () => {
  it.each(['local', 'remote'])('%s declares secrets as type "secret"', (kind) => {
    const env = JSON.parse(read(`environments/${kind}.postman_environment.json`))
    for (const name of SECRET_VARIABLES) {
      expect(env.values.find((v: { key: string }) => v.key === name)?.type, name).toBe('secret')
    }
  })

  it('leaves every secret of the remote template empty', () => {
    const env = JSON.parse(read('environments/remote.postman_environment.json'))
    const filled = env.values.filter(
      (v: { type: string; value: string }) => v.type === 'secret' && v.value !== '',
    )
    expect(filled).toEqual([])
  })

  it('gives the local environment only the sandbox fake key', () => {
    const env = JSON.parse(read('environments/local.postman_environment.json'))
    const key = env.values.find((v: { key: string }) => v.key === 'secret_api_key')?.value
    expect(key).toMatch(/^subcontract_adapty_sandbox_key_/)
  })
})
