import { describe, expect, it } from 'vitest'
import { loadContract } from '../../contract/load-schemas.ts'
import type { Exchange } from '../../exchange.ts'
import { indexOf } from '../../registry/operations.ts'
import { errorStatusCode } from './checks.ts'
import { ADAPTY_OPERATIONS } from './operations.ts'

const contract = loadContract()
const op = indexOf(ADAPTY_OPERATIONS).get('adapty', 'getProfile')

function exchange(status: number, json: unknown): Exchange {
  return {
    api: 'adapty',
    operationId: op.operationId,
    request: { method: 'GET', url: 'http://api.test/api/v2/server-side-api/profile/', headers: {} },
    response: { status, headers: {}, bodyText: JSON.stringify(json), json },
    durationMs: 1,
    attempts: 1,
  }
}

const run = (e: Exchange) =>
  errorStatusCode.run({ op, exchange: e, contract }).map((f) => [f.pointer, f.expected, f.value])

const body = (status_code: unknown) => ({
  errors: [{ source: null, errors: ['Profile not found'] }],
  error_code: 'profile_does_not_exist',
  status_code,
})

describe('error-status-code', () => {
  it('passes an error whose status_code is the HTTP status', () => {
    expect(run(exchange(404, body(404)))).toEqual([])
  })

  it('fails one whose status_code is another status, naming both', () => {
    expect(run(exchange(404, body(400)))).toEqual([['/status_code', '404', '400']])
    expect(run(exchange(401, body('401')))).toEqual([['/status_code', '401', '"401"']])
  })

  it('leaves successes and bodies without a status_code alone', () => {
    expect(run(exchange(200, { data: { status_code: 7 } }))).toEqual([])
    expect(run(exchange(404, { errors: [] }))).toEqual([])
  })
})
