/**
 * Virtual currency rules: the feature gate, the per-app rate limit, Idempotency-Key semantics,
 * atomic multi-currency transactions, balances and cursor-paginated history (DECISIONS.md, A-31).
 */
import {
  type AdaptyFailure,
  type AdaptyStore,
  fail,
  nowIso,
  ok,
  type ProfileRecord,
  type Result,
  type VcTransactionRecord,
} from './store.ts'

/** Limits from the spec: int32 balances, one-hour keys, a one-minute rate window, metadata caps. */
export const VC_LIMITS = {
  maxBalance: 2_147_483_647,
  idempotencyTtlMs: 60 * 60 * 1000,
  rateWindowMs: 60_000,
  inFlightRetryAfterSeconds: 1,
  metadataKeys: 5,
  metadataValueLength: 200,
} as const

/** Limits of listVirtualCurrencyTransactions' `limit`. */
export const HISTORY_LIMIT = { min: 1, max: 100, default: 50 } as const

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i
const METADATA_KEY = /^[a-z0-9_]{1,30}$/

/** A createVirtualCurrencyTransaction body once it has passed the schema. */
export interface VcTransactionInput {
  items: Array<{ currency_code: string; amount: number }>
  metadata?: Record<string, string> | null
}

/** The balance of one currency as a profile holds it now. */
export interface VcBalance {
  code: string
  name: string
  balance: number
  held: number
  available: number
}

/** What a successful transaction answers; a replay answers the same value. */
export interface VcTransactionResult {
  transactionId: string
  balances: VcBalance[]
}

/** What an Idempotency-Key says about a request. */
export type IdempotencyDecision =
  | { kind: 'none' }
  | { kind: 'new'; key: string }
  | { kind: 'replay'; result: VcTransactionResult }

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

/**
 * The checks that come before the profile: the feature, then the app's per-minute limit (a
 * sliding window on the store clock). A request that passes counts against the limit.
 */
export function admitTransaction(store: AdaptyStore): Result<true> {
  const feature = checkFeature(store)
  if (!feature.ok) return feature
  const now = store.clock.now().getTime()
  store.vcRequestTimes = store.vcRequestTimes.filter((t) => t > now - VC_LIMITS.rateWindowMs)
  const limit = store.settings.vcRateLimitPerMinute
  if (store.vcRequestTimes.length >= limit) {
    const oldest = store.vcRequestTimes[0] ?? now
    const retryAfter = Math.max(1, Math.ceil((oldest + VC_LIMITS.rateWindowMs - now) / 1000))
    return fail(
      429,
      'rate_limited',
      null,
      `More than ${limit} virtual currency transactions per minute for this app.`,
      retryAfter,
    )
  }
  store.vcRequestTimes.push(now)
  return ok(true)
}

/**
 * Reads the Idempotency-Key (per profile, one hour): an invalid key is a 400, a key in flight a
 * 409, a finished key a replay. A new key is registered as in flight; then, if a test holds this
 * profile (sandbox control), the request waits until it is released.
 */
export async function beginTransaction(
  store: AdaptyStore,
  profile: ProfileRecord,
  key: string | undefined,
): Promise<Result<IdempotencyDecision>> {
  const decision = readKey(store, profile, key)
  if (!decision.ok || decision.value.kind === 'replay') return decision
  const hold = store.vcHolds.get(profile.profileId)
  if (hold !== undefined) {
    store.vcHolds.delete(profile.profileId)
    hold.signalArrived()
    await hold.released
  }
  return decision
}

function readKey(
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
  for (const [known, entry] of profile.idempotency) {
    if (entry.storedAt <= now - VC_LIMITS.idempotencyTtlMs) profile.idempotency.delete(known)
  }
  const known = profile.idempotency.get(key)
  if (known?.state === 'in-flight') {
    return fail(
      409,
      'idempotency_in_flight',
      null,
      'A request with this Idempotency-Key is still being processed.',
      VC_LIMITS.inFlightRetryAfterSeconds,
    )
  }
  if (known !== undefined) return ok({ kind: 'replay', result: known.body as VcTransactionResult })
  profile.idempotency.set(key, { state: 'in-flight', storedAt: now })
  return ok({ kind: 'new', key })
}

