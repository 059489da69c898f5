import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  currentProcessOwner,
  forgetEntries,
  ownerAlive,
  pendingEntries,
  RUN_OWNER_VARIABLE,
  recordCreated,
  runOwner,
} from './run-ledger.ts'

const root = () => mkdtempSync(join(tmpdir(), 'subcontract-ledger-'))
const entry = (id: string, runId = 'r1', api = 'adapty') => ({
  runId,
  api,
  origin: 'http://127.0.0.1:1',
  id,
  createdAt: '2026-01-01T00:00:00.000Z',
})
/** The pid of a process that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid as number

describe('run ledger', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
  })

  it('records the owning process with every entry', () => {
    // Under `npm test` the contract project's global setup names the vitest process as the owner
    // of its run; inherited here, that would be a (legitimate) owner other than this process.
    vi.stubEnv(RUN_OWNER_VARIABLE, undefined)
    const dir = root()
    recordCreated(entry('a'), dir)
    expect(pendingEntries(dir)).toEqual([
      {
        ...entry('a'),
        owner: { pid: process.pid, hostname: hostname(), startedAt: expect.any(String) },
      },
    ])
  })

  it('takes the owner its starter named, but only its own parent or itself', () => {
    const parent = { pid: process.ppid, hostname: hostname(), startedAt: 'x' }
    expect(runOwner({ [RUN_OWNER_VARIABLE]: JSON.stringify(parent) })).toEqual(parent)
    const stranger = { pid: deadPid(), hostname: hostname(), startedAt: 'x' }
    expect(runOwner({ [RUN_OWNER_VARIABLE]: JSON.stringify(stranger) }).pid).toBe(process.pid)
    expect(runOwner({ [RUN_OWNER_VARIABLE]: '{not json' }).pid).toBe(process.pid)
  })

  it('tells a live owner from a dead one, and counts another host as live', () => {
    expect(ownerAlive(currentProcessOwner())).toBe(true)
    expect(ownerAlive({ ...currentProcessOwner(), pid: deadPid() })).toBe(false)
    expect(ownerAlive({ ...currentProcessOwner(), hostname: `not-${hostname()}` })).toBe(true)
    expect(ownerAlive(undefined)).toBe(false)
  })

  it('forgets removed entries and keeps the rest, leaving no lock or temp file', () => {
    const dir = root()
    for (const id of ['a', 'b', 'c']) recordCreated(entry(id), dir)
    forgetEntries([entry('a'), entry('c')], dir)
    expect(pendingEntries(dir).map((e) => e.id)).toEqual(['b'])
    const files = readdirSync(join(dir, '.subcontract', 'created'))
    expect(files.filter((f) => !f.endsWith('.jsonl'))).toEqual([])
    expect(readFileSync(join(dir, '.subcontract', 'created', files[0] ?? ''), 'utf8')).toContain(
      '"b"',
    )
  })

  it('reads a line written before entries named their API (customerUserId) as an Adapty entry', () => {
    const dir = root()
    const created = join(dir, '.subcontract', 'created')
    mkdirSync(created, { recursive: true })
    const owner = { pid: deadPid(), hostname: hostname(), startedAt: '2026-01-01T00:00:00.000Z' }
    const legacy = {
      runId: 'old',
      origin: 'http://127.0.0.1:1',
      customerUserId: 'subcontract-old-1',
      createdAt: '2026-01-01T00:00:00.000Z',
      owner,
    }
    writeFileSync(join(created, 'old-1.jsonl'), `${JSON.stringify(legacy)}\n`)
    const expected = {
      runId: 'old',
      api: 'adapty',
      origin: 'http://127.0.0.1:1',
      id: 'subcontract-old-1',
      createdAt: '2026-01-01T00:00:00.000Z',
      owner,
    }
    expect(pendingEntries(dir)).toEqual([expected])
    expect(pendingEntries(dir, { api: 'adapty' })).toEqual([expected])
    expect(pendingEntries(dir, { api: 'revenuecat' })).toEqual([])
    // Forgetting the entry it reads as removes the legacy line too.
    forgetEntries([expected], dir)
    expect(pendingEntries(dir)).toEqual([])
  })

  it('filters by run, API and origin, and keeps the same id of two APIs apart', () => {
    vi.stubEnv(RUN_OWNER_VARIABLE, undefined)
    const dir = root()
    recordCreated(entry('a', 'r1', 'adapty'), dir)
    recordCreated(entry('a', 'r1', 'revenuecat'), dir)
    recordCreated(entry('b', 'r2', 'adapty'), dir)
    recordCreated({ ...entry('c', 'r1', 'adapty'), origin: 'http://127.0.0.1:2' }, dir)
    const ids = (filter: Parameters<typeof pendingEntries>[1]) =>
      pendingEntries(dir, filter)
        .map((e) => `${e.api}:${e.id}`)
        .sort()
    expect(ids({})).toEqual(['adapty:a', 'adapty:b', 'adapty:c', 'revenuecat:a'])
    expect(ids({ api: 'revenuecat' })).toEqual(['revenuecat:a'])
    expect(ids({ api: 'adapty', runId: 'r1' })).toEqual(['adapty:a', 'adapty:c'])
    expect(ids({ api: 'adapty', origin: 'http://127.0.0.1:1' })).toEqual(['adapty:a', 'adapty:b'])
    forgetEntries([entry('a', 'r1', 'adapty')], dir)
    expect(ids({ runId: 'r1' })).toEqual(['adapty:c', 'revenuecat:a'])
  })
})
