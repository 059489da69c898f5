/**
 * Virtual currency rules: the feature gate, the per-app rate limit, Idempotency-Key semantics,
 * atomic multi-currency transactions, balances and cursor-paginated history.
 */
import {
  type AdaptyStore,
  fail,
  nowIso,
  ok,
  type ProfileRecord,
  type Result,
  type VcTransactionRecord,
} from './store.ts'

/** Limits from the contract. */
export const VC_LIMITS = {
  maxBalance: 2_147_483_647,
  idempotencyTtlMs: 60 * 60 * 1000,
  windowMs: 60_000,
} as const

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i

/** A createVirtualCurrencyTransaction body after schema validation. */
export interface VcTransactionInput {
  items: Array<{ currency_code: string; amount: number }>
  metadata?: Record<string, string> | null
}

/** 403 feature_not_enabled unless the app has the virtual currency server API. */
export function checkFeature(store: AdaptyStore): Result<true> {
  if (store.settings.vcEnabled) return ok(true)
  return fail(
    403,
    'feature_not_enabled',
    null,
    'Server API for virtual currencies is not enabled for this app.',
  )
}

/** Counts a transaction request against the app's per-minute limit; 429 rate_limited past it. */
export function takeRateLimit(store: AdaptyStore): Result<true> {
  const now = store.clock.now().getTime()
  store.vcRequestTimes = store.vcRequestTimes.filter((t) => t > now - VC_LIMITS.windowMs)
  if (store.vcRequestTimes.length >= store.settings.vcRateLimitPerMinute) {
    const oldest = store.vcRequestTimes[0] ?? now
    const retryAfter = Math.max(1, Math.ceil((oldest + VC_LIMITS.windowMs - now) / 1000))
    return fail(
      429,
      'rate_limited',
      null,
      `More than ${store.settings.vcRateLimitPerMinute} transactions per minute for this app.`,
      retryAfter,
    )
  }
  store.vcRequestTimes.push(now)
  return ok(true)
}

/** What an Idempotency-Key says about a request. */
export type IdempotencyDecision =
  | { kind: 'none' }
  | { kind: 'new'; key: string }
  | { kind: 'replay'; status: number; body: unknown }

/** Looks the key up (per profile, one hour); registers a new key as in flight. */
export function beginIdempotent(
  store: AdaptyStore,
  profile: ProfileRecord,
  key: string | undefined,
): Result<IdempotencyDecision> {
  if (key === undefined) return ok({ kind: 'none' })
  if (!UUID_V4.test(key)) {
    return fail(
      400,
      'idempotency_key_invalid',
      'Idempotency-Key',
      'Idempotency-Key must be a UUID v4.',
    )
  }
  const now = store.clock.now().getTime()
  const known = profile.idempotency.get(key)
  if (known !== undefined && known.storedAt > now - VC_LIMITS.idempotencyTtlMs) {
    if (known.state === 'in-flight') {
      return fail(
        409,
        'idempotency_in_flight',
        null,
        'A request with this Idempotency-Key is still being processed.',
        1,
      )
    }
    return ok({ kind: 'replay', status: known.status ?? 200, body: known.body })
  }
  profile.idempotency.set(key, { state: 'in-flight', storedAt: now })
  return ok({ kind: 'new', key })
}

/** Stores the answer of a keyed request so that a replay returns it unchanged. */
export function finishIdempotent(
  store: AdaptyStore,
  profile: ProfileRecord,
  decision: IdempotencyDecision,
  status: number,
  body: unknown,
): void {
  if (decision.kind !== 'new') return
  // Only successful answers are remembered; a failed attempt may be retried with the same key.
  if (status !== 200) profile.idempotency.delete(decision.key)
  else
    profile.idempotency.set(decision.key, {
      state: 'done',
      status,
      body,
      storedAt: store.clock.now().getTime(),
    })
}

/** The balance snapshot of every currency in `codes`. */
export function balancesOf(store: AdaptyStore, profile: ProfileRecord, codes: Iterable<string>) {
  return [...codes].map((code) => {
    const balance = profile.vcBalances.get(code) ?? 0
    return { code, name: store.currencies.get(code) ?? code, balance, held: 0, available: balance }
  })
}

