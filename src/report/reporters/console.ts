/** Prints the per-operation table and the failures of a run to the terminal. */
import type { Summary } from '../summary.ts'

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length)
}

/** Renders the final table: operation, statuses exercised, passed, failed, skipped. */
export function renderTable(summary: Summary): string {
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
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

/** Renders the closing lines: failures with their reasons, then the totals line. */
export function renderOutcome(summary: Summary): string {
  const lines: string[] = []
  for (const failure of summary.failures) {
    lines.push(
      `FAIL [${failure.kind}] ${failure.runner} ${failure.file} > ${failure.test}\n     ${failure.reason}`,
    )
  }
  for (const error of summary.runErrors) lines.push(`ERROR ${error}`)
  if (summary.retries.requests > 0) {
    const { requests, attempts, waitMs } = summary.retries
    lines.push(`retried ${requests} request(s): ${attempts} attempts, ${waitMs} ms waiting`)
  }
  const { passed, failed, skipped } = summary.totals
  lines.push(`${passed} passed, ${failed} failed, ${skipped} skipped`)
  return lines.join('\n')
}
