// The whole Adapty collection through Newman against an embedded sandbox: zero failed pm.tests,
// zero contract failures, every operation driven, and the sandbox's self-check clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadContract } from '../../src/contract/load-schemas.ts'
import { runAdaptyCollection } from '../../src/newman/run-adapty.ts'
import type { CollectionRunResult } from '../../src/newman/run-collection.ts'
import { operationsOf } from '../../src/registry/operations.ts'
import { createSandbox, type Sandbox } from '../../src/sandbox/create-sandbox.ts'

let sandbox: Sandbox
let result: CollectionRunResult

describe('Adapty collection through Newman', () => {
  beforeAll(async () => {
    sandbox = await createSandbox()
    result = await runAdaptyCollection({
      values: {
        ADAPTY_BASE_URL: sandbox.adapty.url,
        ADAPTY_SECRET_API_KEY: sandbox.adapty.apiKey,
        ADAPTY_PAYWALL_ID: sandbox.adapty.paywallId,
        ADAPTY_STRIPE_TOKEN: sandbox.adapty.stripeToken,
        ADAPTY_PADDLE_TOKEN: sandbox.adapty.paddleToken,
        ADAPTY_VC_CURRENCY_CODES: sandbox.adapty.currencyCodes.join(','),
      },
      runId: 'newman-test',
      operationIds: new Set(operationsOf('adapty').map((op) => op.operationId)),
      contract: loadContract(),
    })
  }, 60_000)
  afterAll(() => sandbox.close())

  it('passes every request: pm.tests and the contract', () => {
    const failed = result.records
      .filter((r) => r.state === 'failed')
      .map((r) => `${r.name}: ${r.detail}`)
    expect(failed).toEqual([])
    expect(result.runErrors).toEqual([])
  })

  it('checks every response against the contract', () => {
    const exchanges = result.records.flatMap((r) => r.exchanges)
    expect(exchanges.length).toBeGreaterThanOrEqual(result.records.length)
    expect(exchanges.filter((e) => e.contract !== 'passed')).toEqual([])
  })

  it('drives every operation, each with a success status', () => {
    for (const op of operationsOf('adapty')) {
      const statuses = result.records
        .flatMap((r) => r.exchanges)
        .filter((e) => e.operationId === op.operationId)
        .map((e) => e.status)
      expect(
        statuses.some((s) => s >= 200 && s < 300),
        `${op.operationId}: ${statuses.join(', ')}`,
      ).toBe(true)
    }
  })

  it('leaves the sandbox self-check clean: every answer it sent kept the contract', async () => {
    expect(sandbox.selfCheck.problems).toEqual([])
  })

  it('cleans up the profile it created', async () => {
    const res = await fetch(`${sandbox.adapty.url}/__sandbox/profiles`, {
      headers: { authorization: `Api-Key ${sandbox.adapty.apiKey}` },
    })
    const { profiles } = (await res.json()) as {
      profiles: Array<{ customer_user_id: string | null }>
    }
    expect(profiles.filter((p) => p.customer_user_id?.includes('newman-test'))).toEqual([])
  })
})
