// Writes environments/{local,remote}.postman_environment.json. The local one carries the sandbox's
// fixed fake key and seeded ids for `npm run sandbox -- --port 4010`; the remote one has empty secrets.
import { renameSync, writeFileSync } from 'node:fs'
import { environmentFile } from '../src/newman/environment.ts'
import { readSeed } from '../src/apis/adapty/sandbox/seed.ts'

const main = readSeed('default').apps.find((app) => app.name === 'main')
if (main === undefined) throw new Error('the default seed has no main app')
const local = {
  ADAPTY_BASE_URL: 'http://127.0.0.1:4010',
  ADAPTY_SECRET_API_KEY: main.apiKey,
  ADAPTY_PAYWALL_ID: main.paywalls[0]?.paywallId ?? '',
  ADAPTY_STRIPE_TOKEN: main.stripeTokens.find((t) => t.kind === 'subscription')?.token ?? '',
  ADAPTY_PADDLE_TOKEN: main.paddleTokens[0]?.token ?? '',
  ADAPTY_VC_CURRENCY_CODES: Object.keys(main.currencies).join(','),
}
for (const kind of ['local', 'remote'] as const) {
  const path = `environments/${kind}.postman_environment.json`
  writeFileSync(`${path}.tmp`, `${JSON.stringify(environmentFile(kind, local), null, 2)}\n`)
  renameSync(`${path}.tmp`, path)
  console.log(`wrote ${path}`)
}
