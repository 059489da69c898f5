/** Writes files atomically (a temp file renamed into place); report files are redacted once more. */
import { accessSync, constants, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { HarnessError } from '../errors.ts'
import { redactText } from '../redact/redact.ts'

/** Writes `text` to `path` so that a reader never sees half a file; no temp file is left behind. */
export function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`
  try {
    writeFileSync(tmp, text)
    renameSync(tmp, path)
  } catch (error) {
    rmSync(tmp, { force: true })
    throw error
  }
}

/** Writes a report file, redacted and atomically; returns the path. */
export function writeReport(path: string, text: string): string {
  try {
    writeAtomically(path, redactText(text))
  } catch (cause) {
    throw new HarnessError(
      'REPORT_WRITE',
      `Failed to write the report: ${path} cannot be written.`,
      {
        hint: 'check the --report-dir directory exists or can be created, and is writable.',
        cause,
      },
    )
  }
  return path
}

/** Creates the report directory before a run starts, so a bad --report-dir fails in a second. */
export function prepareReportDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true })
    accessSync(dir, constants.W_OK)
  } catch (cause) {
    throw new HarnessError(
      'REPORT_WRITE',
      `Failed to prepare the reports: ${dir} is not a directory this run can write to.`,
      { hint: 'pass --report-dir with a writable directory (it is created when missing).', cause },
    )
  }
}
