import { spawnSync } from 'node:child_process'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { OPERATIONS } from '../apis/all.ts'
import { isHarnessError } from '../errors.ts'
import { createFaultRoutes } from './fault-routes.ts'
import { createFaultInjector, parseFaultFlag, parseFaultRule } from './faults.ts'

/** Every operation id the sandbox serves (what createSandbox gives its injector). */
const OPERATION_IDS = OPERATIONS.all.map((op) => op.operationId)

/**
 * The message and Fix line a flag gets, or 'accepted': parsed as `subcontract sandbox --fault`
 * does, then added to an injector that knows every operation, as createSandbox does.
 */
function verdict(flag: string): string {
  try {
    createFaultInjector(1, OPERATION_IDS).add(parseFaultFlag(flag))
    return 'accepted'
  } catch (error) {
    if (!isHarnessError(error)) throw error
    expect(error.code).toBe('CLI_USAGE')
    return error.describe()
  }
}

describe('--fault flags', () => {
  it('parses a rule with parameters', () => {
    expect(parseFaultFlag('getProfile:429:times=3,retryAfterSeconds=0')).toEqual({
      operationId: 'getProfile',
      kind: '429',
      times: 3,
      retryAfterSeconds: 0,
    })
    expect(parseFaultFlag('*:latency:probability=0.1,delayMs=200')).toMatchObject({
      operationId: '*',
      probability: 0.1,
    })
  })

  it.each([
    ['getProfil:429', 'unknown operation "getProfil"', 'did you mean "getProfile"?'],
    ['getProfile:492', 'unknown kind "492"', 'did you mean "429"?'],
    ['getProfile:slowbody', 'unknown kind "slowbody"', 'did you mean "slow-body"?'],
    ['getProfile:429:time=3', 'unknown key "time"', 'did you mean "times"?'],
    ['getProfile:latency:delay=5', 'unknown key "delay"', 'did you mean "delayMs"?'],
  ])('rejects the typo in %s with a "did you mean"', (flag, what, near) => {
    const text = verdict(flag)
    expect(text).toMatch(
      new RegExp(
        `^Failed to add a fault: ${what.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.\\nFix: `,
      ),
    )
    expect(text).toContain(near)
  })

  it.each([
    ['getProfile:429:times=three', 'times must be a whole number, not "three"'],
    ['getProfile:429:times=', 'times must be a whole number, not ""'],
    ['getProfile:429:times', 'times must be a whole number, not ""'],
    ['getProfile:429:times=1.5', 'times must be a whole number, not 1.5'],
    ['getProfile:429:probability=2', 'probability must be a number from 0 to 1, not 2'],
    ['getProfile:429:times=1,probability=0.5', 'times and probability exclude each other'],
    ['getProfile:503:retryAfterSeconds=1', 'retryAfterSeconds means nothing for a 503 fault'],
    ['getProfile:429:delayMs=10', 'delayMs means nothing for a 429 fault'],
    ['getProfile', '"getProfile" is not a rule'],
    ['getProfile:429:times=1:x', '"getProfile:429:times=1:x" is not a rule'],
  ])('rejects the bad value in %s', (flag, what) => {
    expect(verdict(flag)).toContain(`Failed to add a fault: ${what}.`)
  })

  it('knows no suggestion for a name far from every operation, and lists where to look', () => {
    expect(verdict('zzzzzzzzzzzz:429')).toContain(
      'operation ids are listed by `npx subcontract list`',
    )
    expect(verdict('zzzzzzzzzzzz:429')).not.toContain('did you mean')
  })

  it('checks the operation against the ids it is given, * always being one', () => {
    expect(() =>
      parseFaultRule({ operationId: 'getProfile', kind: '429' }, ['getProfile']),
    ).not.toThrow()
    expect(() => parseFaultRule({ operationId: '*', kind: '429' }, [])).not.toThrow()
    expect(() =>
      parseFaultRule({ operationId: 'getProfile', kind: '429' }, ['listPaywalls']),
    ).toThrow('Failed to add a fault: unknown operation "getProfile".')
  })
})

describe('the fault injector', () => {
  it('refuses a rule for an operation it does not know, and keeps the rules it has', () => {
    const faults = createFaultInjector(1, ['getProfile'])
    faults.add({ operationId: 'getProfile', kind: '503', times: 1 })
    expect(() => faults.add({ operationId: 'listPaywalls', kind: '503' })).toThrow(
      /unknown operation "listPaywalls"/,
    )
    expect(faults.list()).toEqual([{ operationId: 'getProfile', kind: '503', times: 1 }])
    expect(faults.pick('getProfile')).toMatchObject({ kind: '503' })
    expect(faults.pick('getProfile')).toBeUndefined()
  })
})

describe('the fault control routes', () => {
  const post = (app: Hono, body: unknown) =>
    app.request('/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  const mounted = () => {
    const faults = createFaultInjector(1, OPERATION_IDS)
    const app = new Hono()
    app.route('/', createFaultRoutes(faults))
    return { app, faults }
  }

  it('refuses an unknown operation with 400 and a "did you mean"', async () => {
    const { app, faults } = mounted()
    const res = await post(app, { operationId: 'getProfil', kind: '429' })
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: string; hint: string }
    expect(body.error).toBe('Failed to add a fault: unknown operation "getProfil".')
    expect(body.hint).toContain('did you mean "getProfile"?')
    expect(faults.list()).toEqual([])
  })

  it('adds nothing of a list with one bad rule: the whole request is refused', async () => {
    const { app, faults } = mounted()
    const res = await post(app, {
      rules: [
        { operationId: 'getProfile', kind: '503', times: 1 },
        { operationId: 'getProfil', kind: '429' },
      ],
    })
    expect(res.status).toBe(400)
    expect(faults.list()).toEqual([])
  })
})

describe('subcontract sandbox --fault', () => {
  it.each([
    [
      'getProfile:429:time=3',
      'Failed to add a fault: unknown key "time".\nFix: did you mean "times"?',
    ],
    [
      'getProfil:429',
      'Failed to add a fault: unknown operation "getProfil".\nFix: did you mean "getProfile"?',
    ],
  ])(
    'exits 2 before listening when a flag has a typo (%s), with the "did you mean"',
    (flag, message) => {
      const run = spawnSync(
        process.execPath,
        ['bin/subcontract.js', 'sandbox', '--port', '0', '--fault', flag],
        { encoding: 'utf8', timeout: 30_000 },
      )
      expect(run.status).toBe(2)
      expect(run.stderr).toContain(message)
      expect(run.stdout).not.toContain('listening')
    },
    // A child that loads every API's contract before it refuses the operation.
    30_000,
  )
})
