// Writes every API's collection (api.collection.file, e.g. collections/adapty.postman_collection.json)
// from its registry and request list.
import { renameSync, writeFileSync } from 'node:fs'
import { APIS } from '../src/apis/all.ts'

for (const api of APIS) {
  const path = api.collection.file
  writeFileSync(`${path}.tmp`, `${JSON.stringify(api.collection.build(), null, 2)}\n`)
  renameSync(`${path}.tmp`, path)
  console.log(`wrote ${path}`)
}
