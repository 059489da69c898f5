// The whole Adapty collection through Newman against an embedded sandbox: zero failed pm.tests,
// zero contract failures, every operation driven, and the sandbox's self-check clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiNamed } from '../../src/apis/all.ts'
import { loadContract } from '../../src/contract/load-schemas.ts'
import { runApiCollection } from '../../src/newman/run-api-collection.ts'
import type { CollectionRunResult } from '../../src/newman/run-collection.ts'
import { createSandbox, type Sandbox, type SandboxApi } from '../../src/sandbox/create-sandbox.ts'

const adapty = apiNamed('adapty')
let sandbox: Sandbox
let served: SandboxApi
let result: CollectionRunResult

describe('Adapty collection through Newman', () => {
  beforeAll(async () => {
    sandbox = await createSandbox({ apis: [adapty] })
    const api = sandbox.apis.adapty
    if (api === undefined) throw new Error('the sandbox serves no adapty')
    served = api
    result = await runApiCollection({
      api: adapty,
      // Every value the sandbox seeds, as `sandbox --write-env` writes them.
      environmentValues: served.values,
      runId: 'newman-test',
      operationIds: new Set(adapty.operations.map((op) => op.operationId)),
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
    for (const op of adapty.operations) {
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
    const res = await fetch(`${served.url}/__sandbox/profiles`, {
      headers: { authorization: `${adapty.auth.scheme} ${served.apiKey}` },
    })
    const { profiles } = (await res.json()) as {
      profiles: Array<{ customer_user_id: string | null }>
    }
    expect(profiles.filter((p) => p.customer_user_id?.includes('newman-test'))).toEqual([])
  })
})
