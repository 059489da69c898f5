import { describe, expect, it } from 'vitest'
import { createFixedClock } from '../../../../sandbox/clock.ts'
import { createIds } from '../../../../sandbox/ids.ts'
import { newProfile } from './profiles.ts'
import { type AdaptyFailure, createStore, createVcHold, type Result } from './store.ts'
import {
  admitTransaction,
  balancesOf,
  beginTransaction,
  checkFeature,
  completeTransaction,
  type IdempotencyDecision,
  listTransactions,
  VC_LIMITS,
  type VcTransactionResult,
} from './virtual-currency.ts'

const KEY = '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'
const HOUR = 60 * 60 * 1000

function setup(settings: { vcEnabled?: boolean; vcRateLimitPerMinute?: number } = {}) {
  const clock = createFixedClock('2026-01-15T12:00:00.000Z')
  const store = createStore(clock, createIds(3), 'app-1', {
    vcEnabled: settings.vcEnabled ?? true,
    vcRateLimitPerMinute: settings.vcRateLimitPerMinute ?? 600,
    paddleConfigured: false,
  })
  store.currencies.set('COINS', 'Gold Coins')
  store.currencies.set('GEMS', 'Gems')
  const profile = newProfile('6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b', 'cus-1')
  store.profiles.set(profile.profileId, profile)
  return { store, clock, profile }
}

type Setup = ReturnType<typeof setup>

function failed<T>(result: Result<T>): AdaptyFailure {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`)
  return result.error
}

function succeeded<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected a value, got ${JSON.stringify(result.error)}`)
  return result.value
}

/** One transaction through both phases, as the route runs it. */
async function transact(
  { store, profile }: Setup,
  body: unknown,
  key?: string,
  schemaProblem?: AdaptyFailure,
): Promise<Result<VcTransactionResult>> {
  const started = await beginTransaction(store, profile, key)
  if (!started.ok) return started
  if (started.value.kind === 'replay') return { ok: true, value: started.value.result }
  return completeTransaction(store, profile, started.value, body, schemaProblem)
}

const items = (...pairs: Array<[string, number]>) => ({
  items: pairs.map(([currency_code, amount]) => ({ currency_code, amount })),
})

