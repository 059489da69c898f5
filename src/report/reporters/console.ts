/** Prints the per-operation table and the failures of a run to the terminal. */
import { runErrorHeadline } from '../run-error.ts'
import type { Counts, Summary } from '../summary.ts'
import type { Colors } from '../terminal.ts'

const plain = (text: string | number | null | undefined) => String(text ?? '')
const PLAIN: Pick<Colors, 'red' | 'green' | 'yellow' | 'dim' | 'bold'> = {
  red: plain,
  green: plain,
  yellow: plain,
  dim: plain,
  bold: plain,
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length)
}

/** The share of documented response fields the run saw, e.g. `87%` (floored: 100% means all). */
export function fieldsCell(coverage: { ratio: number } | undefined): string {
  if (coverage === undefined) return '-'
  return `${Math.floor(coverage.ratio * 100)}%`
}

/**
 * Renders the final table: operation, statuses exercised, documented statuses not exercised,
 * undocumented statuses observed (a sandbox's 501), the share of response fields seen, then passed, failed, skipped. Operations come
 * API by API, then tag by tag (the summary's order); each API's tests that count for no operation
 * follow its operations.
 */
export function renderTable(
  summary: Summary,
  colors: Pick<Colors, 'red' | 'dim' | 'yellow'> = PLAIN,
): string {
  const runners = Object.keys(summary.runners).sort((a, b) => b.localeCompare(a))
  const runnerCells = (counts: Record<string, Counts>) =>
    runners.map((r) => {
      const c = counts[r]
      return c === undefined ? '-' : `${c.passed}/${c.failed}`
    })
  const apis = [
    ...new Set([
      ...summary.operations.map((op) => op.api),
      ...Object.keys(summary.unattributed ?? {}),
    ]),
  ]
  const rows: string[][] = []
  for (const api of apis) {
    for (const op of summary.operations.filter((o) => o.api === api)) {
      rows.push([
        `${op.api}.${op.operationId}`,
        op.statuses.join(' ') || '-',
        op.unexercisedStatuses.join(' ') || '-',
        op.undocumentedStatuses.join(' ') || '-',
        fieldsCell(op.fieldCoverage),
        ...runnerCells(op.runners),
        String(op.passed),
        String(op.failed),
        String(op.skipped),
      ])
    }
    // Tests that count for no operation get their own row, so every column adds up to the totals.
    const other = summary.unattributed?.[api]
    if (other !== undefined) {
      rows.push([
        `${api} (no operation)`,
        '-',
        '-',
        '-',
        '-',
        ...runnerCells(other.runners),
        String(other.passed),
        String(other.failed),
        String(other.skipped),
      ])
    }
  }
  const header = [
    'operation',
    'statuses exercised',
    'not exercised',
    'undocumented',
    'fields',
    ...runners.map((r) => `${r} ok/fail`),
    'passed',
    'failed',
    'skipped',
  ]
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  // Colour is applied after padding, so escape codes never skew the column widths.
  const failedColumn = header.length - 2
  const body = rows.map((r) => {
    const text = line(r)
    if (r[failedColumn] !== '0') return colors.red(text)
    // An undocumented status breaks the contract even when every test passed.
    return r[3] !== '-' ? colors.yellow(text) : text
  })
  return [line(header), colors.dim(line(widths.map((w) => '-'.repeat(w)))), ...body].join('\n')
}

/** Tests listed under a group of failures with one cause; the rest are counted. */
export const GROUP_LINES = 5
/** Stack frames printed under an error outside tests. */
export const STACK_LINES = 3

/** Renders the closing lines: failures grouped by cause, errors outside tests, then the totals. */
export function renderOutcome(summary: Summary, colors: typeof PLAIN = PLAIN): string {
  const lines: string[] = []
  for (const group of summary.groups) {
    const [first, ...rest] = group.failures.map((i) => summary.failures[i])
    if (first === undefined) continue
    if (rest.length === 0) {
      lines.push(
        `${colors.red('FAIL')} [${first.kind}] ${first.runner} ${first.file} > ${first.test}\n     ${first.reason}`,
      )
      continue
    }
    const where = `${group.api}.${group.operationId ?? '(cross-cutting)'}${group.status === null ? '' : ` → ${group.status}`}`
    lines.push(
      `${colors.red('FAIL')} ${group.count} tests, one cause: [${group.kind}] ${group.runner} ${where}\n     ${group.cause}`,
    )
    const shown = [first, ...rest].slice(0, GROUP_LINES)
    for (const f of shown) lines.push(colors.dim(`     - ${f?.file} > ${f?.test}`))
    if (group.count > shown.length)
      lines.push(
        colors.dim(
          `     … and ${group.count - shown.length} more (every one is in summary.json and report.html)`,
        ),
      )
  }
  for (const error of summary.runErrors) {
    lines.push(`${colors.red('ERROR')} [${error.source}] ${runErrorHeadline(error)}`)
    const more = error.message.split('\n').slice(1, 4)
    for (const line of more) lines.push(`     ${line}`)
    for (const frame of (error.stack ?? '').split('\n').filter(Boolean).slice(0, STACK_LINES))
      lines.push(colors.dim(`     ${frame}`))
  }
  if (summary.retries.requests > 0) {
    const { requests, attempts, waitMs } = summary.retries
    lines.push(
      colors.yellow(`retried ${requests} request(s): ${attempts} attempts, ${waitMs} ms waiting`),
    )
  }
  const { passed, failed, skipped } = summary.totals
  const totals = `${passed} passed, ${failed} failed, ${skipped} skipped`
  lines.push(colors.bold(failed > 0 ? colors.red(totals) : colors.green(totals)))
  return lines.join('\n')
}
