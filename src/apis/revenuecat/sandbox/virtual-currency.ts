/**
 * Virtual currency balances, free of HTTP: what a customer holds, and the two writes that change
 * it. Both apply `adjustments` (currency code → a non-zero whole amount) all or nothing; a
 * transaction (create-virtual-currencies-transaction) is also recorded in the customer's ledger
 * with its `reference`, a balance update (update-virtual-currencies-balance) is not. An
 * Idempotency-Key makes either exactly-once per customer: the same key with the same body answers
 * the balances of the first time without applying again; with another body, or on the other
 * operation, it is 409 `idempotency_error`.
 */
import { type RevenueCatFailure, revenuecatFailure } from './errors.ts'
import type { CustomerRecord, ProjectData } from './model.ts'

/** The largest balance a currency holds (the spec's integers are 32-bit). */
export const MAX_BALANCE = 2_147_483_647

/** The two operations that change balances. */
export type BalanceWrite =
  | 'create-virtual-currencies-transaction'
  | 'update-virtual-currencies-balance'

/** Their body, once it passed the request schema. */
export interface AdjustmentInput {
  adjustments: Record<string, number>
  reference?: string | null
}

/** One recorded transaction of a customer's ledger. */
export interface VirtualCurrencyTransaction {
  adjustments: Record<string, number>
  reference: string | null
  createdAt: number
}

/** What a write answers: the balances after it, and whether it was a replay of a key. */
export interface AdjustmentResult {
  balances: ReadonlyMap<string, number>
  replayed: boolean
}

// The ledger lives beside the customer record, which does not model transactions (no v2
// operation lists them): it goes with the customer when the customer goes.
const ledgers = new WeakMap<CustomerRecord, VirtualCurrencyTransaction[]>()

/** The transactions recorded for a customer, oldest first. */
export function transactionsOf(customer: CustomerRecord): readonly VirtualCurrencyTransaction[] {
  return ledgers.get(customer) ?? []
}

/** The body as the idempotency check compares it: currencies in order, no reference as null. */
function canonical(input: AdjustmentInput): string {
  const adjustments = Object.entries(input.adjustments).sort(([a], [b]) => (a < b ? -1 : 1))
  return JSON.stringify({ adjustments, reference: input.reference ?? null })
}

/**
 * Applies `input` to the customer's balances (see the file comment). Refused, with nothing
 * applied: no adjustment (400 on `adjustments`); a currency the project does not have or an
 * amount of 0 (400 on `adjustments.<code>`); a balance that would go below 0 or above
 * MAX_BALANCE (422 `unprocessable_entity_error`). A refused request is not remembered under its key.
 */
export function adjustBalances(
  project: ProjectData,
  customer: CustomerRecord,
  operationId: BalanceWrite,
  input: AdjustmentInput,
  options: { idempotencyKey?: string | undefined; now: number },
): AdjustmentResult | RevenueCatFailure {
  const body = canonical(input)
  const key = options.idempotencyKey
  if (key !== undefined) {
    const known = customer.idempotency.get(key)
    if (known !== undefined) {
      if (known.operationId !== operationId || known.body !== body)
        return revenuecatFailure(
          409,
          'idempotency_error',
          `Idempotency-Key "${key}" was used for another request (${known.operationId}); use a new key for a new request.`,
        )
      return { balances: new Map(known.balances), replayed: true }
    }
  }
  const entries = Object.entries(input.adjustments)
  if (entries.length === 0)
    return revenuecatFailure(
      400,
      'parameter_error',
      'adjustments must hold at least one currency.',
      'adjustments',
    )
  for (const [code, amount] of entries) {
    if (!project.virtualCurrencies.has(code))
      return revenuecatFailure(
        400,
        'parameter_error',
        `The project has no virtual currency "${code}".`,
        `adjustments.${code}`,
      )
    if (amount === 0)
      return revenuecatFailure(
        400,
        'parameter_error',
        `The adjustment of ${code} must not be 0.`,
        `adjustments.${code}`,
      )
  }
  const after = new Map(customer.balances)
  for (const [code, amount] of entries) {
    const current = after.get(code) ?? 0
    const next = current + amount
    if (next < 0)
      return revenuecatFailure(
        422,
        'unprocessable_entity_error',
        `The ${code} balance is ${current}: it cannot go down by ${-amount}. Nothing was applied.`,
      )
    if (next > MAX_BALANCE)
      return revenuecatFailure(
        422,
        'unprocessable_entity_error',
        `The ${code} balance would exceed ${MAX_BALANCE}. Nothing was applied.`,
      )
    after.set(code, next)
  }
  for (const [code, balance] of after) customer.balances.set(code, balance)
  if (operationId === 'create-virtual-currencies-transaction') {
    const ledger = ledgers.get(customer) ?? []
    ledger.push({
      adjustments: { ...input.adjustments },
      reference: input.reference ?? null,
      createdAt: options.now,
    })
    ledgers.set(customer, ledger)
  }
  if (key !== undefined)
    customer.idempotency.set(key, { operationId, body, balances: new Map(after) })
  return { balances: after, replayed: false }
}