describe('virtual currency state', () => {
  it('refuses every operation of an app without the feature', () => {
    const { store } = setup({ vcEnabled: false })
    expect(failed(checkFeature(store))).toMatchObject({
      status: 403,
      errorCode: 'feature_not_enabled',
    })
    expect(failed(admitTransaction(store)).errorCode).toBe('feature_not_enabled')
    expect(store.vcRequestTimes).toEqual([])
  })

  it('rate limits per minute with a sliding window and a Retry-After from the oldest request', () => {
    const { store, clock } = setup({ vcRateLimitPerMinute: 2 })
    expect(admitTransaction(store).ok).toBe(true)
    clock.advance(30_000)
    expect(admitTransaction(store).ok).toBe(true)
    clock.advance(1_000)
    expect(failed(admitTransaction(store))).toMatchObject({
      status: 429,
      errorCode: 'rate_limited',
      retryAfterSeconds: 29,
    })
    clock.advance(29_001)
    expect(admitTransaction(store).ok).toBe(true)
  })

  it('credits and debits, recording the balance after each item', async () => {
    const s = setup()
    succeeded(await transact(s, items(['COINS', 500], ['GEMS', 3])))
    const debit = succeeded(await transact(s, items(['COINS', -120])))
    expect(debit.balances).toEqual([
      { code: 'COINS', name: 'Gold Coins', balance: 380, held: 0, available: 380 },
    ])
    expect(s.profile.vcTransactions.map((t) => t.items[0]?.balanceAfter)).toEqual([500, 380])
  })

  it('applies nothing when any item breaks a rule', async () => {
    const s = setup()
    succeeded(await transact(s, items(['COINS', 100])))
    const failure = failed(await transact(s, items(['COINS', -50], ['GEMS', -1])))
    expect(failure).toMatchObject({ status: 400, errorCode: 'insufficient_balance' })
    expect(s.profile.vcBalances.get('COINS')).toBe(100)
    expect(s.profile.vcTransactions).toHaveLength(1)
  })

  it.each([
    ['empty_items', 'items', { items: [] }],
    ['amount_zero', 'amount', items(['COINS', 0])],
    ['unknown_currency', 'currency_code', items(['DOUBLOONS', 1])],
    ['duplicate_currency', 'currency_code', items(['COINS', 1], ['COINS', 2])],
    ['insufficient_balance', 'currency_code', items(['GEMS', -1])],
    ['balance_overflow', 'currency_code', items(['COINS', VC_LIMITS.maxBalance], ['GEMS', 1])],
  ])('answers 400 %s (source %s)', async (code, source, body) => {
    const s = setup()
    s.profile.vcBalances.set('COINS', 1)
    const failure = failed(await transact(s, body))
    expect(failure).toMatchObject({ status: 400, errorCode: code })
    expect(failure.errors[0]?.source).toBe(source)
  })

  it('answers empty_items before a schema problem, and the schema problem before the rules', async () => {
    const s = setup()
    const problem: AdaptyFailure = {
      status: 422,
      errorCode: 'validation_error',
      errors: [{ source: 'items', messages: ['Too many.'] }],
    }
    expect(failed(await transact(s, { items: [] }, undefined, problem)).errorCode).toBe(
      'empty_items',
    )
    expect(failed(await transact(s, items(['DOUBLOONS', 0]), undefined, problem))).toBe(problem)
  })

  it.each([
    ['more than five keys', { a: '1', b: '2', c: '3', d: '4', e: '5', f: '6' }, 'metadata'],
    ['a key outside [a-z0-9_]', { Reason: 'x' }, 'metadata.Reason'],
    ['a value over 200 characters', { reason: 'x'.repeat(201) }, 'metadata.reason'],
  ])('answers 422 for metadata with %s', async (_, metadata, source) => {
    const s = setup()
    const failure = failed(await transact(s, { ...items(['COINS', 1]), metadata }))
    expect(failure).toMatchObject({ status: 422, errorCode: 'validation_error' })
    expect(failure.errors[0]?.source).toBe(source)
  })

  it('answers 409 duplicate_source_transaction for a source transaction applied before', async () => {
    const s = setup()
    const body = { ...items(['COINS', 5]), metadata: { source_transaction_id: 'gp-1' } }
    succeeded(await transact(s, body))
    expect(failed(await transact(s, body))).toMatchObject({
      status: 409,
      errorCode: 'duplicate_source_transaction',
    })
    expect(s.profile.vcBalances.get('COINS')).toBe(5)
  })

  it('rejects an Idempotency-Key that is not a UUID v4', async () => {
    const { store, profile } = setup()
    const failure = failed(await beginTransaction(store, profile, 'retry-1'))
    expect(failure).toMatchObject({ status: 400, errorCode: 'idempotency_key_invalid' })
    expect(failure.errors[0]?.source).toBe('Idempotency-Key')
  })

  it('replays a finished key without applying it again, for one hour', async () => {
    const s = setup()
    const first = succeeded(await transact(s, items(['COINS', 250]), KEY))
    s.clock.advance(HOUR - 1)
    expect(succeeded(await transact(s, items(['COINS', 250]), KEY))).toEqual(first)
    expect(s.profile.vcBalances.get('COINS')).toBe(250)
    s.clock.advance(HOUR)
    const later = succeeded(await transact(s, items(['COINS', 250]), KEY))
    expect(later.transactionId).not.toBe(first.transactionId)
    expect(s.profile.vcBalances.get('COINS')).toBe(500)
  })

  it('answers 409 idempotency_in_flight for a key still being processed', async () => {
    const { store, profile } = setup()
    const started = succeeded(await beginTransaction(store, profile, KEY))
    expect(failed(await beginTransaction(store, profile, KEY))).toMatchObject({
      status: 409,
      errorCode: 'idempotency_in_flight',
      retryAfterSeconds: 1,
    })
    succeeded(completeTransaction(store, profile, started, items(['COINS', 1]), undefined))
    expect(succeeded(await beginTransaction(store, profile, KEY)).kind).toBe('replay')
  })

  it('frees the key of a failed attempt so that a corrected retry applies', async () => {
    const s = setup()
    expect(failed(await transact(s, items(['COINS', -5]), KEY)).errorCode).toBe(
      'insufficient_balance',
    )
    expect(s.profile.idempotency.has(KEY)).toBe(false)
    succeeded(await transact(s, items(['COINS', 5]), KEY))
    expect(s.profile.vcBalances.get('COINS')).toBe(5)
  })

  it('holds a transaction after registering its key until the test releases it', async () => {
    const { store, profile } = setup()
    const hold = createVcHold()
    store.vcHolds.set(profile.profileId, hold)
    const pending = beginTransaction(store, profile, KEY)
    await hold.arrived
    expect(profile.idempotency.get(KEY)?.state).toBe('in-flight')
    expect(store.vcHolds.has(profile.profileId)).toBe(false)
    hold.release()
    const decision: IdempotencyDecision = succeeded(await pending)
    expect(decision).toEqual({ kind: 'new', key: KEY })
  })

  it('lists a balance for every currency of the app, 0 for one never touched', () => {
    const { store, profile } = setup()
    profile.vcBalances.set('GEMS', 9)
    expect(balancesOf(store, profile).map((b) => [b.code, b.balance, b.available])).toEqual([
      ['COINS', 0, 0],
      ['GEMS', 9, 9],
    ])
  })

  it('pages history newest first, unaffected by transactions made between pages', async () => {
    const s = setup()
    for (const amount of [1, 2, 3]) succeeded(await transact(s, items(['COINS', amount])))
    const first = succeeded(listTransactions(s.store, s.profile, { limit: '2' }))
    expect(first.items.map((t) => t.items[0]?.amount)).toEqual([3, 2])
    succeeded(await transact(s, items(['COINS', 4])))
    const second = succeeded(
      listTransactions(s.store, s.profile, { limit: '2', cursor: first.nextCursor ?? '' }),
    )
    expect(second.items.map((t) => t.items[0]?.amount)).toEqual([1])
    expect(second.nextCursor).toBeNull()
  })

  it('filters history by currency, keeping every item of a matching transaction', async () => {
    const s = setup()
    succeeded(await transact(s, items(['COINS', 10])))
    succeeded(await transact(s, items(['COINS', -1], ['GEMS', 1])))
    const page = succeeded(listTransactions(s.store, s.profile, { currencyCode: 'GEMS' }))
    expect(page.items.map((t) => t.items.length)).toEqual([2])
    const all = succeeded(listTransactions(s.store, s.profile, { currencyCode: '' }))
    expect(all.items).toHaveLength(2)
  })

  it.each(['0', '101', '1.5', 'ten'])('answers 400 validation_error for limit=%s', (limit) => {
    const { store, profile } = setup()
    const failure = failed(listTransactions(store, profile, { limit }))
    expect(failure).toMatchObject({ status: 400, errorCode: 'validation_error' })
    expect(failure.errors[0]?.source).toBe('limit')
  })

  it('answers 400 for an unknown currency filter and for a cursor of another profile', async () => {
    const s = setup()
    expect(failed(listTransactions(s.store, s.profile, { currencyCode: 'X' })).errorCode).toBe(
      'unknown_currency',
    )
    succeeded(await transact(s, items(['COINS', 1])))
    succeeded(await transact(s, items(['COINS', 1])))
    const cursor = succeeded(listTransactions(s.store, s.profile, { limit: '1' })).nextCursor ?? ''
    const other = newProfile('7a2e3d4c-5b6f-4a71-9b8c-0d1e2f3a4b5c', 'cus-2')
    expect(failed(listTransactions(s.store, other, { cursor })).errorCode).toBe('invalid_cursor')
  })
})
