/**
 * `subcontract run --shard i/n`: one deterministic part of a run, for CI jobs that split the
 * regression across machines. vitest splits its suite files itself (`--shard`: files sorted by a
 * hash of their path, cut into n nearly equal parts). Newman's requests are split by top-level
 * folder, kept whole so a chain inside a folder stays together: folders go, largest first, to the
 * part with the fewest requests so far. Every part writes shard.json beside its reports, and
 * `subcontract merge` combines the parts into the reports of one whole run (decision 0019).
 */

import { HarnessError } from '../errors.ts'
import type { RunResult } from '../report/run-result.ts'

/** Part `index` of `count` (both from 1). */
export interface Shard {
  index: number
  count: number
}

/** The most parts a run splits into: more than there is work makes only empty parts. */
export const MAX_SHARDS = 64

/** The file a sharded run writes into its report directory, and `merge` reads. */
export const SHARD_FILE = 'shard.json'

/** The shard.json format's name and version. */
export const SHARD_FORMAT = 'subcontract-shard/1'

/** What one part of a sharded run leaves for `merge`. */
export interface ShardReport {
  format: typeof SHARD_FORMAT
  shard: Shard
  /** What the whole run selected; every part of one run selects the same. */
  selection: {
    apis: string[]
    /** `api:operationId` of every selected operation. */
    operations: string[]
    /** True when --operation or --tag narrowed the run (the summary lists only those). */
    filtered: boolean
  }
  /** This part's run: its records, errors and settings, redacted like every report. */
  run: RunResult
}

/** Reads `--shard i/n`. Throws CLI_USAGE naming what is wrong and the form it takes. */
export function parseShard(value: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value)
  const usage = `pass --shard <i>/<n> with 1 <= i <= n <= ${MAX_SHARDS}, e.g. --shard 1/3 on the first of three CI jobs.`
  if (match === null)
    throw new HarnessError(
      'CLI_USAGE',
      `Failed to read the command line: --shard "${value}" is not of the form <i>/<n>.`,
      { hint: usage },
    )
  const index = Number(match[1])
  const count = Number(match[2])
  if (count < 1 || count > MAX_SHARDS || index < 1 || index > count)
    throw new HarnessError(
      'CLI_USAGE',
      `Failed to read the command line: --shard ${index}/${count} names no part (${count < 1 || count > MAX_SHARDS ? `n must be 1 to ${MAX_SHARDS}` : `i must be 1 to ${count}`}).`,
      { hint: usage },
    )
  return { index, count }
}

/** A unit of Newman's work: one top-level folder (or request) of one API's collection. */
export interface NewmanUnit {
  api: string
  name: string
  requests: number
}

/**
 * The units part `shard.index` runs, by API. Deterministic: the same units in the same order
 * always split the same way, on every machine. Largest first, each to the part with the fewest
 * requests so far (the lowest-numbered on a tie); ties in size keep the order they came in.
 */
export function unitsOfShard(units: readonly NewmanUnit[], shard: Shard): Map<string, Set<string>> {
  const load = Array.from({ length: shard.count }, () => 0)
  const mine = new Map<string, Set<string>>()
  const bySize = units
    .map((unit, i) => ({ unit, i }))
    .sort((a, b) => b.unit.requests - a.unit.requests || a.i - b.i)
  for (const { unit } of bySize) {
    let part = 0
    for (let p = 1; p < load.length; p++) if ((load[p] ?? 0) < (load[part] ?? 0)) part = p
    load[part] = (load[part] ?? 0) + unit.requests
    if (part + 1 !== shard.index) continue
    const set = mine.get(unit.api) ?? new Set<string>()
    set.add(unit.name)
    mine.set(unit.api, set)
  }
  return mine
}
