import { describe, expect, it } from 'vitest'
import { loadContract } from '../../contract/load-schemas.ts'
import type { Exchange } from '../../exchange.ts'
import { indexOf } from '../../registry/operations.ts'
import { listLinks, retryableBackoff } from './checks.ts'
import { REVENUECAT_OPERATIONS } from './operations.ts'

const contract = loadContract()
const op = indexOf(REVENUECAT_OPERATIONS).get('revenuecat', 'list-customers')

function exchange(status: number, json: unknown, headers: Record<string, string> = {}): Exchange {
  return {
    api: 'revenuecat',
    operationId: op.operationId,
    request: {
      method: 'GET',
      url: 'http://api.test/v2/projects/p1/customers?limit=2',
      headers: {},
    },
    response: { status, headers, bodyText: JSON.stringify(json), json },
    durationMs: 1,
    attempts: 1,
  }
}

const run = (check: typeof listLinks, e: Exchange) =>
  check.run({ op, exchange: e, contract }).map((f) => [f.pointer, f.expected, f.value])

const error = (fields: Record<string, unknown>) => ({
  object: 'error',
  type: 'rate_limit_error',
  message: 'slow down',
  ...fields,
})

describe('retryable-backoff', () => {
  it('passes a retryable error with a backoff, and a non-retryable one without', () => {
    expect(
      run(
        retryableBackoff,
        exchange(429, error({ retryable: true, backoff_ms: 2000 }), { 'retry-after': '2' }),
      ),
    ).toEqual([])
    expect(
      run(retryableBackoff, exchange(404, error({ retryable: false, backoff_ms: null }))),
    ).toEqual([])
    expect(run(retryableBackoff, exchange(404, error({ retryable: false })))).toEqual([])
  })

  it('fails a non-retryable error that gives a backoff', () => {
    expect(
      run(retryableBackoff, exchange(404, error({ retryable: false, backoff_ms: 500 }))),
    ).toEqual([['/backoff_ms', 'absent or null (retryable is false)', '500']])
  })

  it('fails a retryable error without a whole backoff', () => {
    expect(run(retryableBackoff, exchange(503, error({ retryable: true })))).toEqual([
      ['/backoff_ms', 'a whole number of ms (retryable is true)', '(absent)'],
    ])
    expect(
      run(retryableBackoff, exchange(503, error({ retryable: true, backoff_ms: 1.5 }))),
    ).toEqual([['/backoff_ms', 'a whole number of ms (retryable is true)', '1.5']])
  })

  it('fails a 429 whose backoff is not its Retry-After in milliseconds', () => {
    expect(
      run(
        retryableBackoff,
        exchange(429, error({ retryable: true, backoff_ms: 1000 }), { 'retry-after': '3' }),
      ),
    ).toEqual([['/backoff_ms', '3000', '1000']])
  })

  it('leaves bodies that are not errors alone', () => {
    expect(
      run(
        retryableBackoff,
        exchange(200, { object: 'list', items: [], next_page: null, url: '/v2/x' }),
      ),
    ).toEqual([])
  })
})

describe('list-links', () => {
  const list = (fields: Record<string, unknown>) => ({ object: 'list', items: [], ...fields })

  it('passes a list whose url is its path and whose next page reads on from a cursor', () => {
    expect(
      run(
        listLinks,
        exchange(
          200,
          list({
            url: '/v2/projects/p1/customers',
            next_page: '/v2/projects/p1/customers?starting_after=c2&limit=2',
          }),
        ),
      ),
    ).toEqual([])
    expect(
      run(listLinks, exchange(200, list({ url: '/v2/projects/p1/customers', next_page: null }))),
    ).toEqual([])
  })

  it('fails a url of another path', () => {
    expect(
      run(listLinks, exchange(200, list({ url: '/v2/projects/p2/customers', next_page: null }))),
    ).toEqual([['/url', '/v2/projects/p1/customers', '"/v2/projects/p2/customers"']])
  })

  it('fails a next_page of another path, or without a cursor', () => {
    expect(
      run(
        listLinks,
        exchange(
          200,
          list({
            url: '/v2/projects/p1/customers',
            next_page: '/v2/projects/p1/apps?starting_after=a1',
          }),
        ),
      ),
    ).toEqual([
      [
        '/next_page',
        '/v2/projects/p1/customers?starting_after=<id>',
        '"/v2/projects/p1/apps?starting_after=a1"',
      ],
    ])
    expect(
      run(
        listLinks,
        exchange(
          200,
          list({
            url: '/v2/projects/p1/customers',
            next_page: '/v2/projects/p1/customers?limit=2',
          }),
        ),
      ),
    ).toEqual([
      [
        '/next_page',
        '/v2/projects/p1/customers?starting_after=<id>',
        '"/v2/projects/p1/customers?limit=2"',
      ],
    ])
  })
})
