import { describe, expect, it } from 'vitest'
import { BEARER_API } from '../collection/fixtures/bearer-api.ts'
import {
  buildEnvironment,
  environmentFile,
  environmentPath,
  RUN_ID_VARIABLE,
  secretVariables,
} from './environment.ts'

describe("an API's Postman environment", () => {
  it('carries the variables that feed Postman, then the runtime ones, the run id set', () => {
    const env = buildEnvironment(
      BEARER_API,
      { BEARER_BASE_URL: 'http://127.0.0.1:1/v2', BEARER_SECRET_API_KEY: 'sk', BEARER_UNUSED: 'x' },
      'run-1',
    )
    expect(env.values).toEqual([
      { key: 'base_url', value: 'http://127.0.0.1:1/v2', type: 'default', enabled: true },
      { key: 'secret_api_key', value: 'sk', type: 'secret', enabled: true },
      { key: 'project_id', value: '', type: 'default', enabled: true },
      { key: RUN_ID_VARIABLE, value: 'run-1', type: 'default', enabled: true },
      { key: 'last_customer', value: '', type: 'default', enabled: true },
    ])
    expect(secretVariables(BEARER_API)).toEqual(['secret_api_key'])
  })

  it('writes a local file with the sandbox values and a remote template with the default URL', () => {
    const local = environmentFile(BEARER_API, 'local', { BEARER_SECRET_API_KEY: 'fake' })
    const remote = environmentFile(BEARER_API, 'remote', { BEARER_SECRET_API_KEY: 'fake' })
    expect(local.name).toBe('subcontract revenuecat local sandbox')
    expect(local.values.find((v) => v.key === 'secret_api_key')?.value).toBe('fake')
    expect(remote.values.find((v) => v.key === 'base_url')?.value).toBe(
      'https://api.example.com/v2',
    )
    expect(remote.values.filter((v) => v.type === 'secret' && v.value !== '')).toEqual([])
    expect(local.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(local.id).not.toBe(remote.id)
    expect(environmentFile(BEARER_API, 'local', {}).id).toBe(local.id)
    expect(environmentPath(BEARER_API, 'remote')).toBe(
      'environments/revenuecat.remote.postman_environment.json',
    )
  })
})
