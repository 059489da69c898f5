// Writes environments/<api>.{local,remote}.postman_environment.json for every API. The local one
// carries the sandbox's fixed fake key and seeded values for `npm run sandbox -- --port 4010`
// (the first API on 4010, the next on 4011, …); the remote one has empty secrets.
import { renameSync, writeFileSync } from 'node:fs'
import { APIS } from '../src/apis/all.ts'
import { variableOf } from '../src/config/target-variables.ts'
import { environmentFile, environmentPath } from '../src/newman/environment.ts'
import { createFixedClock } from '../src/sandbox/clock.ts'
import { createIds } from '../src/sandbox/ids.ts'

/** The port `npm run sandbox -- --port 4010` gives the API at this place in APIS. */
const LOCAL_PORT = 4010

for (const [i, api] of APIS.entries()) {
  const seeded = api.sandbox.create({
    seed: 'default',
    clock: createFixedClock(),
    ids: createIds(1),
  })
  const local = {
    ...seeded.values,
    [variableOf(api, 'baseUrl').name]: `http://127.0.0.1:${LOCAL_PORT + i}${api.basePath}`,
  }
  for (const kind of ['local', 'remote'] as const) {
    const path = environmentPath(api, kind)
    writeFileSync(`${path}.tmp`, `${JSON.stringify(environmentFile(api, kind, local), null, 2)}\n`)
    renameSync(`${path}.tmp`, path)
    console.log(`wrote ${path}`)
  }
}
