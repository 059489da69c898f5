import { describe, expect, it } from 'vitest'
import type { TestDataClient } from '../../api/api-definition.ts'
import type { LedgerEntry } from '../../config/ledger-types.ts'
import type { Client } from '../../http/create-client.ts'
import { removeTestData } from '../../http/remove-test-data.ts'
import { revenuecat } from './api.ts'
import { createdBy, order, remove } from './test-data.ts'

const RUN = 'subcontract-r1-'
const input = (path: Record<string, string>, body: unknown) => ({ headers: {}, path, body })

describe('createdBy: the ledger reference of what a call creates', () => {
  it('names a customer by its id, a configuration object by its kind and run-scoped label', () => {
    const p = { project_id: 'proj1' }
    expect(createdBy('create-customer', input(p, { id: `${RUN}c` }))).toBe(`proj1/${RUN}c`)
    expect(createdBy('create-app', input(p, { name: `${RUN}a`, type: 'app_store' }))).toBe(
      `proj1/@app/${RUN}a`,
    )
    expect(createdBy('create-product', input(p, { store_identifier: `${RUN}p` }))).toBe(
      `proj1/@product/${RUN}p`,
    )
    expect(createdBy('create-entitlement', input(p, { lookup_key: `${RUN}e` }))).toBe(
      `proj1/@entitlement/${RUN}e`,
    )
    expect(createdBy('create-offering', input(p, { lookup_key: `${RUN}o` }))).toBe(
      `proj1/@offering/${RUN}o`,
    )
    expect(
      createdBy(
        'create-packages',
        input({ ...p, offering_id: 'ofrng1' }, { lookup_key: `${RUN}k` }),
      ),
    ).toBe(`proj1/@package/ofrng1/${RUN}k`)
    expect(createdBy('create-webhook-integration', input(p, { name: `${RUN}w` }))).toBe(
      `proj1/@webhook/${RUN}w`,
    )
    expect(createdBy('create-virtual-currency', input(p, { code: 'AB1', name: `${RUN}v` }))).toBe(
      `proj1/@currency/${RUN}v`,
    )
  })

  it('records nothing for reads, for a body without its label, or for a label with a slash', () => {
    const p = { project_id: 'proj1' }
    expect(createdBy('get-app', input(p, undefined))).toBeUndefined()
    expect(createdBy('create-entitlement', input(p, { display_name: 'x' }))).toBeUndefined()
    expect(createdBy('create-entitlement', input(p, { lookup_key: 'a/b' }))).toBeUndefined()
    expect(createdBy('create-project', input({}, { name: `${RUN}x` }))).toBeUndefined()
  })
})

describe('order: what refers goes before what it refers to', () => {
  it('ranks customers, then webhooks and packages, offerings, entitlements, products, apps', () => {
    const refs = [
      `p/@app/${RUN}a`,
      `p/@product/${RUN}p`,
      `p/@entitlement/${RUN}e`,
      `p/@offering/${RUN}o`,
      `p/@package/ofrng1/${RUN}k`,
      `p/${RUN}c`,
    ]
    const sorted = [...refs].sort((a, b) => order(a) - order(b))
    expect(sorted).toEqual([
      `p/${RUN}c`,
      `p/@package/ofrng1/${RUN}k`,
      `p/@offering/${RUN}o`,
      `p/@entitlement/${RUN}e`,
      `p/@product/${RUN}p`,
      `p/@app/${RUN}a`,
    ])
  })
})

/** A fake client over lists of items by list operation; records the calls it gets. */
function fakeClient(lists: Record<string, Array<Record<string, unknown>>>, pageSize = 2) {
  const calls: string[] = []
  const client: TestDataClient = {
    async call(operationId, { path = {}, query = {} }) {
      calls.push(`${operationId} ${JSON.stringify({ ...path, ...query })}`)
      const items = lists[operationId]
      if (items !== undefined) {
        const start =
          query.starting_after === undefined
            ? 0
            : items.findIndex((i) => (i.id ?? i.code) === query.starting_after) + 1
        const page = items.slice(start, start + pageSize)
        const more = start + pageSize < items.length
        return { response: { status: 200, json: { items: page, next_page: more ? 'next' : null } } }
      }
      return { response: { status: operationId.startsWith('delete-') ? 200 : 404 } }
    },
  }
  return { client, calls }
}

