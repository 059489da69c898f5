import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  createTestCustomer,
  customerPath,
  expectMissing,
  expectParameterError,
  itemsOf,
  missingId,
  SANDBOX_CUSTOMERS,
  SDK_CUSTOMER_IDS,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

const op = 'list-customer-aliases'
const api = useTarget('revenuecat')

interface Alias {
  object: string
  id: string
  created_at: number
}
interface Page {
  items: Alias[]
  next_page: string | null
  url: string
}

describe(op, () => {
  it('lists the customer’s own id first [list-customer-aliases]', async () => {
    const id = api.need('customerId')
    const res = await api.call(op, { path: customerPath(api, id) })
    expect(res).toMatchContract(200)
    const page = bodyOf<Page>(res)
    expect(page.items[0]).toMatchObject({ object: 'customer.alias', id })
    expect(page.url).toBe(
      `/v2/projects/${api.need('projectId')}/customers/${encodeURIComponent(id)}/aliases`,
    )
  })

  it('lists only its own id, since it was first seen, for a new customer', async () => {
    const id = await createTestCustomer(api)
    const customer = await api.call('get-customer', { path: customerPath(api, id) })
    const res = await api.call(op, { path: customerPath(api, id) })
    expect(res).toMatchContract(200)
    expect(bodyOf<Page>(res)).toMatchObject({ next_page: null })
    expect(itemsOf<Alias>(res)).toEqual([
      {
        object: 'customer.alias',
        id,
        created_at: bodyOf<{ first_seen_at: number }>(customer).first_seen_at,
      },
    ])
  })

  it('pages through 25 aliases: 20, then the other 5, nothing repeated', async () => {
    api.needSandbox()
    const path = customerPath(api, SANDBOX_CUSTOMERS.many)
    const first = await api.call(op, { path })
    expect(first).toMatchContract(200)
    const page = bodyOf<Page>(first)
    expect(page.items).toHaveLength(20)
    expect(page.items[0]?.id).toBe(SANDBOX_CUSTOMERS.many)
    expect(page.next_page).not.toBeNull()
    const last = page.items.at(-1)?.id ?? ''
    const second = await api.call(op, { path, query: { starting_after: last } })
    expect(second).toMatchContract(200)
    const rest = bodyOf<Page>(second)
    expect(rest.items).toHaveLength(5)
    expect(rest.next_page).toBeNull()
    const ids = [...page.items, ...rest.items].map((a) => a.id)
    expect(new Set(ids).size).toBe(25)
    expect(ids.slice(1).every((a) => a.startsWith('$RCAnonymousID:'))).toBe(true)
  })

  it('keeps the page size a limit asks for', async () => {
    api.needSandbox()
    const res = await api.call(op, {
      path: customerPath(api, SANDBOX_CUSTOMERS.many),
      query: { limit: 3 },
    })
    expect(res).toMatchContract(200)
    expect(itemsOf(res)).toHaveLength(3)
    expect(bodyOf<Page>(res).next_page).toContain('limit=3')
  })

  it.each(SDK_CUSTOMER_IDS)(
    'reaches the SDK-made customer %j through its encoded id',
    async (id) => {
      api.needSandbox()
      const res = await api.call(op, { path: customerPath(api, id) })
      expect(res).toMatchContract(200)
      const aliases = itemsOf<Alias>(res)
      expect(aliases[0]?.id).toBe(id)
      expect(aliases).toHaveLength(2)
    },
  )

  it('returns 400 parameter_error for a limit of 0 [list-customer-aliases: bad limit]', async () => {
    await expectParameterError(
      api,
      op,
      {
        path: customerPath(api, api.need('customerId')),
        query: { limit: 0 },
      },
      'limit',
    )
  })

  it('returns 400 parameter_error for a cursor that is not one of its aliases', async () => {
    await expectParameterError(
      api,
      op,
      {
        path: customerPath(api, api.need('customerId')),
        query: { starting_after: missingId(api, 'alias') },
      },
      'starting_after',
    )
  })

  it('returns 400 parameter_error for an id longer than 1500 characters', async () => {
    await expectParameterError(
      api,
      op,
      { path: customerPath(api, 'x'.repeat(1501)) },
      'customer_id',
    )
  })

  it('returns 404 resource_missing for an unknown customer [list-customer-aliases: unknown customer]', async () => {
    await expectMissing(api, op, { path: customerPath(api, missingId(api, 'customer')) })
  })
})