/**
 * Checks the body and applies it, all items or none, then settles the Idempotency-Key: a success
 * is remembered for replays, a failure frees the key. `schemaProblem` is the 422 the request
 * schema gives, if any; an empty `items` list answers 400 empty_items before it.
 */
export function completeTransaction(
  store: AdaptyStore,
  profile: ProfileRecord,
  decision: IdempotencyDecision,
  body: unknown,
  schemaProblem: AdaptyFailure | undefined,
): Result<VcTransactionResult> {
  const result = checkAndApply(store, profile, body, schemaProblem)
  if (decision.kind === 'new') {
    if (result.ok) {
      const storedAt = store.clock.now().getTime()
      profile.idempotency.set(decision.key, {
        state: 'done',
        status: 200,
        body: result.value,
        storedAt,
      })
    } else profile.idempotency.delete(decision.key)
  }
  return result
}

function checkAndApply(
  store: AdaptyStore,
  profile: ProfileRecord,
  body: unknown,
  schemaProblem: AdaptyFailure | undefined,
): Result<VcTransactionResult> {
  const items = (body as { items?: unknown } | null)?.items
  if (Array.isArray(items) && items.length === 0)
    return fail(400, 'empty_items', 'items', 'items must hold at least one currency adjustment.')
  if (schemaProblem !== undefined) return { ok: false, error: schemaProblem }
  const input = body as VcTransactionInput
  const metadata = checkMetadata(input.metadata ?? null)
  if (!metadata.ok) return metadata
  const rules = checkItems(store, profile, input.items)
  if (!rules.ok) return rules
  const source = input.metadata?.source_transaction_id
  if (
    source !== undefined &&
    profile.vcTransactions.some((t) => t.metadata?.source_transaction_id === source)
  ) {
    return fail(
      409,
      'duplicate_source_transaction',
      'metadata.source_transaction_id',
      `Source transaction "${source}" was already applied to this profile.`,
    )
  }
  return ok(apply(store, profile, input))
}

/** The metadata limits the spec states in prose (the schema cannot): a 422 like the schema's. */
function checkMetadata(metadata: Record<string, string> | null): Result<true> {
  if (metadata === null) return ok(true)
  const keys = Object.keys(metadata)
  if (keys.length > VC_LIMITS.metadataKeys) {
    return fail(
      422,
      'validation_error',
      'metadata',
      `Ensure metadata has no more than ${VC_LIMITS.metadataKeys} keys.`,
    )
  }
  for (const key of keys) {
    if (!METADATA_KEY.test(key)) {
      return fail(
        422,
        'validation_error',
        `metadata.${key}`,
        'Metadata keys are 1 to 30 lowercase letters, digits or underscores.',
      )
    }
    if ((metadata[key] ?? '').length > VC_LIMITS.metadataValueLength) {
      return fail(
        422,
        'validation_error',
        `metadata.${key}`,
        `Ensure this value has no more than ${VC_LIMITS.metadataValueLength} characters.`,
      )
    }
  }
  return ok(true)
}

/** The documented 400 rules, item by item: the first broken rule answers. */
function checkItems(
  store: AdaptyStore,
  profile: ProfileRecord,
  items: VcTransactionInput['items'],
): Result<true> {
  const seen = new Set<string>()
  for (const { currency_code: code, amount } of items) {
    if (!store.currencies.has(code))
      return fail(400, 'unknown_currency', 'currency_code', `Unknown currency ${code}.`)
    if (seen.has(code)) {
      return fail(
        400,
        'duplicate_currency',
        'currency_code',
        `Currency ${code} appears more than once in items.`,
      )
    }
    seen.add(code)
    if (amount === 0) return fail(400, 'amount_zero', 'amount', `The amount of ${code} is 0.`)
    const after = (profile.vcBalances.get(code) ?? 0) + amount
    if (after < 0) {
      return fail(
        400,
        'insufficient_balance',
        'currency_code',
        `Insufficient balance for currency ${code}.`,
      )
    }
    if (after > VC_LIMITS.maxBalance) {
      return fail(
        400,
        'balance_overflow',
        'currency_code',
        `The balance of ${code} would exceed ${VC_LIMITS.maxBalance}.`,
      )
    }
  }
  return ok(true)
}

