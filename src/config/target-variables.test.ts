import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { adapty } from '../apis/adapty/api.ts'
import { APIS } from '../apis/all.ts'
import { loadConfig } from './load-config.ts'
import {
  dataOf,
  dataVariables,
  RUN_VARIABLES,
  renderEnvExample,
  renderSandboxEnv,
  variableOf,
} from './target-variables.ts'

/** What a running sandbox's Adapty API holds, by variable name (sandbox.apis.adapty.values). */
const values: Readonly<Record<string, string>> = {
  ADAPTY_BASE_URL: 'http://127.0.0.1:4010',
  ADAPTY_SECRET_API_KEY: 'key-main',
  ADAPTY_PAYWALL_ID: 'pw',
  ADAPTY_STRIPE_TOKEN: 'sub_1',
  ADAPTY_STRIPE_ONE_TIME_TOKEN: 'pi_1',
  ADAPTY_PADDLE_TOKEN: 'txn_1',
  ADAPTY_CUSTOMER_USER_ID: 'seed-user',
  ADAPTY_VC_CURRENCY_CODES: 'COINS,GEMS',
  ADAPTY_VC_DISABLED_API_KEY: 'key-off',
  ADAPTY_VC_LIMITED_API_KEY: 'key-slow',
  ADAPTY_PADDLE_UNCONFIGURED_API_KEY: 'key-off',
}

describe('the declared target variables', () => {
  it('names each variable once and fills each data key from one variable', () => {
    const names = [...RUN_VARIABLES, ...APIS.flatMap((api) => api.target.variables)].map(
      (v) => v.name,
    )
    expect(new Set(names).size).toBe(names.length)
    for (const api of APIS) {
      const keys = api.target.variables.flatMap((v) => (v.dataKey === undefined ? [] : [v.dataKey]))
      expect(new Set(keys).size, api.name).toBe(keys.length)
      expect(Object.keys(dataVariables(api)).sort(), api.name).toEqual([...keys].sort())
      // Exactly one base URL and one key variable, and every data value has its data key.
      expect(
        api.target.variables.filter((v) => v.role === 'baseUrl'),
        api.name,
      ).toHaveLength(1)
      expect(
        api.target.variables.filter((v) => v.role === 'apiKey'),
        api.name,
      ).toHaveLength(1)
      for (const v of api.target.variables.filter((t) => t.role === 'data'))
        expect(v.dataKey, v.name).toBeDefined()
    }
    expect(variableOf(adapty, 'baseUrl').name).toBe('ADAPTY_BASE_URL')
    expect(variableOf(adapty, 'apiKey').name).toBe('ADAPTY_SECRET_API_KEY')
    expect(dataVariables(adapty).paywallId).toBe('ADAPTY_PAYWALL_ID')
  })

  it('shows no value for a secret in .env.example', () => {
    const example = renderEnvExample(APIS)
    for (const v of APIS.flatMap((api) => api.target.variables).filter((t) => t.secret === true))
      expect(example, v.name).toContain(`\n${v.name}=\n`)
  })

  it("heads each API's block of .env.example with the API's title", () => {
    const example = renderEnvExample(APIS)
    for (const api of APIS) {
      const first = api.target.variables[0]
      expect(first, api.name).toBeDefined()
      expect(example, api.name).toContain(
        `\n\n# ${api.title}\n# ${first?.description}\n${first?.name}=${first?.example}\n`,
      )
    }
  })

  it('writes every value the sandbox has, and nothing it lacks', () => {
    expect(
      renderSandboxEnv([{ spec: adapty, values: { ...values, ADAPTY_STRIPE_ONE_TIME_TOKEN: '' } }]),
    ).toBe(
      [
        '# Written by subcontract sandbox --write-env: points a remote run at the local sandbox.',
        'SUBCONTRACT_TARGET=remote',
        'SUBCONTRACT_RATE_LIMIT=200',
        'ADAPTY_BASE_URL=http://127.0.0.1:4010',
        'ADAPTY_SECRET_API_KEY=key-main',
        'ADAPTY_PAYWALL_ID=pw',
        'ADAPTY_STRIPE_TOKEN=sub_1',
        'ADAPTY_PADDLE_TOKEN=txn_1',
        'ADAPTY_CUSTOMER_USER_ID=seed-user',
        'ADAPTY_VC_CURRENCY_CODES=COINS,GEMS',
        'ADAPTY_VC_DISABLED_API_KEY=key-off',
        'ADAPTY_VC_LIMITED_API_KEY=key-slow',
        'ADAPTY_PADDLE_UNCONFIGURED_API_KEY=key-off',
        '',
      ].join('\n'),
    )
  })

  it('gives the embedded sandbox the same data a remote run reads from the written file', () => {
    const expected = {
      paywallId: 'pw',
      stripeToken: 'sub_1',
      stripeOneTimeToken: 'pi_1',
      paddleToken: 'txn_1',
      seededCustomerUserId: 'seed-user',
      vcCurrencyCodes: 'COINS,GEMS',
      vcDisabledApiKey: 'key-off',
      vcLimitedApiKey: 'key-slow',
      paddleUnconfiguredApiKey: 'key-off',
    }
    expect(dataOf(adapty, values)).toEqual(expected)
    const file = join(mkdtempSync(join(tmpdir(), 'subcontract-env-')), '.env')
    writeFileSync(file, renderSandboxEnv([{ spec: adapty, values }]))
    const config = loadConfig([adapty], { envFile: file }, {})
    expect(config.targets.adapty?.data).toEqual(expected)
    expect(config.targets.adapty?.values).toEqual(values)
  })
})
