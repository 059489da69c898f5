/**
 * Response-field coverage in the reports: per operation and documented JSON status, which of the
 * schema's items (a location present, non-null where it may be null, each enum value, each
 * oneOf/anyOf branch) the run's checked responses showed. Both runners record, on each exchange
 * they check, the indexes of the items its body showed (`ExchangeSummary.fields`, see
 * src/contract/field-coverage.ts); this adds them up. What no input can show is listed, with its
 * reason, in `fixtures/schemas/<api>/field-coverage-allow.json` and counts as neither seen nor
 * missing.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { readJsonFile } from '../config/read-json.ts'
import { coverageModel, describeItem } from '../contract/field-coverage.ts'
import { SCHEMA_ROOT } from '../contract/load-schemas.ts'
import { HarnessError } from '../errors.ts'
import type { Operation } from '../registry/types.ts'
import type { ExchangeSummary } from './run-result.ts'

/** The file beside an API's DECISIONS.md that lists what a run cannot show. */
export const ALLOW_FILE = 'field-coverage-allow.json'

/**
 * One allowed gap: items of statuses of operations. Each of `operation`, `status` and `item` is a
 * value, a list of values, or `*` for all. An item is describeItem's text; one that ends with `…`
 * stands for every item that starts with the text before it.
 */
export interface AllowEntry {
  /** The operationId(s), or `*` for every operation of the API. */
  operation: string | string[]
  /** The status(es), or `*` for every documented JSON status. */
  status: string | string[]
  /** describeItem's text(s), or `*` for every item of those statuses. */
  item: string | string[]
  /** Why no input can show it. Required: an allowance without a reason is refused. */
  reason: string
}

/** Field coverage of one documented JSON status of an operation. */
export interface StatusFieldCoverage {
  status: string
  schema: string
  /** Items the schema documents. */
  documented: number
  /** Items some checked response showed. */
  seen: number
  /** Items no response showed that the allow-list excuses. */
  allowed: number
  /** seen / (documented - allowed); 1 when nothing is left to see. */
  ratio: number
  /** Whether any checked response had this status. */
  exercised: boolean
  /**
   * What no response showed and nothing excuses (describeItem's text), in schema order; empty
   * when the status was never exercised (then all of it is unseen: the list would be the schema).
   */
  unseen: string[]
}

/** Field coverage of one operation: its statuses, and their sum. */
export interface OperationFieldCoverage {
  documented: number
  seen: number
  allowed: number
  ratio: number
  statuses: StatusFieldCoverage[]
}

const round = (ratio: number) => Math.floor(ratio * 10_000) / 10_000