function apply(
  store: AdaptyStore,
  profile: ProfileRecord,
  input: VcTransactionInput,
): VcTransactionResult {
  const record: VcTransactionRecord = {
    transactionId: store.ids.uuid(),
    transactionType: 'api_transaction',
    items: input.items.map(({ currency_code: code, amount }) => {
      const balanceAfter = (profile.vcBalances.get(code) ?? 0) + amount
      profile.vcBalances.set(code, balanceAfter)
      return { currencyCode: code, amount, balanceAfter }
    }),
    metadata: input.metadata == null ? null : { ...input.metadata },
    createdAt: nowIso(store),
  }
  profile.vcTransactions.push(record)
  const codes = input.items.map((i) => i.currency_code)
  return { transactionId: record.transactionId, balances: balancesOf(store, profile, codes) }
}

/** The balances of `codes` (default: every currency of the app), 0 for one never touched. */
export function balancesOf(
  store: AdaptyStore,
  profile: ProfileRecord,
  codes: Iterable<string> = store.currencies.keys(),
): VcBalance[] {
  return [...codes].map((code) => {
    const balance = profile.vcBalances.get(code) ?? 0
    return { code, name: store.currencies.get(code) ?? code, balance, held: 0, available: balance }
  })
}

/** The history query as sent; absent and empty values mean the defaults. */
export interface HistoryQuery {
  currencyCode?: string | undefined
  cursor?: string | undefined
  limit?: string | undefined
}

const cursorOf = (t: VcTransactionRecord) =>
  Buffer.from(`${t.createdAt}${t.transactionId}`).toString('base64url')

/**
 * One page of history, newest first. The cursor names the last transaction of the previous page,
 * so transactions made between two pages neither repeat nor shift entries.
 */
export function listTransactions(
  store: AdaptyStore,
  profile: ProfileRecord,
  query: HistoryQuery,
): Result<{ items: VcTransactionRecord[]; nextCursor: string | null }> {
  const limitRaw = query.limit ?? ''
  const limit = limitRaw === '' ? HISTORY_LIMIT.default : Number(limitRaw)
  if (
    (limitRaw !== '' && !/^\d+$/.test(limitRaw)) ||
    limit < HISTORY_LIMIT.min ||
    limit > HISTORY_LIMIT.max
  ) {
    return fail(
      400,
      'validation_error',
      'limit',
      `limit must be a whole number from ${HISTORY_LIMIT.min} to ${HISTORY_LIMIT.max}; got "${limitRaw}".`,
    )
  }
  const code = query.currencyCode === '' ? undefined : query.currencyCode
  if (code !== undefined && !store.currencies.has(code))
    return fail(400, 'unknown_currency', 'currency_code', `Unknown currency ${code}.`)
  let end = profile.vcTransactions.length
  if (query.cursor !== undefined && query.cursor !== '') {
    const cursor = query.cursor
    end = profile.vcTransactions.findIndex((t) => cursorOf(t) === cursor)
    if (end === -1)
      return fail(400, 'invalid_cursor', 'cursor', 'The cursor is not one this API returned.')
  }
  const older = profile.vcTransactions
    .slice(0, end)
    .reverse()
    .filter((t) => code === undefined || t.items.some((i) => i.currencyCode === code))
  const items = older.slice(0, limit)
  const last = items[items.length - 1]
  return ok({
    items,
    nextCursor: older.length > limit && last !== undefined ? cursorOf(last) : null,
  })
}
