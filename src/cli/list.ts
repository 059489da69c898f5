/**
 * `subcontract list`: the operations with their tag, method, path and documented statuses, and,
 * when an earlier run left a summary.json, which statuses it exercised.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fieldsCell } from '../report/reporters/console.ts'
import { inReportOrder, type OperationSummary, type Summary } from '../report/summary.ts'
import { parseFlags } from './args.ts'
import type { CommandIo } from './io.ts'
import { readSummary } from './report.ts'
import { KNOWN_APIS, KNOWN_TAGS, selectByFlags } from './select.ts'

/** Usage text of the list command. */
export const LIST_USAGE = `Usage: subcontract list [options]

Prints every operation of every API, API by API and tag by tag: API, tag, operationId, method,
path and its documented statuses. With the summary.json of an earlier run, each status is marked:
  ✓ exercised and passed   ✗ exercised and failed   · documented, never exercised   ! seen, not documented
and a fields column: the share of documented response fields the checked responses showed.

Options:
  --api <name>            only this API (repeatable): ${KNOWN_APIS.join(', ')}
  --operation <id|glob>   only these operations (repeatable), e.g. 'list*'
  --tag <label>           only operations with this label (repeatable): ${KNOWN_TAGS.join(', ')}
  --report-dir <dir>      where the earlier run's summary.json is (default: reports)
  --json                  print JSON instead of a table
  -h, --help              show this help

Examples:
  subcontract list
  subcontract list --tag smoke
  subcontract list --operation '*Profile' --json`

function mark(op: OperationSummary | undefined, status: string): string {
  if (op === undefined) return status
  const cell = op.coverage.find((c) => c.status === status)
  const runners = Object.values(cell?.runners ?? {})
  if (runners.every((r) => r.exchanges === 0)) return `${status}·`
  return `${status}${runners.some((r) => r.failed > 0) ? '✗' : '✓'}`
}

/** Runs the list command and returns its exit code. */
export async function runList(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parseFlags(
    argv,
    {
      api: { type: 'string', multiple: true },
      operation: { type: 'string', multiple: true },
      tag: { type: 'string', multiple: true },
      'report-dir': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    'Run subcontract list --help for usage.',
  )
  if (values.help === true) {
    io.print(LIST_USAGE)
    return 0
  }
  // API by API, then tag by tag: the order of the run's table and report.
  // Every operation, the opt-in (beta) ones too: their label column says what they are.
  const operations = inReportOrder(selectByFlags(values, { withOptIn: true }))
  const summaryPath = join(values['report-dir'] ?? 'reports', 'summary.json')
  let summary: Summary | undefined
  let note: string | undefined
  if (existsSync(summaryPath)) {
    try {
      summary = readSummary(summaryPath)
    } catch (error) {
      // An unreadable summary only costs the coverage marks; the listing still helps.
      note = `coverage not shown: ${(error as Error).message}`
    }
  }
  const covered = (api: string, id: string) =>
    summary?.operations.find((o) => o.api === api && o.operationId === id)
  if (values.json === true) {
    const rows = operations.map((op) => {
      const run = covered(op.api, op.operationId)
      return {
        api: op.api,
        tag: op.tag,
        operationId: op.operationId,
        method: op.method,
        path: op.path,
        labels: op.labels,
        safety: op.safety,
        documentedStatuses: Object.keys(op.responses),
        ...(run === undefined
          ? {}
          : {
              exercisedStatuses: run.statuses,
              unexercisedStatuses: run.unexercisedStatuses,
              undocumentedStatuses: run.undocumentedStatuses,
              ...(run.fieldCoverage === undefined ? {} : { fieldCoverage: run.fieldCoverage }),
            }),
      }
    })
    io.print(JSON.stringify(rows, null, 2))
    return 0
  }
  const rows = operations.map((op) => {
    const run = covered(op.api, op.operationId)
    const statuses = Object.keys(op.responses).map((s) => mark(run, s))
    for (const s of run?.undocumentedStatuses ?? []) statuses.push(`${s}!`)
    return [
      op.api,
      op.tag,
      op.operationId,
      op.method,
      op.path,
      statuses.join(' '),
      ...(summary === undefined ? [] : [fieldsCell(run?.fieldCoverage)]),
      op.labels.join(','),
    ]
  })
  const header = [
    'api',
    'tag',
    'operation',
    'method',
    'path',
    'statuses',
    // After a run: the share of documented response fields its checked responses showed.
    ...(summary === undefined ? [] : ['fields']),
    'labels',
  ]
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  io.print(line(header))
  for (const row of rows) io.print(line(row))
  io.print('')
  if (note !== undefined) io.print(note)
  io.print(
    summary === undefined
      ? `${operations.length} operations. Run subcontract run to see which statuses the suites exercise.`
      : `${operations.length} operations; coverage from ${summaryPath} (${summary.startedAt}).`,
  )
  return 0
}
