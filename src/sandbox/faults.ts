/**
 * Fault injection: the sandbox misbehaves on demand, per operation, for "the next N requests" or
 * with a (seeded) probability, so retries, timeouts and teardown can be tested over real sockets.
 */
import { HarnessError, suggest } from '../errors.ts'
import { mulberry32 } from './ids.ts'

/** What can go wrong. */
export const FAULT_KINDS = [
  'latency',
  '429',
  '503',
  'reset',
  'truncate',
  'malformed',
  'slow-body',
  // A tolerated vendor change: `x_subcontract_extra` added to every object of a JSON body.
  'additive',
] as const

/** One kind of fault. */
export type FaultKind = (typeof FAULT_KINDS)[number]

/** A rule: which operation (or `*`), what fault, how often. */
export interface FaultRule {
  operationId: string
  kind: FaultKind
  /** Apply to the next N matching requests, then stop. */
  times?: number
  /** Apply to each matching request with this probability (seeded, so runs repeat). */
  probability?: number
  /** latency: added delay; slow-body: pause between the two halves of the body. */
  delayMs?: number
  /** 429: the Retry-After header, in seconds. */
  retryAfterSeconds?: number
}

/** The registry of active rules. */
export interface FaultInjector {
  /** The operations a rule may name (besides `*`). */
  readonly operationIds: readonly string[]
  add(rule: FaultRule): void
  clear(): void
  list(): FaultRule[]
  /** The fault to apply to this request, if any (counts down `times`). */
  pick(operationId: string): FaultRule | undefined
}

const PARAMETERS = ['times', 'probability', 'delayMs', 'retryAfterSeconds'] as const
const RULE_KEYS: readonly string[] = ['operationId', 'kind', ...PARAMETERS]
/** The parameters that mean something for a kind (the rest would be silently ignored). */
const KIND_PARAMETERS: Readonly<Partial<Record<FaultKind, readonly string[]>>> = {
  latency: ['delayMs'],
  'slow-body': ['delayMs'],
  '429': ['retryAfterSeconds'],
}

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ')

/**
 * Checks a rule from a `--fault` flag or a control request. Throws a usage error naming the
 * problem, with a "did you mean" for a misspelt operation, kind or key: a typo must never start
 * a sandbox whose fault silently never fires, or fires for ever.
 */
/** Checks a rule; with `operationIds`, its operation must be one of them (or `*`). */
export function parseFaultRule(value: unknown, operationIds?: readonly string[]): FaultRule {
  const bad = (what: string, hint?: string) =>
    new HarnessError('CLI_USAGE', `Failed to add a fault: ${what}.`, {
      hint:
        hint ??
        `a rule is {operationId, kind: ${FAULT_KINDS.join('|')}, times?, probability?, delayMs?, retryAfterSeconds?}.`,
    })
  const didYouMean = (input: string, candidates: readonly string[], all: string) => {
    const near = suggest(input, candidates)
    return near === undefined ? all : `did you mean "${near}"? ${all}`
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw bad('the rule is not an object')
  const rule = value as Record<string, unknown>
  for (const key of Object.keys(rule)) {
    if (!RULE_KEYS.includes(key))
      throw bad(`unknown key "${key}"`, didYouMean(key, RULE_KEYS, `Keys: ${quoted(RULE_KEYS)}.`))
  }
  const { operationId, kind } = rule
  if (typeof operationId !== 'string' || operationId === '') throw bad('operationId is missing')
  if (operationIds !== undefined && operationId !== '*' && !operationIds.includes(operationId)) {
    const all = 'operation ids are listed by `npx subcontract list`; * means every one.'
    throw bad(`unknown operation "${operationId}"`, didYouMean(operationId, operationIds, all))
  }
  if (!FAULT_KINDS.includes(kind as FaultKind)) {
    const all = `Kinds: ${FAULT_KINDS.join(', ')}.`
    throw bad(`unknown kind "${String(kind)}"`, didYouMean(String(kind), FAULT_KINDS, all))
  }
  for (const key of ['times', 'delayMs', 'retryAfterSeconds'] as const) {
    const n = rule[key]
    if (n !== undefined && (typeof n !== 'number' || !Number.isInteger(n) || n < 0))
      throw bad(`${key} must be a whole number, not ${JSON.stringify(n)}`)
  }
  const p = rule.probability
  if (p !== undefined && !(typeof p === 'number' && p >= 0 && p <= 1))
    throw bad(`probability must be a number from 0 to 1, not ${JSON.stringify(p)}`)
  if (rule.times !== undefined && p !== undefined)
    throw bad('times and probability exclude each other', 'give one of them, or neither (always).')
  const allowed = KIND_PARAMETERS[kind as FaultKind] ?? []
  for (const key of ['delayMs', 'retryAfterSeconds'] as const) {
    if (rule[key] !== undefined && !allowed.includes(key)) {
      const takes = allowed.length === 0 ? 'no such parameter' : quoted(allowed)
      throw bad(`${key} means nothing for a ${String(kind)} fault`, `${kind} takes ${takes}.`)
    }
  }
  return rule as unknown as FaultRule
}

/** Parses the flag form `getProfile:429:times=3,retryAfterSeconds=0`. */
export function parseFaultFlag(flag: string): FaultRule {
  const parts = flag.split(':')
  if (parts.length < 2 || parts.length > 3) {
    throw new HarnessError('CLI_USAGE', `Failed to add a fault: "${flag}" is not a rule.`, {
      hint: "write operationId:kind[:key=value,…], e.g. --fault 'getProfile:429:times=3'.",
    })
  }
  const [operationId, kind, params = ''] = parts
  const rule: Record<string, unknown> = { operationId, kind }
  for (const pair of params.split(',').filter((p) => p !== '')) {
    const [key = '', raw, ...rest] = pair.split('=')
    const number =
      raw === undefined || raw.trim() === '' || rest.length > 0 ? Number.NaN : Number(raw)
    // A value that is not a number stays a string, so the error can quote what was typed.
    rule[key] = Number.isNaN(number) ? (raw ?? '') : number
  }
  return parseFaultRule(rule)
}

/**
 * Creates an injector whose probabilities come from a seeded generator; its rules must name one
 * of `operationIds` (or `*`).
 */
export function createFaultInjector(seed: number, operationIds: readonly string[]): FaultInjector {
  const random = mulberry32(seed)
  let rules: FaultRule[] = []
  return {
    operationIds,
    add: (rule) => {
      rules.push({ ...parseFaultRule(rule, operationIds) })
    },
    clear: () => {
      rules = []
    },
    list: () => rules.map((r) => ({ ...r })),
    pick(operationId) {
      for (const rule of rules) {
        if (rule.operationId !== '*' && rule.operationId !== operationId) continue
        if (rule.times !== undefined) {
          if (rule.times <= 0) continue
          rule.times -= 1
          return { ...rule }
        }
        if (rule.probability === undefined || random() / 2 ** 32 < rule.probability)
          return { ...rule }
      }
      return undefined
    },
  }
}
