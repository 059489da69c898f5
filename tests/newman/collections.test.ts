// Every API's committed collection through Newman against an embedded sandbox: zero failed
// pm.tests, zero contract failures, every operation driven (the ones with a main request to a
// success status), and the sandbox's self-check clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APIS } from '../../src/apis/all.ts'
import { loadContract } from '../../src/contract/load-schemas.ts'
import { runApiCollection } from '../../src/newman/run-api-collection.ts'
import type { CollectionRunResult } from '../../src/newman/run-collection.ts'
import { createSandbox, type Sandbox, type SandboxApi } from '../../src/sandbox/create-sandbox.ts'

describe.each(APIS.map((api) => [api.name, api] as const))(
  'the %s collection through Newman',
  (_, api) => {
    const runId = `newman-test-${api.name}`
    let sandbox: Sandbox
    let served: SandboxApi
    let result: CollectionRunResult

    beforeAll(async () => {
      sandbox = await createSandbox({ apis: [api] })
      const found = sandbox.apis[api.name]
      if (found === undefined) throw new Error(`the sandbox serves no ${api.name}`)
      served = found
      result = await runApiCollection({
        api,
        // Every value the sandbox seeds, as `sandbox --write-env` writes them.
        environmentValues: served.values,
        runId,
        operationIds: new Set(api.operations.map((op) => op.operationId)),
        contract: loadContract(),
      })
    }, 120_000)
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

    it('drives every operation, each with a main request to a success status', () => {
      const exchanges = result.records.flatMap((r) => r.exchanges)
      const main = new Set(result.records.map((r) => r.name))
      for (const op of api.operations) {
        const statuses = exchanges
          .filter((e) => e.operationId === op.operationId)
          .map((e) => e.status)
        expect(statuses.length, op.operationId).toBeGreaterThan(0)
        // `<operationId>` is the success request (RevenueCat's get-invoice succeeds with its 302);
        // an operation with variants only has none yet.
        const success = Object.keys(op.responses)
          .map(Number)
          .filter((s) => s >= 200 && s < 400)
        if (main.has(op.operationId))
          expect(
            statuses.some((s) => success.includes(s)),
            `${op.operationId}: ${statuses.join(', ')}`,
          ).toBe(true)
      }
    })

    it('feeds field coverage: each checked JSON answer carries the items its body showed', () => {
      const exchanges = result.records.flatMap((r) => r.exchanges)
      const withBody = exchanges.filter(
        (e) =>
          api.operations.find((op) => op.operationId === e.operationId)?.responses[String(e.status)]
            ?.kind === 'json',
      )
      expect(withBody.length).toBeGreaterThan(0)
      for (const e of withBody)
        expect(e.fields?.length, `${e.operationId} ${e.status}`).toBeGreaterThan(0)
    })

    it('leaves the sandbox self-check clean: every answer it sent kept the contract', () => {
      expect(sandbox.selfCheck.problems).toEqual([])
    })

    it.runIf(api.name === 'revenuecat')(
      'deletes the customers it created, but for the store objects’ one',
      async () => {
        const res = await fetch(`${new URL(served.url).origin}/__sandbox/customers`, {
          headers: { authorization: `${api.auth.scheme} ${served.apiKey}` },
        })
        expect(res.status).toBe(200)
        const { customers } = (await res.json()) as { customers: Array<{ id: string }> }
        expect(customers.length).toBeGreaterThan(40)
        // The customer that holds the run's store objects (made through the sandbox's control
        // routes) is left to the run's teardown, which the ledger names it to (runTestData).
        expect(customers.filter((c) => c.id.includes(runId))).toEqual([
          { project_id: served.values.REVENUECAT_PROJECT_ID, id: `subcontract-${runId}-pm-store` },
        ])
      },
    )

    it.runIf(api.name === 'adapty')('cleans up the profile it created', async () => {
      const res = await fetch(`${served.url}/__sandbox/profiles`, {
        headers: { authorization: `${api.auth.scheme} ${served.apiKey}` },
      })
      expect(res.status).toBe(200)
      const { profiles } = (await res.json()) as {
        profiles: Array<{ customer_user_id: string | null }>
      }
      expect(profiles.filter((p) => p.customer_user_id?.includes(runId))).toEqual([])
    })
  },
)
