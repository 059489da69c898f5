// Every operation run alone through Newman (what `subcontract run --operation <id> --runner newman`
// does): its requests bring what they need in their pre-request scripts, so each passes without
// the requests that come before it in the collection. One in-process sandbox for all of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Contract, loadContract } from '../../src/contract/load-schemas.ts'
import { runAdaptyCollection } from '../../src/newman/run-adapty.ts'
import { operationsOf } from '../../src/registry/operations.ts'
import { createSandbox, type Sandbox } from '../../src/sandbox/create-sandbox.ts'

let sandbox: Sandbox
let contract: Contract

describe('each operation of the Adapty collection, run alone', () => {
  beforeAll(async () => {
    contract = loadContract()
    sandbox = await createSandbox({ contract })
  })
  afterAll(() => sandbox.close())

  it.each(operationsOf('adapty').map((op) => op.operationId))('%s', async (operationId) => {
    const result = await runAdaptyCollection({
      values: {
        ADAPTY_BASE_URL: sandbox.adapty.url,
        ADAPTY_SECRET_API_KEY: sandbox.adapty.apiKey,
        ADAPTY_PAYWALL_ID: sandbox.adapty.paywallId,
        ADAPTY_STRIPE_TOKEN: sandbox.adapty.stripeToken,
        ADAPTY_PADDLE_TOKEN: sandbox.adapty.paddleToken,
      },
      runId: `alone-${operationId}`,
      operationIds: new Set([operationId]),
      contract,
    })
    const failed = result.records
      .filter((r) => r.state === 'failed')
      .map((r) => `${r.name}: ${r.detail}`)
    expect(failed).toEqual([])
    expect(result.runErrors).toEqual([])
    // It ran the operation's own request, not an empty selection.
    expect(result.records.map((r) => r.name)).toContain(operationId)
    expect(sandbox.selfCheck.problems).toEqual([])
  })
})
