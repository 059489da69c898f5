// Writes collections/adapty-server-side-api.postman_collection.json from the registry.
import { renameSync, writeFileSync } from 'node:fs'
import { buildAdaptyCollection } from '../src/collection/build-collection.ts'

const path = 'collections/adapty-server-side-api.postman_collection.json'
writeFileSync(`${path}.tmp`, `${JSON.stringify(buildAdaptyCollection(), null, 2)}\n`)
renameSync(`${path}.tmp`, path)
console.log(`wrote ${path}`)
