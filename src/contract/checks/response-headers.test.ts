import { describe, expect, it } from 'vitest'
import { REVENUECAT_OPERATIONS } from '../../apis/revenuecat/operations.ts'
import type { Exchange } from '../../exchange.ts'
import { indexOf } from '../../registry/operations.ts'
import { loadContract } from '../load-schemas.ts'
import { responseHeaders } from './response-headers.ts'

const op = indexOf(REVENUECAT_OPERATIONS).get('revenuecat', 'list-projects')
const contract = loadContract()

function run(status: number, headers: Record<string, string>) {
  const exchange: Exchange = {
    api: 'revenuecat',
    operationId: op.operationId,
    request: { method: 'GET', url: 'http://sandbox/v2/projects', headers: {} },
    response: { status, headers, bodyText: '' },
    durationMs: 0,
    attempts: 1,
  }
  return responseHeaders.run({ op, exchange, contract })
}

const USAGE = 'revenuecat-rate-limit-current-usage'
const LIMIT = 'revenuecat-rate-limit-current-limit'

describe('the response-headers check', () => {
  it('passes a success with both rate-limit headers', () => {
    expect(run(200, { [USAGE]: '1', [LIMIT]: '60' })).toEqual([])
  })

  it('names a required header that is missing, with its pointer', () => {
    expect(run(200, { [USAGE]: '1' })).toEqual([
      expect.objectContaining({
        check: 'response-headers',
        pointer: `headers/${LIMIT}`,
        value: '(absent)',
        message: `required header ${LIMIT} is missing`,
      }),
    ])
  })

  it('fails an integer header that is not an integer, quoting the value', () => {
    expect(run(200, { [USAGE]: 'many', [LIMIT]: '60' })).toEqual([
      expect.objectContaining({
        pointer: `headers/${USAGE}`,
        value: 'many',
        expected: 'an integer',
      }),
    ])
  })

  it('wants Retry-After on a 429 only', () => {
    expect(run(429, { [USAGE]: '60', [LIMIT]: '60' }).map((f) => f.pointer)).toEqual([
      'headers/retry-after',
    ])
    expect(run(401, {})).toEqual([])
  })
})
