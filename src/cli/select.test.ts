import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REVENUECAT_OPERATIONS } from '../apis/revenuecat/operations.ts'
import { isOptIn, optedOut, selectByFlags, unfilteredSuites } from './select.ts'

const BETA = ['list-blocked-customers', 'block-customer', 'unblock-customer']
const ids = (ops: ReadonlyArray<{ operationId: string }>) => ops.map((op) => op.operationId)

describe('opt-in (beta) operations (decision 0023)', () => {
  it('are left out of a selection without --operation and --tag', () => {
    const all = selectByFlags({})
    for (const id of BETA) expect(ids(all)).not.toContain(id)
    const rc = selectByFlags({ api: ['revenuecat'] })
    expect(rc).toHaveLength(REVENUECAT_OPERATIONS.length - 3)
    expect(rc.some(isOptIn)).toBe(false)
  })

  it('are selected by --tag beta, or by an --operation that matches them', () => {
    expect(ids(selectByFlags({ tag: ['beta'] }))).toEqual(BETA)
    expect(ids(selectByFlags({ tag: ['Beta'], api: ['revenuecat'] }))).toEqual(BETA)
    expect(ids(selectByFlags({ operation: ['block-customer'] }))).toEqual(['block-customer'])
    expect(ids(selectByFlags({ operation: ['*block*'] }))).toEqual(BETA)
  })

  it('stay out of their vendor tag unless asked for', () => {
    const customer = ids(selectByFlags({ tag: ['Customer'] }))
    expect(customer).toContain('get-customer')
    for (const id of BETA) expect(customer).not.toContain(id)
    expect(ids(selectByFlags({ tag: ['Customer', 'beta'] }))).toEqual(
      expect.arrayContaining([...BETA, 'get-customer']),
    )
  })

  it('are all in list (withOptIn), with their label', () => {
    const listed = selectByFlags({ api: ['revenuecat'] }, { withOptIn: true })
    expect(listed).toHaveLength(REVENUECAT_OPERATIONS.length)
    expect(listed.filter(isOptIn).map((op) => [op.operationId, op.labels])).toEqual(
      BETA.map((id) => [id, ['beta']]),
    )
  })

  it('name what an unfiltered run leaves out, and nothing for a filtered one', () => {
    expect(ids(optedOut({}))).toEqual(BETA)
    expect(ids(optedOut({ api: ['adapty'] }))).toEqual([])
    expect(optedOut({ tag: ['Customer'] })).toEqual([])
    expect(optedOut({ operation: ['get-customer'] })).toEqual([])
  })

  it('keep their suite files out of an unfiltered run, and nothing else', () => {
    const root = mkdtempSync(join(tmpdir(), 'select-'))
    mkdirSync(join(root, 'tests/revenuecat/cross-cutting'), { recursive: true })
    for (const file of ['get-customer', 'block-customer', 'cross-cutting/auth'])
      writeFileSync(join(root, `tests/revenuecat/${file}.test.ts`), '')
    writeFileSync(join(root, 'tests/revenuecat/notes.md'), '')
    expect(unfilteredSuites('revenuecat', optedOut({}), root)).toEqual([
      'tests/revenuecat/cross-cutting/auth.test.ts',
      'tests/revenuecat/get-customer.test.ts',
    ])
    expect(unfilteredSuites('adapty', optedOut({}), root)).toEqual(['tests/adapty/'])
    expect(unfilteredSuites('revenuecat', [], root)).toEqual(['tests/revenuecat/'])
  })
})