const isValues = (value: unknown) =>
  typeof value === 'string' ||
  (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'))

function isEntry(value: unknown): value is AllowEntry {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return (
    isValues(v.operation) &&
    isValues(v.status) &&
    isValues(v.item) &&
    typeof v.reason === 'string' &&
    v.reason.trim().length > 0
  )
}

const listOf = (value: string | string[]) => (Array.isArray(value) ? value : [value])

function matches(pattern: string | string[], value: string, prefixes = false): boolean {
  return listOf(pattern).some(
    (p) =>
      p === '*' || p === value || (prefixes && p.endsWith('…') && value.startsWith(p.slice(0, -1))),
  )
}

const allowLists = new Map<string, AllowEntry[]>()

/** The allow-list of `api` (none when the file is absent). Throws CONFIG_BAD_VARIABLE on a bad file. */
export function allowListOf(api: string, root = SCHEMA_ROOT): AllowEntry[] {
  const key = `${root}\0${api}`
  const known = allowLists.get(key)
  if (known !== undefined) return known
  const path = join(root, api, ALLOW_FILE)
  let entries: AllowEntry[] = []
  if (existsSync(path)) {
    const value = readJsonFile(path, {
      what: 'field coverage allow-list',
      missing: '',
      invalid: `fix the JSON of ${path}.`,
    }) as { allowed?: unknown }
    const list = Array.isArray(value?.allowed) ? value.allowed : undefined
    const bad = list?.findIndex((e) => !isEntry(e)) ?? 0
    if (list === undefined || bad !== -1)
      throw new HarnessError(
        'CONFIG_BAD_VARIABLE',
        `Failed to read the field coverage allow-list: ${path} ${list === undefined ? 'has no "allowed" list' : `entry ${bad} is not { operation, status, item, reason }`}.`,
        {
          hint: 'each entry names operations, statuses and items (each a value, a list or *) and a non-empty reason.',
        },
      )
    entries = list as AllowEntry[]
  }
  allowLists.set(key, entries)
  return entries
}

function allows(entries: readonly AllowEntry[], op: Operation, status: string, item: string) {
  return entries.some(
    (e) =>
      matches(e.operation, op.operationId) &&
      matches(e.status, status) &&
      matches(e.item, item, true),
  )
}

/**
 * The field coverage of `op` from the exchanges of a run (all of the run's; only this
 * operation's count), or undefined when it documents no JSON body.
 */
export function fieldCoverageOf(
  op: Operation,
  exchanges: readonly ExchangeSummary[],
  allow: readonly AllowEntry[] = allowListOf(op.api),
  root: string = SCHEMA_ROOT,
): OperationFieldCoverage | undefined {
  const statuses: StatusFieldCoverage[] = []
  for (const [status, spec] of Object.entries(op.responses)) {
    if (spec.kind !== 'json') continue
    let model: ReturnType<typeof coverageModel>
    try {
      model = coverageModel(op.api, spec.schema, root)
    } catch {
      // A registry naming a schema the contract lacks fails the contract checks and the
      // repository's coverage test; a report still renders without that status's fields.
      continue
    }
    const seen = new Set<number>()
    let exercised = false
    for (const e of exchanges)
      if (e.api === op.api && e.operationId === op.operationId && String(e.status) === status) {
        if (e.fields === undefined) continue
        exercised = true
        for (const index of e.fields) seen.add(index)
      }
    let allowed = 0
    const unseen: string[] = []
    model.items.forEach((item, index) => {
      if (seen.has(index)) return
      const text = describeItem(item)
      if (allows(allow, op, status, text)) allowed += 1
      else unseen.push(text)
    })
    const documented = model.items.length
    const open = documented - allowed
    statuses.push({
      status,
      schema: spec.schema,
      documented,
      seen: seen.size,
      allowed,
      ratio: open <= 0 ? 1 : round(Math.min(seen.size, open) / open),
      exercised,
      unseen: exercised ? unseen : [],
    })
  }
  if (statuses.length === 0) return undefined
  const sum = (pick: (s: StatusFieldCoverage) => number) =>
    statuses.reduce((n, s) => n + pick(s), 0)
  const documented = sum((s) => s.documented)
  const allowed = sum((s) => s.allowed)
  const seen = sum((s) => s.seen)
  const open = documented - allowed
  return {
    documented,
    seen,
    allowed,
    ratio: open <= 0 ? 1 : round(Math.min(seen, open) / open),
    statuses,
  }
}

/** The operations below `min`, worst first, as one line each for the console. */
export function belowFieldCoverage(
  operations: ReadonlyArray<{
    api: string
    operationId: string
    fieldCoverage?: OperationFieldCoverage
  }>,
  min: number,
): string[] {
  return operations
    .filter((op) => op.fieldCoverage !== undefined && op.fieldCoverage.ratio < min)
    .sort((a, b) => (a.fieldCoverage?.ratio ?? 0) - (b.fieldCoverage?.ratio ?? 0))
    .map((op) => {
      const c = op.fieldCoverage as OperationFieldCoverage
      // A status whose every item is seen or allowed is not what keeps the operation below.
      const first = c.statuses
        .filter((s) => s.ratio < 1)
        .flatMap((s) =>
          s.exercised ? s.unseen.map((u) => `${s.status} ${u}`) : [`${s.status} (never exercised)`],
        )
        .slice(0, 3)
      return `${op.api}.${op.operationId} ${(c.ratio * 100).toFixed(1)}% (${c.seen}/${c.documented - c.allowed} seen; unseen: ${first.join(', ')}${c.documented - c.allowed - c.seen > 3 ? ', …' : ''})`
    })
}
