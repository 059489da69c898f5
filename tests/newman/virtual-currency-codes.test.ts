// The Virtual Currency folder takes its currency code from the target (ADAPTY_VC_CURRENCY_CODES,
// through vc_currency_codes), not from the sandbox's COINS: with the codes in another order, the
// credit goes to the first one. Without codes, the requests that need one fail with a pm.test
// that names the variable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiNamed } from '../../src/apis/all.ts'
import { loadContract } from '../../src/contract/load-schemas.ts'
import { runApiCollection } from '../../src/newman/run-api-collection.ts'
import type { CollectionRunResult } from '../../src/newman/run-collection.ts'
import { indexOf } from '../../src/registry/operations.ts'
import { createSandbox, type Sandbox, type SandboxApi } from '../../src/sandbox/create-sandbox.ts'

const adapty = apiNamed('adapty')
const VC_OPERATIONS = new Set(
  adapty.operations.filter((op) => op.tag === 'Virtual Currency').map((op) => op.operationId),
)

let sandbox: Sandbox
let served: SandboxApi
beforeAll(async () => {
  sandbox = await createSandbox({ apis: [adapty] })
  const api = sandbox.apis.adapty
  if (api === undefined) throw new Error('the sandbox serves no adapty')
  served = api
})
afterAll(() => sandbox.close())

const run = (runId: string, codes: string | undefined): Promise<CollectionRunResult> =>
  runApiCollection({
    api: adapty,
    environmentValues: {
      ADAPTY_BASE_URL: served.url,
      ADAPTY_SECRET_API_KEY: served.apiKey,
      ...(codes === undefined ? {} : { ADAPTY_VC_CURRENCY_CODES: codes }),
    },
    runId,
    operationIds: VC_OPERATIONS,
    contract: loadContract(),
  })

async function balancesOf(customerUserId: string): Promise<Record<string, number>> {
  const res = await fetch(
    `${served.url}${indexOf(adapty.operations).get('adapty', 'listVirtualCurrencyBalances').path}`,
    {
      headers: {
        authorization: `${adapty.auth.scheme} ${served.apiKey}`,
        'adapty-customer-user-id': customerUserId,
      },
    },
  )
  expect(res.status).toBe(200)
  const { data } = (await res.json()) as { data: Array<{ code: string; balance: number }> }
  return Object.fromEntries(data.map((b) => [b.code, b.balance]))
}

describe('Virtual Currency folder through Newman, codes from the target', () => {
  it('credits the first code of ADAPTY_VC_CURRENCY_CODES (GEMS,COINS,SILVER: GEMS)', async () => {
    expect(served.values.ADAPTY_VC_CURRENCY_CODES?.split(',')).toEqual(
      expect.arrayContaining(['COINS', 'GEMS']),
    )
    const result = await run('vc-order', 'GEMS,COINS,SILVER')
    expect(result.records.length).toBeGreaterThan(0)
    expect(
      result.records.filter((r) => r.state === 'failed').map((r) => `${r.name}: ${r.detail}`),
    ).toEqual([])
    expect(result.runErrors).toEqual([])
    const sent = result.exchanges
      .filter((e) => e.operationId === 'createVirtualCurrencyTransaction')
      .flatMap((e) => {
        const body = e.request.body === undefined ? undefined : JSON.parse(e.request.body)
        return (body?.items ?? []).map((i: { currency_code: string }) => i.currency_code)
      })
    expect(sent.length).toBeGreaterThan(0)
    expect(new Set(sent)).toEqual(new Set(['GEMS']))
    // The run-scoped profile of the collection (no Profile folder ran, so it is still there).
    const balances = await balancesOf('subcontract-vc-order-pm')
    expect(balances.GEMS).toBe(101)
    expect(balances.COINS ?? 0).toBe(0)
  }, 60_000)

  it('fails the requests that need a code with a pm.test naming ADAPTY_VC_CURRENCY_CODES when it is empty', async () => {
    const result = await run('vc-none', undefined)
    const failed = result.records.filter((r) => r.state === 'failed')
    const names = failed.map((r) => r.name)
    expect(names).toContain('createVirtualCurrencyTransaction')
    expect(names).toContain('listVirtualCurrencyTransactions')
    for (const record of failed) expect(record.detail).toContain('ADAPTY_VC_CURRENCY_CODES')
    // Requests that carry no code are unaffected.
    expect(names).not.toContain('listVirtualCurrencyBalances')
    expect(names).not.toContain('createVirtualCurrencyTransaction: empty items')
  }, 60_000)
})
