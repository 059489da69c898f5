/**
 * `subcontract merge <dirs…>`: combines the parts of a sharded run (`run --shard i/n`, one per CI
 * job) into the reports of one whole run: summary.json, junit.xml, newman.json and report.html,
 * equal in content to what one machine running everything writes, apart from timings. It checks
 * first that the parts belong together (same n, every part once, same selection and settings).
 */
import { existsSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { apisNamed } from '../apis/all.ts'
import { readJsonFile } from '../config/read-json.ts'
import { HarnessError } from '../errors.ts'
import { redactText } from '../redact/redact.ts'
import { renderOutcome, renderTable } from '../report/reporters/console.ts'
import { orderTests } from '../report/run-order.ts'
import type { RunResult, RunTimings } from '../report/run-result.ts'
import { buildSummary, exitCodeOf } from '../report/summary.ts'
import { parseFlags } from './args.ts'
import type { CommandIo } from './io.ts'
import {
  fieldCoverageGate,
  formatTimings,
  parseMinFieldCoverage,
  selectReporters,
  writeReports,
} from './regression.ts'
import { claimReportDir } from './report-dir.ts'
import { SHARD_FILE, SHARD_FORMAT, type ShardReport } from './shard.ts'

/** Usage text of the merge command. */
export const MERGE_USAGE = `Usage: subcontract merge <dir|shard.json>… [options]

Combines the parts of a sharded run (subcontract run --shard i/n, one per CI job) into the
reports of one whole run. Each argument is a part's report directory (holding shard.json) or
its shard.json itself. Every part of the run must be given, once.

Options:
  --report-dir <dir>      where the merged reports go (default: reports)
  --reporter <name>       which reports to write (repeatable or comma-separated):
                          console, json, junit, html (default: all of them)
  --min-field-coverage <share>
                          as subcontract run: fail below this share of documented fields seen
  -h, --help              show this help

Exit codes: as subcontract run (0 all passed, 1 a failure, 3 only transport failures);
2 when the parts are missing, repeated, unreadable or from different runs.

Examples:
  subcontract merge reports/shard-1 reports/shard-2 reports/shard-3
  subcontract merge shards/*/ --report-dir reports`

const FLAGS = {
  'report-dir': { type: 'string' },
  reporter: { type: 'string', multiple: true },
  'min-field-coverage': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

function bad(message: string, hint: string): HarnessError {
  return new HarnessError('REPORT_BAD_SHARD', `Failed to merge the shards: ${message}`, { hint })
}

const RERUN_HINT =
  'pass the report directory each `subcontract run --shard i/n --report-dir <dir>` wrote.'

/** Reads one part: a directory holding shard.json, or the file. */
export function readShard(arg: string): ShardReport & { source: string } {
  const path = existsSync(arg) && statSync(arg).isDirectory() ? join(arg, SHARD_FILE) : resolve(arg)
  const value = readJsonFile(path, {
    what: 'shard report',
    missing: `${RERUN_HINT} A run writes ${SHARD_FILE} only with --shard.`,
    invalid: 'it may have been cut short; run that shard again.',
  }) as Partial<ShardReport> | null
  const shard = value?.shard
  if (
    typeof value !== 'object' ||
    value === null ||
    value.format !== SHARD_FORMAT ||
    typeof shard?.index !== 'number' ||
    typeof shard.count !== 'number' ||
    !Array.isArray(value.run?.tests) ||
    !Array.isArray(value.selection?.operations)
  )
    throw bad(
      `${path} is not a subcontract shard report (format ${JSON.stringify(value?.format ?? null)}, expected "${SHARD_FORMAT}").`,
      RERUN_HINT,
    )
  return { ...(value as ShardReport), source: path }
}

/** The settings every part of one run must share. */
function settingsOf(part: ShardReport): Record<string, string> {
  const { run, selection } = part
  return {
    target: run.target,
    seed: String(run.seed),
    strict: String(run.strictExtraFields),
    apis: selection.apis.join(', '),
    operations: selection.operations.join(', '),
    filtered: String(selection.filtered),
  }
}

/** What differs between two parts' settings, briefly (an operation list can be long). */
function differences(a: Record<string, string>, b: Record<string, string>): string[] {
  const brief = (text: string | undefined) =>
    text === undefined ? '(none)' : text.length > 60 ? `${text.slice(0, 57)}…` : text
  return Object.keys(a)
    .filter((key) => a[key] !== b[key])
    .map((key) => `${key} ${brief(a[key])} against ${brief(b[key])}`)
}

/** Checks the parts belong to one run and cover it; returns them in part order. */
export function checkParts(
  parts: ReadonlyArray<ShardReport & { source: string }>,
): Array<ShardReport & { source: string }> {
  if (parts.length === 0)
    throw bad(
      'no shard was given.',
      `${RERUN_HINT} For example: subcontract merge shard-1 shard-2.`,
    )
  const count = parts[0]?.shard.count ?? 0
  for (const part of parts)
    if (part.shard.count !== count)
      throw bad(
        `${part.source} is part ${part.shard.index}/${part.shard.count}, but ${parts[0]?.source} is part of ${count}.`,
        'merge the parts of one run only: every part of it was run with the same --shard <i>/<n>.',
      )
  const seen = new Map<number, string>()
  for (const part of parts) {
    const before = seen.get(part.shard.index)
    if (before !== undefined)
      throw bad(
        `part ${part.shard.index}/${count} is given twice (${before} and ${part.source}).`,
        'give each part once.',
      )
    seen.set(part.shard.index, part.source)
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i))
  if (missing.length > 0)
    throw bad(
      `part${missing.length === 1 ? '' : 's'} ${missing.map((i) => `${i}/${count}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing (given: ${[...seen.keys()].sort((a, b) => a - b).join(', ')}).`,
      'a merged report of some parts would hide the tests of the others: wait for every shard job, or run the missing part (subcontract run --shard <i>/<n>).',
    )
  const first = parts[0] as ShardReport & { source: string }
  for (const part of parts) {
    const differ = differences(settingsOf(part), settingsOf(first))
    if (differ.length > 0)
      throw bad(
        `${part.source} was run with other settings than ${first.source}: ${differ.join('; ')}.`,
        'run every part with the same selection (--api, --operation, --tag), target, --seed and --strict.',
      )
  }
  return [...parts].sort((a, b) => a.shard.index - b.shard.index)
}

/** The whole run the parts make up. */
export function mergeParts(parts: readonly ShardReport[]): RunResult {
  const first = parts[0]
  if (first === undefined) throw new Error('mergeParts needs at least one part')
  const apis = apisNamed(first.selection.apis)
  const starts = parts.map((p) => Date.parse(p.run.startedAt))
  const ends = parts.map((p, i) => (starts[i] ?? 0) + p.run.durationMs)
  const baseUrls: Record<string, string> = {}
  for (const api of first.selection.apis) {
    const seen = [...new Set(parts.map((p) => p.run.baseUrls[api]).filter((u) => u !== undefined))]
    if (seen.length > 0) baseUrls[api] = seen.join(', ')
  }
  const max = (pick: (t: RunTimings) => number) =>
    Math.max(0, ...parts.map((p) => (p.run.timings === undefined ? 0 : pick(p.run.timings))))
  const newmanApis = [...new Set(parts.flatMap((p) => Object.keys(p.run.timings?.newmanMs ?? {})))]
  // The parts ran side by side: each phase's figure is its slowest part's (the critical path).
  const timings: RunTimings = {
    startupMs: max((t) => t.startupMs),
    sandboxMs: max((t) => t.sandboxMs),
    vitestMs: max((t) => t.vitestMs),
    newmanMs: Object.fromEntries(newmanApis.map((api) => [api, max((t) => t.newmanMs[api] ?? 0)])),
    reportsMs: max((t) => t.reportsMs),
    shards: parts.map((p) => ({
      index: p.shard.index,
      count: p.shard.count,
      wallMs: Math.round(p.run.durationMs),
    })),
  }
  return {
    target: first.run.target,
    baseUrls,
    startedAt: new Date(Math.min(...starts)).toISOString(),
    durationMs: Math.max(...ends) - Math.min(...starts),
    seed: first.run.seed,
    strictExtraFields: first.run.strictExtraFields,
    versions: first.run.versions,
    tests: orderTests(
      parts.flatMap((p) => p.run.tests),
      apis,
    ),
    runErrors: parts.flatMap((p) => p.run.runErrors),
    ...(first.run.invocation === undefined ? {} : { invocation: first.run.invocation }),
    timings,
  }
}

/** Runs the merge command and returns its exit code. */
export async function runMerge(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseFlags(
    argv,
    FLAGS,
    'Run subcontract merge --help for usage.',
    {
      positionals: Number.POSITIVE_INFINITY,
    },
  )
  if (values.help === true) {
    io.print(MERGE_USAGE)
    return 0
  }
  const reporters = selectReporters(values.reporter)
  const minFieldCoverage = parseMinFieldCoverage(values['min-field-coverage'])
  const parts = checkParts(positionals.map(readShard))
  const dir = resolve(values['report-dir'] ?? 'reports')
  const input = parts.find((p) => resolve(p.source, '..') === dir)
  if (input !== undefined)
    throw bad(
      `--report-dir ${dir} holds part ${input.shard.index}/${input.shard.count} itself: the merged reports would replace that part's own.`,
      'write the merged reports elsewhere, e.g. --report-dir reports/merged.',
    )
  const first = parts[0] as ShardReport
  const versions = new Set(parts.map((p) => p.run.versions.subcontract))
  if (versions.size > 1)
    io.print(
      `warning: the parts were run by different subcontract versions (${[...versions].join(', ')}); the merged report names ${first.run.versions.subcontract}.`,
    )
  const apis = apisNamed(first.selection.apis)
  const run = mergeParts(parts)
  const summary = buildSummary(
    run,
    apis,
    first.selection.filtered ? new Set(first.selection.operations) : undefined,
  )
  const c = io.terminal.colors
  io.print(
    `subcontract merge: ${parts.length} part(s) of ${first.shard.count}, target ${run.target}, seed ${run.seed}`,
  )
  if (reporters.has('console')) {
    io.print('')
    io.print(renderTable(summary, c))
    io.print('')
    io.print(renderOutcome(summary, c))
    if (run.timings !== undefined)
      io.print(
        c.dim(formatTimings(run.timings).replace(/^time: /, 'time, slowest part per phase: ')),
      )
  }
  const claim = [...reporters].some((r) => r !== 'console')
    ? claimReportDir(dir, `merge-${process.pid}`)
    : undefined
  try {
    const { written, unwritten } = writeReports(dir, reporters, run, summary, apis)
    for (const file of written) io.print(`wrote ${file}`)
    for (const error of unwritten) io.print(c.red(redactText(error.describe())))
    if (unwritten.length > 0) return 2
  } finally {
    claim?.release()
  }
  return Math.max(exitCodeOf(summary), fieldCoverageGate(summary, minFieldCoverage, io.print, c))
}
