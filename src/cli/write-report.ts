/** Writes report files: redacted once more, then atomically (a temp file renamed into place). */
import { renameSync, rmSync, writeFileSync } from 'node:fs'
import { HarnessError } from '../errors.ts'
import { redactText } from '../redact/redact.ts'

/** Writes `text` to `path` so that a reader never sees half a file; returns the path. */
export function writeReport(path: string, text: string): string {
  const tmp = `${path}.tmp-${process.pid}`
  try {
    writeFileSync(tmp, redactText(text))
    renameSync(tmp, path)
  } catch (cause) {
    rmSync(tmp, { force: true })
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