describe('remove: finds a configuration object by its label and deletes it', () => {
  it('reads page after page until it finds the label', async () => {
    const { client, calls } = fakeClient({
      'list-entitlements': [
        { id: 'e1', lookup_key: 'pro' },
        { id: 'e2', lookup_key: 'lifetime' },
        { id: 'e3', lookup_key: `${RUN}e` },
      ],
    })
    expect(await remove(client, `p/@entitlement/${RUN}e`)).toBe('removed')
    expect(calls.at(-1)).toBe('delete-entitlement {"project_id":"p","entitlement_id":"e3"}')
    expect(calls.filter((c) => c.startsWith('list-entitlements'))).toHaveLength(2)
  })

  it('is gone when no item carries the label', async () => {
    const { client, calls } = fakeClient({ 'list-apps': [{ id: 'a1', name: 'App' }] })
    expect(await remove(client, `p/@app/${RUN}a`)).toBe('gone')
    expect(calls.some((c) => c.startsWith('delete-'))).toBe(false)
  })

  it("deletes an offering's paywalls before the offering, and a currency by its code", async () => {
    const { client, calls } = fakeClient({
      'list-offerings': [{ id: 'o9', lookup_key: `${RUN}o` }],
      'list-paywalls': [
        { id: 'pw1', offering_id: 'o1' },
        { id: 'pw9', offering_id: 'o9' },
      ],
      'list-virtual-currencies': [{ code: 'AB1', name: `${RUN}v` }],
    })
    expect(await remove(client, `p/@offering/${RUN}o`)).toBe('removed')
    expect(calls.filter((c) => c.startsWith('delete-'))).toEqual([
      'delete-paywall {"project_id":"p","paywall_id":"pw9"}',
      'delete-offering {"project_id":"p","offering_id":"o9"}',
    ])
    expect(await remove(client, `p/@currency/${RUN}v`)).toBe('removed')
    expect(calls.at(-1)).toBe(
      'delete-virtual-currency {"project_id":"p","virtual_currency_code":"AB1"}',
    )
  })

  it("is gone when a package's offering is gone (its list answers 404)", async () => {
    const { client, calls } = fakeClient({})
    expect(await remove(client, `p/@package/ofrng1/${RUN}k`)).toBe('gone')
    expect(calls).toEqual(['list-packages {"project_id":"p","offering_id":"ofrng1","limit":"100"}'])
  })

  it('fails with the status when the list is refused', async () => {
    const { client } = fakeClient({})
    expect(await remove(client, `p/@product/${RUN}p`)).toEqual({
      failed: 'list-products answered 404',
    })
  })
})

describe('removeTestData orders removal by the API', () => {
  it('removes packages before their offering, products before their app', async () => {
    const { client, calls } = fakeClient({
      'list-apps': [{ id: 'a1', name: 'subcontract-r1-a' }],
      'list-products': [{ id: 'p1', store_identifier: 'subcontract-r1-p' }],
      'list-offerings': [{ id: 'o1', lookup_key: 'subcontract-r1-o' }],
      'list-packages': [{ id: 'k1', lookup_key: 'subcontract-r1-k' }],
      'list-paywalls': [],
    })
    const entry = (id: string): LedgerEntry => ({
      runId: 'r1',
      api: 'revenuecat',
      origin: 'http://x',
      id,
      createdAt: '2026-01-01T00:00:00.000Z',
    })
    const entries = [
      'p/@app/subcontract-r1-a',
      'p/@product/subcontract-r1-p',
      'p/@offering/subcontract-r1-o',
      'p/@package/o1/subcontract-r1-k',
    ].map(entry)
    const report = await removeTestData(revenuecat, client as unknown as Client, entries)
    expect(report.removed.map((e) => e.id)).toEqual([
      'p/@package/o1/subcontract-r1-k',
      'p/@offering/subcontract-r1-o',
      'p/@product/subcontract-r1-p',
      'p/@app/subcontract-r1-a',
    ])
    expect(calls.filter((c) => c.startsWith('delete-')).map((c) => c.split(' ')[0])).toEqual([
      'delete-package-from-offering',
      'delete-offering',
      'delete-product',
      'delete-app',
    ])
  })
})
