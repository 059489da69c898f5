/**
 * Fault injection: the sandbox misbehaves on demand, per operation, for "the next N requests" or
 * with a (seeded) probability, so retries, timeouts and teardown can be tested over real sockets.
 */
import { HarnessError } from '../errors.ts'
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
  add(rule: FaultRule): void
  clear(): void
  list(): FaultRule[]
  /** The fault to apply to this request, if any (counts down `times`). */
  pick(operationId: string): FaultRule | undefined
}

/** Checks a rule from a flag or a control request; throws a usage error naming the problem. */
export function parseFaultRule(value: unknown): FaultRule {
  const rule = value as Partial<FaultRule> | null
  const bad = (what: string) =>
    new HarnessError('CLI_USAGE', `Failed to add a fault: ${what}.`, {
      hint: `a rule is {operationId, kind: ${FAULT_KINDS.join('|')}, times?, probability?, delayMs?, retryAfterSeconds?}.`,
    })
  if (typeof rule !== 'object' || rule === null) throw bad('the rule is not an object')
  if (typeof rule.operationId !== 'string' || rule.operationId === '')
    throw bad('operationId is missing')
  if (!FAULT_KINDS.includes(rule.kind as FaultKind))
    throw bad(`unknown kind "${String(rule.kind)}"`)
  for (const key of ['times', 'delayMs', 'retryAfterSeconds'] as const) {
    const n = rule[key]
    if (n !== undefined && (!Number.isInteger(n) || n < 0))
      throw bad(`${key} must be a whole number`)
  }
  if (rule.probability !== undefined && !(rule.probability >= 0 && rule.probability <= 1)) {
    throw bad('probability must be between 0 and 1')
  }
  return rule as FaultRule
}

/** Parses the flag form `getProfile:429:times=3,retryAfterSeconds=0`. */
export function parseFaultFlag(flag: string): FaultRule {
  const [operationId, kind, params = ''] = flag.split(':')
  const rule: Record<string, unknown> = { operationId, kind }
  for (const pair of params.split(',').filter((p) => p !== '')) {
    const [key, raw] = pair.split('=')
    rule[key ?? ''] = Number(raw)
  }
  return parseFaultRule(rule)
}

/** Creates an injector whose probabilities come from a seeded generator. */
export function createFaultInjector(seed = 1): FaultInjector {
  const random = mulberry32(seed)
  let rules: FaultRule[] = []
  return {
    add: (rule) => {
      rules.push({ ...parseFaultRule(rule) })
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
