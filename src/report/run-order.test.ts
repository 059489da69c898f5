import { describe, expect, it } from 'vitest'
import { orderTests } from './run-order.ts'
import type { TestRecord } from './run-result.ts'

function record(
  runner: TestRecord['runner'],
  api: TestRecord['api'],
  file: string,
  name: string,
  order?: number,
): TestRecord {
  return {
    runner,
    api,
    operationId: undefined,
    file,
    name,
    fullName: name,
    state: 'passed',
    durationMs: 0,
    exchanges: [],
    ...(order === undefined ? {} : { order }),
  }
}

const APIS = [{ name: 'adapty' }, { name: 'revenuecat' }]
const names = (tests: TestRecord[]) => tests.map((t) => `${t.api}/${t.runner}/${t.name}`)

describe('orderTests', () => {
  it('orders by API, then vitest before Newman, then file, keeping a file’s own order', () => {
    const tests = [
      record('newman', 'adapty', 'collections/adapty.json', 'n2', 2),
      record('vitest', 'revenuecat', 'tests/revenuecat/a.test.ts', 'r1'),
      record('vitest', 'adapty', 'tests/adapty/b.test.ts', 'b-first'),
      record('vitest', 'adapty', 'tests/adapty/a.test.ts', 'a-first'),
      record('newman', 'adapty', 'collections/adapty.json', 'n0', 0),
      record('vitest', 'adapty', 'tests/adapty/b.test.ts', 'b-second'),
      record('vitest', 'adapty', 'tests/adapty/a.test.ts', 'a-second'),
    ]
    expect(names(orderTests(tests, APIS))).toEqual([
      'adapty/vitest/a-first',
      'adapty/vitest/a-second',
      'adapty/vitest/b-first',
      'adapty/vitest/b-second',
      'adapty/newman/n0',
      'adapty/newman/n2',
      'revenuecat/vitest/r1',
    ])
  })

  it('gives the same order to a whole run and to its shards put together', () => {
    const whole = [
      record('vitest', 'adapty', 'tests/adapty/a.test.ts', 'a1'),
      record('vitest', 'adapty', 'tests/adapty/b.test.ts', 'b1'),
      record('vitest', 'adapty', 'tests/adapty/a.test.ts', 'a2'),
      record('newman', 'adapty', 'c', 'n0', 0),
      record('newman', 'adapty', 'c', 'n1', 1),
      record('newman', 'adapty', 'c', 'n2', 2),
    ]
    const shard1 = [whole[1], whole[4]] as TestRecord[]
    const shard2 = [whole[5], whole[0], whole[3], whole[2]] as TestRecord[]
    expect(names(orderTests([...shard2, ...shard1], APIS))).toEqual(names(orderTests(whole, APIS)))
  })

  it('does not change the array it is given', () => {
    const tests = [
      record('newman', 'adapty', 'c', 'n1', 1),
      record('newman', 'adapty', 'c', 'n0', 0),
    ]
    orderTests(tests, APIS)
    expect(names(tests)).toEqual(['adapty/newman/n1', 'adapty/newman/n0'])
  })
})
