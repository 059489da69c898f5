/**
 * `subcontract report`: rebuilds report.html from an earlier run's summary.json, for a run whose
 * HTML was not written (--reporter without html) or was lost, or after an upgrade of the report.
 */
import { existsSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { readJsonFile } from '../config/read-json.ts'
import { HarnessError } from '../errors.ts'
import { renderHtml } from '../report/reporters/html.ts'
import type { Summary } from '../report/summary.ts'
import { summaryProblem, upgradeSummary } from '../report/summary-schema.ts'
import { parseFlags } from './args.ts'
import type { CommandIo } from './io.ts'
import { writeReport } from './write-report.ts'

/** Usage text of the report command. */
export const REPORT_USAGE = `Usage: subcontract report [options]

Rebuilds the self-contained HTML report from the summary.json of an earlier run.

Options:
  --report-dir <dir>      directory of the earlier run's reports (default: reports)
  --from <file>           the summary.json to read (default: <report-dir>/summary.json)
  --out <file>            where to write the HTML (default: report.html beside the summary)
  -h, --help              show this help

Examples:
  subcontract report
  subcontract report --from artifacts/run-42/summary.json --out /tmp/run-42.html`

/** Reads and checks a summary.json; every problem is a config error that names the file. */
export function readSummary(path: string): Summary {
  const value = readJsonFile(path, {
    what: 'summary',
    missing: 'run subcontract run first (it writes summary.json), or pass --from <summary.json>.',
    invalid:
      'it may have been cut short or edited by hand; run subcontract run again to write a new one.',
  })
  const problem = summaryProblem(value)
  if (problem !== undefined) {
    throw new HarnessError(
      'CONFIG_BAD_ENVIRONMENT_FILE',
      `Failed to read the summary: ${path} is not a subcontract summary (${problem}).`,
      {
        hint: 'pass the summary.json a subcontract run wrote; one from an older version needs a new run.',
      },
    )
  }
  return upgradeSummary(value as Summary)
}

/** Runs the report command and returns its exit code. */
export async function runReport(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parseFlags(
    argv,
    {
      'report-dir': { type: 'string' },
      from: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    'Run subcontract report --help for usage.',
  )
  if (values.help === true) {
    io.print(REPORT_USAGE)
    return 0
  }
  const from = resolve(values.from ?? join(values['report-dir'] ?? 'reports', 'summary.json'))
  const summary = readSummary(from)
  const out = resolve(values.out ?? join(dirname(from), 'report.html'))
  if (!existsSync(dirname(out))) {
    throw new HarnessError(
      'REPORT_WRITE',
      `Failed to write the report: ${dirname(out)} does not exist.`,
      {
        hint: 'create the directory first, or pass another --out.',
      },
    )
  }
  writeReport(out, renderHtml(summary))
  const kb = (statSync(out).size / 1024).toFixed(1)
  io.print(
    `wrote ${out} (${kb} KiB, ${summary.operations.length} operations, ${summary.failures.length} failures)`,
  )
  return 0
}
