import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { suggest } from './args.ts'
import { selectOperations } from './select.ts'

function run(args: string[]) {
  const result = spawnSync(process.execPath, ['--', 'bin/subcontract.js', 'run', ...args], {
    encoding: 'utf8',
  })
  return { code: result.status, out: result.stdout, err: result.stderr }
}

describe('regression command line', () => {
  it('selects operations by id and by glob', () => {
    expect(selectOperations([], ['getProfile']).map((op) => op.operationId)).toEqual(['getProfile'])
    expect(selectOperations(['adapty'], ['list*']).map((op) => op.operationId)).toEqual([
      'listPaywalls',
      'listVirtualCurrencyTransactions',
      'listVirtualCurrencyBalances',
    ])
  })

  it('rejects an unknown operation with a suggestion', () => {
    expect(() => selectOperations([], ['getProfil'])).toThrow(/no operation matches "getProfil"/)
    try {
      selectOperations([], ['getProfil'])
    } catch (error) {
      expect((error as { hint: string }).hint).toContain('did you mean "getProfile"?')
    }
  })

  it('rejects an unknown API with the known ones', () => {
    expect(() => selectOperations(['adapti'], [])).toThrow(/unknown API "adapti"/)
  })

  it('suggests the nearest flag for a typo and nothing for gibberish', () => {
    expect(suggest('operaton', ['operation', 'api', 'target'])).toBe('operation')
    expect(suggest('zzzzzzzz', ['operation', 'api'])).toBeUndefined()
  })

  it('exits 2 with a did-you-mean for an unknown flag', () => {
    const { code, err } = run(['--operaton', 'getProfile'])
    expect(code).toBe(2)
    expect(err).toContain('unknown flag "--operaton"')
    expect(err).toContain('did you mean --operation?')
  })

  it('exits 2 for an unknown operation, before running anything', () => {
    const { code, err, out } = run(['--operation', 'nope'])
    expect(code).toBe(2)
    expect(err).toContain('no operation matches "nope"')
    expect(out).not.toContain('subcontract run:')
  })

  it('exits 2 for a remote target without a key, naming the variable', () => {
    const { code, err } = run(['--target', 'remote', '--env-file', '/dev/null'])
    expect(code).toBe(2)
    expect(err).toContain('ADAPTY_SECRET_API_KEY is not set')
  })

  it('prints usage with examples for --help and exits 0', () => {
    const { code, out } = run(['--help'])
    expect(code).toBe(0)
    expect(out).toContain('Examples:')
  })
})
