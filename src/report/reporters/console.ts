/** Prints the per-operation table and the failures of a run to the terminal. */
import type { Summary } from '../summary.ts'
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

/** Renders the final table: operation, statuses exercised, passed, failed, skipped. */
export function renderTable(summary: Summary, colors: Pick<Colors, 'red' | 'dim'> = PLAIN): string {
  const runners = Object.keys(summary.runners).sort((a, b) => b.localeCompare(a))
  const rows = summary.operations.map((op) => [
    `${op.api}.${op.operationId}`,
    op.statuses.join(' ') || '-',
    op.unexercisedStatuses.join(' ') || '-',
    ...runners.map((r) => {
      const counts = op.runners[r]
      return counts === undefined ? '-' : `${counts.passed}/${counts.failed}`
    }),
    String(op.passed),
    String(op.failed),
    String(op.skipped),
  ])
  const header = [
    'operation',
    'statuses exercised',
    'not exercised',
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
    return r[failedColumn] !== '0' ? colors.red(text) : text
  })
  return [line(header), colors.dim(line(widths.map((w) => '-'.repeat(w)))), ...body].join('\n')
}

/** Renders the closing lines: failures with their reasons, then the totals line. */
export function renderOutcome(summary: Summary, colors: typeof PLAIN = PLAIN): string {
  const lines: string[] = []
  for (const failure of summary.failures) {
    lines.push(
      `${colors.red('FAIL')} [${failure.kind}] ${failure.runner} ${failure.file} > ${failure.test}\n     ${failure.reason}`,
    )
  }
  for (const error of summary.runErrors) lines.push(`${colors.red('ERROR')} ${error}`)
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
