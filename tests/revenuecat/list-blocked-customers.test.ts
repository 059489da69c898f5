import { describe, expect, it } from 'vitest'
import {
  bodyOf,
  createTestCustomer,
  customerPath,
  errorTypeOf,
  UNKNOWN_PROJECT,
} from '../support/revenuecat-data.ts'
import { useTarget } from '../support/target.ts'

// A beta operation (label beta): only runs selected with --tag beta or --operation select it.
const op = 'list-blocked-customers'
const api = useTarget('revenuecat')

const list = async () => {
  const res = await api.call(op, { path: { project_id: api.need('projectId') } })
  expect(res).toMatchContract(200)
  return bodyOf<Record<string, unknown>>(res)
}
const block = (id: string) => api.call('block-customer', { path: customerPath(api, id) })
const unblock = (id: string) => api.call('unblock-customer', { path: customerPath(api, id) })

describe(op, () => {
  it('lists each blocked customer by id with when it was blocked, oldest first [list-blocked-customers]', async () => {
    const first = await createTestCustomer(api)
    const second = await createTestCustomer(api)
    expect(await block(first)).toMatchContract(200)
    expect(await block(second)).toMatchContract(200)
    const body = await list()
    expect(body.object).toBe('blocked_customer')
    const times = [first, second].map((id) => (body[id] as { updated_at_ms: number }).updated_at_ms)
    for (const t of times) expect(Number.isInteger(t)).toBe(true)
    expect(times[0]).toBeLessThanOrEqual(times[1] as number)
    const ids = Object.keys(body).filter((key) => key !== 'object')
    // In the order they were blocked: the sandbox's (S-52); the spec names no order.
    if (api.isLocal) expect(ids.indexOf(first)).toBeLessThan(ids.indexOf(second))
    expect(await unblock(first)).toMatchContract(204)
    expect(await unblock(second)).toMatchContract(204)
    const after = await list()
    expect(after).not.toHaveProperty([first])
    expect(after).not.toHaveProperty([second])
  })

  it('leaves out a blocked customer once it is deleted (sandbox, S-52)', async () => {
    api.needSandbox()
    const id = await createTestCustomer(api)
    expect(await block(id)).toMatchContract(200)
    expect(await list()).toHaveProperty([id])
    const deleted = await api.call('delete-customer', { path: customerPath(api, id) })
    expect(deleted).toMatchContract(200)
    expect(await list()).not.toHaveProperty([id])
  })

  it('answers 404 for a project the key does not open', async () => {
    const res = await api.call(op, { path: { project_id: UNKNOWN_PROJECT } })
    expect(res).toMatchContract(404)
    expect(errorTypeOf(res)).toBe('resource_missing')
  })
})
