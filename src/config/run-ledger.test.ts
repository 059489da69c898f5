import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
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
const entry = (customerUserId: string, runId = 'r1') => ({
  runId,
  origin: 'http://127.0.0.1:1',
  customerUserId,
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
    expect(pendingEntries(dir).map((e) => e.customerUserId)).toEqual(['b'])
    const files = readdirSync(join(dir, '.subcontract', 'created'))
    expect(files.filter((f) => !f.endsWith('.jsonl'))).toEqual([])
    expect(readFileSync(join(dir, '.subcontract', 'created', files[0] ?? ''), 'utf8')).toContain(
      '"b"',
    )
  })
})
