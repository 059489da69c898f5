import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { adapty } from '../apis/adapty/api.ts'
import { APIS } from '../apis/all.ts'
import { redactText } from '../redact/redact.ts'
import { apisWithKeys, loadConfig } from './load-config.ts'

const noFile = join(tmpdir(), 'subcontract-no-such-env')
const emptyFile = () => {
  const file = join(mkdtempSync(join(tmpdir(), 'subcontract-env-')), '.env')
  writeFileSync(file, '')
  return file
}

describe('loadConfig', () => {
  it('defaults to the local target with seed 1 and no remote values', () => {
    const config = loadConfig([adapty], {}, {})
    expect(config).toMatchObject({ target: 'local', seed: 1, strictExtraFields: false })
    expect(config.apis).toEqual(['adapty'])
    expect(config.targets.adapty).toBeUndefined()
  })

  it('rejects an unknown target with the two valid ones in the hint', () => {
    expect(() => loadConfig([adapty], { target: 'staging' }, {})).toThrow(
      /unknown target "staging"/,
    )
  })

  it('rejects a seed that is not a whole number', () => {
    expect(() => loadConfig([adapty], {}, { SUBCONTRACT_SEED: 'abc' })).toThrow(
      /seed "abc" is not a whole number/,
    )
  })

  it('names the missing key and where to put it for a remote target', () => {
    try {
      loadConfig([adapty], { target: 'remote' }, {})
      expect.unreachable()
    } catch (error) {
      expect((error as { code: string }).code).toBe('CONFIG_MISSING_VARIABLE')
      expect((error as Error).message).toContain('ADAPTY_SECRET_API_KEY is not set')
      expect((error as { hint: string }).hint).toContain('.env.example')
      expect((error as { hint: string }).hint).toContain('--api')
    }
  })

  it('rejects a malformed base URL', () => {
    const env = { ADAPTY_SECRET_API_KEY: 'secret-key-123', ADAPTY_BASE_URL: 'api.adapty.io' }
    expect(() => loadConfig([adapty], { target: 'remote' }, env)).toThrow(
      /ADAPTY_BASE_URL "api.adapty.io" is not an http\(s\) URL/,
    )
  })

  it('reads a remote target from an env file, process env winning, and registers the key as a secret', () => {
    const dir = mkdtempSync(join(tmpdir(), 'subcontract-env-'))
    const file = join(dir, '.env')
    writeFileSync(
      file,
      'ADAPTY_SECRET_API_KEY=key-from-file-123456\nADAPTY_PAYWALL_ID=pw-1\nADAPTY_BASE_URL=http://127.0.0.1:4010/\n',
    )
    const config = loadConfig(
      [adapty],
      { target: 'remote', envFile: file },
      { ADAPTY_PAYWALL_ID: 'pw-env' },
    )
    expect(config.targets.adapty).toMatchObject({
      baseUrl: 'http://127.0.0.1:4010',
      apiKey: 'key-from-file-123456',
      data: { paywallId: 'pw-env' },
    })
    expect(redactText('Api-Key key-from-file-123456')).toBe('Api-Key [redacted]')
  })

  it('reads every declared data variable, the skip-reason ones included, and redacts the keys', () => {
    const env = {
      ADAPTY_SECRET_API_KEY: 'main-key-1234567890',
      ADAPTY_VC_LIMITED_API_KEY: 'limited-key-1234567890',
      ADAPTY_PADDLE_UNCONFIGURED_API_KEY: 'unpaddled-key-1234567890',
      ADAPTY_VC_CURRENCY_CODES: ' COINS, GEMS ,SILVER ',
    }
    const config = loadConfig([adapty], { target: 'remote', envFile: emptyFile() }, env)
    expect(config.targets.adapty?.data).toEqual({
      vcLimitedApiKey: 'limited-key-1234567890',
      paddleUnconfiguredApiKey: 'unpaddled-key-1234567890',
      vcCurrencyCodes: 'COINS,GEMS,SILVER',
    })
    expect(redactText('limited-key-1234567890 unpaddled-key-1234567890')).toBe(
      '[redacted] [redacted]',
    )
  })

  it('gives the remote values back by variable name, for tools that take variables', () => {
    const env = {
      ADAPTY_SECRET_API_KEY: 'main-key-1234567890',
      ADAPTY_BASE_URL: 'http://127.0.0.1:4010',
      ADAPTY_VC_CURRENCY_CODES: 'COINS,GEMS',
    }
    const config = loadConfig([adapty], { target: 'remote', envFile: emptyFile() }, env)
    expect(config.targets.adapty?.values).toEqual({
      ADAPTY_BASE_URL: 'http://127.0.0.1:4010',
      ADAPTY_SECRET_API_KEY: 'main-key-1234567890',
      ADAPTY_VC_CURRENCY_CODES: 'COINS,GEMS',
    })
    expect(loadConfig([adapty], {}, {}).targets).toEqual({})
  })

  it('rejects a currency list with something that is not a code, naming the variable', () => {
    const env = {
      ADAPTY_SECRET_API_KEY: 'main-key-1234567890',
      ADAPTY_VC_CURRENCY_CODES: 'COINS;GEMS',
    }
    expect(() => loadConfig([adapty], { target: 'remote', envFile: emptyFile() }, env)).toThrow(
      /ADAPTY_VC_CURRENCY_CODES "COINS;GEMS" is not a comma-separated list of codes/,
    )
  })

  it('asks a remote run only for the keys of the APIs it is for', () => {
    const config = loadConfig([], { target: 'remote', envFile: emptyFile() }, {})
    expect(config).toMatchObject({ target: 'remote', apis: [] })
    expect(config.targets).toEqual({})
  })

  it('names the APIs whose key is set, in the env or the env file, for a remote run without --api', () => {
    const names = (overrides: Parameters<typeof apisWithKeys>[1], env: Record<string, string>) =>
      apisWithKeys(APIS, overrides, env).map((api) => api.name)
    expect(names({ envFile: emptyFile() }, {})).toEqual([])
    expect(names({ envFile: emptyFile() }, { ADAPTY_SECRET_API_KEY: 'key-1234567890' })).toEqual([
      'adapty',
    ])
    expect(names({ envFile: emptyFile() }, { ADAPTY_SECRET_API_KEY: '  ' })).toEqual([])
    const file = emptyFile()
    writeFileSync(file, 'REVENUECAT_API_KEY=sk_from_file\n')
    expect(names({ envFile: file }, { ADAPTY_SECRET_API_KEY: 'key-1234567890' })).toEqual([
      'adapty',
      'revenuecat',
    ])
  })

  it('fails clearly when an explicit env file does not exist', () => {
    expect(() => loadConfig([adapty], { envFile: noFile }, {})).toThrow(/does not exist/)
  })
})
