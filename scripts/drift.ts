// npm run drift: the collection, environments, .env.example, registry and suites must mirror.
import { runMain } from '../src/cli/main.ts'
import { checkDrift, formatDrift } from '../src/drift/check-drift.ts'

await runMain(async () => {
  const problems = checkDrift({
    root: '.',
    api: 'adapty',
    collection: 'collections/adapty-server-side-api.postman_collection.json',
    environments: 'environments',
    envExample: '.env.example',
    tests: 'tests/adapty',
  })
  console.log(
    problems.length === 0
      ? 'drift: collection, environments, registry and suites mirror each other'
      : formatDrift(problems),
  )
  return problems.length === 0 ? 0 : 1
})
