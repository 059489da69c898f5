import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { isHarnessError } from '../errors.ts'
import { parseFaultFlag } from './faults.ts'

/** The message and Fix line a flag gets, or 'accepted'. */
function verdict(flag: string): string {
  try {
    parseFaultFlag(flag)
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
      'operation ids are in src/apis/adapty/operations.ts',
    )
  })
})

describe('subcontract sandbox --fault', () => {
  it('exits 2 before listening when a flag has a typo, with the "did you mean"', () => {
    const run = spawnSync(
      process.execPath,
      ['bin/subcontract.js', 'sandbox', '--port', '0', '--fault', 'getProfile:429:time=3'],
      { encoding: 'utf8', timeout: 30_000 },
    )
    expect(run.status).toBe(2)
    expect(run.stderr).toContain(
      'Failed to add a fault: unknown key "time".\nFix: did you mean "times"?',
    )
    expect(run.stdout).not.toContain('listening')
  })
})