/** Applies all items atomically, or none: the first broken rule answers. */
export function applyTransaction(
  store: AdaptyStore,
  profile: ProfileRecord,
  input: VcTransactionInput,
): Result<{ transaction_id: string; balances: ReturnType<typeof balancesOf> }> {
  if (input.items.length === 0)
    return fail(400, 'empty_items', 'items', 'items must hold at least one currency adjustment.')
  const seen = new Set<string>()
  for (const [index, item] of input.items.entries()) {
    if (!store.currencies.has(item.currency_code)) {
      return fail(
        400,
        'unknown_currency',
        `items.${index}.currency_code`,
        `Unknown currency "${item.currency_code}".`,
      )
    }
    if (seen.has(item.currency_code)) {
      return fail(
        400,
        'duplicate_currency',
        `items.${index}.currency_code`,
        `Currency "${item.currency_code}" appears more than once.`,
      )
    }
    seen.add(item.currency_code)
    if (item.amount === 0)
      return fail(400, 'amount_zero', `items.${index}.amount`, 'amount must not be 0.')
    const after = (profile.vcBalances.get(item.currency_code) ?? 0) + item.amount
    if (after < 0) {
      return fail(
        400,
        'insufficient_balance',
        'currency_code',
        `Insufficient balance for currency ${item.currency_code}.`,
      )
    }
    if (after > VC_LIMITS.maxBalance) {
      return fail(
        400,
        'balance_overflow',
        'currency_code',
        `The balance of ${item.currency_code} would exceed ${VC_LIMITS.maxBalance}.`,
      )
    }
  }
  const source = input.metadata?.source_transaction_id
  if (
    source !== undefined &&
    profile.vcTransactions.some((t) => t.metadata?.source_transaction_id === source)
  ) {
    return fail(
      409,
      'duplicate_source_transaction',
      'metadata.source_transaction_id',
      `Source transaction "${source}" was already credited.`,
    )
  }
  const record: VcTransactionRecord = {
    transactionId: store.ids.uuid(),
    transactionType: 'api_transaction',
    items: input.items.map((item) => {
      const balanceAfter = (profile.vcBalances.get(item.currency_code) ?? 0) + item.amount
      profile.vcBalances.set(item.currency_code, balanceAfter)
      return { currencyCode: item.currency_code, amount: item.amount, balanceAfter }
    }),
    metadata: input.metadata ?? null,
    createdAt: nowIso(store),
  }
  profile.vcTransactions.push(record)
  return ok({ transaction_id: record.transactionId, balances: balancesOf(store, profile, seen) })
}

/** Limits of listVirtualCurrencyTransactions. */
export const HISTORY_LIMIT = { min: 1, max: 100, default: 50 } as const

/** One page of history, newest first, with an opaque cursor for the next page. */
export function listTransactions(
  store: AdaptyStore,
  profile: ProfileRecord,
  query: { currencyCode?: string; cursor?: string; limit?: string },
): Result<{ items: VcTransactionRecord[]; nextCursor: string | null }> {
  const limitRaw = query.limit
  const limit = limitRaw === undefined || limitRaw === '' ? HISTORY_LIMIT.default : Number(limitRaw)
  if (
    !Number.isInteger(limit) ||
    limit < HISTORY_LIMIT.min ||
    limit > HISTORY_LIMIT.max ||
    !/^\d*$/.test(limitRaw ?? '')
  ) {
    return fail(
      400,
      'validation_error',
      'limit',
      `limit must be a whole number from 1 to 100; got "${limitRaw}".`,
    )
  }
  if (query.currencyCode !== undefined && !store.currencies.has(query.currencyCode)) {
    return fail(
      400,
      'unknown_currency',
      'currency_code',
      `Unknown currency "${query.currencyCode}".`,
    )
  }
  let offset = 0
  if (query.cursor !== undefined) {
    const decoded = /^o:(\d+)$/.exec(Buffer.from(query.cursor, 'base64url').toString('utf8'))
    if (decoded === null)
      return fail(400, 'invalid_cursor', 'cursor', 'The cursor is not one this API returned.')
    offset = Number(decoded[1])
  }
  const all = [...profile.vcTransactions]
    .reverse()
    .filter(
      (t) =>
        query.currencyCode === undefined ||
        t.items.some((i) => i.currencyCode === query.currencyCode),
    )
  const items = all.slice(offset, offset + limit)
  const next =
    offset + limit < all.length ? Buffer.from(`o:${offset + limit}`).toString('base64url') : null
  return ok({ items, nextCursor: next })
}
