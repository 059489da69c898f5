import { describe, expect, it } from 'vitest'
import {
  DATA_VARIABLES,
  renderEnvExample,
  renderSandboxEnv,
  type SandboxTargetInfo,
  sandboxData,
  TARGET_VARIABLES,
} from './target-variables.ts'

const sandbox: SandboxTargetInfo = {
  url: 'http://127.0.0.1:4010',
  apiKey: 'key-main',
  keys: { main: 'key-main', 'vc-disabled': 'key-off', 'vc-limited': 'key-slow' },
  paywallId: 'pw',
  stripeToken: 'sub_1',
  stripeOneTimeToken: 'pi_1',
  paddleToken: 'txn_1',
  seededCustomerUserId: 'seed-user',
  currencyCodes: ['COINS', 'GEMS'],
}

describe('the declared target variables', () => {
  it('names each variable once and fills each data key from one variable', () => {
    const names = TARGET_VARIABLES.map((v) => v.name)
    expect(new Set(names).size).toBe(names.length)
    const keys = TARGET_VARIABLES.flatMap((v) => (v.dataKey === undefined ? [] : [v.dataKey]))
    expect(new Set(keys).size).toBe(keys.length)
    expect(Object.keys(DATA_VARIABLES).sort()).toEqual([...keys].sort())
  })

  it('shows no value for a secret in .env.example', () => {
    const example = renderEnvExample()
    for (const v of TARGET_VARIABLES.filter((t) => t.secret === true))
      expect(example, v.name).toContain(`\n${v.name}=\n`)
  })

  it('writes every value the sandbox has, and nothing it lacks', () => {
    expect(renderSandboxEnv({ ...sandbox, stripeOneTimeToken: '' })).toBe(
      [
        '# Written by subcontract sandbox --write-env: points a remote run at the local sandbox.',
        'SUBCONTRACT_TARGET=remote',
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
    expect(sandboxData(sandbox)).toEqual({
      paywallId: 'pw',
      stripeToken: 'sub_1',
      stripeOneTimeToken: 'pi_1',
      paddleToken: 'txn_1',
      seededCustomerUserId: 'seed-user',
      vcCurrencyCodes: 'COINS,GEMS',
      vcDisabledApiKey: 'key-off',
      vcLimitedApiKey: 'key-slow',
      paddleUnconfiguredApiKey: 'key-off',
    })
  })
})
