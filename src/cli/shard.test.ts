import { describe, expect, it } from 'vitest'
import { type NewmanUnit, parseShard, unitsOfShard } from './shard.ts'

describe('parseShard', () => {
  it('reads i/n', () => {
    expect(parseShard('1/3')).toEqual({ index: 1, count: 3 })
    expect(parseShard(' 3 / 3 ')).toEqual({ index: 3, count: 3 })
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 })
  })

  it.each([
    ['x', 'is not of the form <i>/<n>'],
    ['1-3', 'is not of the form <i>/<n>'],
    ['1/', 'is not of the form <i>/<n>'],
    ['-1/3', 'is not of the form <i>/<n>'],
    ['0/2', 'i must be 1 to 2'],
    ['3/2', 'i must be 1 to 2'],
    ['1/0', 'n must be 1 to 64'],
    ['1/65', 'n must be 1 to 64'],
  ])('refuses %s, saying why and the form it takes', (value, why) => {
    expect(() => parseShard(value)).toThrow(why)
    try {
      parseShard(value)
    } catch (error) {
      expect((error as { code: string }).code).toBe('CLI_USAGE')
      expect((error as { hint: string }).hint).toContain('--shard 1/3')
    }
  })
})

const UNITS: NewmanUnit[] = [
  { api: 'adapty', name: 'Profile', requests: 13 },
  { api: 'adapty', name: 'Purchase', requests: 11 },
  { api: 'adapty', name: 'Virtual Currency', requests: 9 },
  { api: 'adapty', name: 'Paywalls', requests: 8 },
  { api: 'revenuecat', name: 'Customer', requests: 17 },
  { api: 'revenuecat', name: 'Project', requests: 2 },
  { api: 'revenuecat', name: 'Audit Log', requests: 1 },
]

function split(count: number) {
  return Array.from({ length: count }, (_, i) => unitsOfShard(UNITS, { index: i + 1, count }))
}

describe('unitsOfShard', () => {
  it('gives every unit to exactly one part, for any n', () => {
    for (const count of [1, 2, 3, 5, 7, 10]) {
      const all = split(count).flatMap((part) =>
        [...part].flatMap(([api, names]) => [...names].map((name) => `${api}/${name}`)),
      )
      expect(all.sort()).toEqual(UNITS.map((u) => `${u.api}/${u.name}`).sort())
    }
  })

  it('splits the same way every time (no clock, no randomness)', () => {
    expect(split(3)).toEqual(split(3))
  })

  it('balances by requests: largest first onto the lightest part', () => {
    const loads = split(3).map((part) =>
      [...part].reduce(
        (sum, [api, names]) =>
          sum +
          [...names].reduce(
            (n, name) => n + (UNITS.find((u) => u.api === api && u.name === name)?.requests ?? 0),
            0,
          ),
        0,
      ),
    )
    // 61 requests over 3 parts: 20, 20 and 21 in some order (17+2+1, 13+8, 11+9 by greedy).
    expect(loads.reduce((a, b) => a + b, 0)).toBe(61)
    expect([...loads].sort()).toEqual([20, 20, 21])
  })

  it('keeps a folder whole (a chain inside it stays together)', () => {
    const owners = split(2).filter((part) => part.get('revenuecat')?.has('Customer') === true)
    expect(owners).toHaveLength(1)
  })

  it('leaves parts empty when there are more parts than units', () => {
    const parts = split(10)
    expect(parts.filter((part) => part.size === 0)).toHaveLength(3)
  })
})
