/** Writes files atomically (a temp file renamed into place); report files are redacted once more. */
import {
  accessSync,
  constants,
  existsSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { dirname } from 'node:path'
import { HarnessError } from '../errors.ts'
import { redactText } from '../redact/redact.ts'

/** Why `path` cannot be written, in words, or undefined when it can (best effort, before writing). */
function unwritableReason(path: string, error?: NodeJS.ErrnoException): string {
  const dir = dirname(path)
  if (!existsSync(dir)) return `its directory ${dir} does not exist`
  if (!statSync(dir).isDirectory()) return `${dir} is not a directory`
  if (existsSync(path) && statSync(path).isDirectory()) return 'it is a directory'
  if (error?.code === 'EACCES' || error?.code === 'EPERM' || error?.code === 'EROFS')
    return `${dir} is not writable`
  return error === undefined ? `${dir} is not writable` : (error.code ?? error.message)
}

/**
 * Checks up front that `path` can be written (its directory exists and is writable, it is no
 * directory); throws a REPORT_WRITE error naming `path` otherwise. `what` names the file.
 */
export function assertWritable(path: string, what: string, hint: string): void {
  const dir = dirname(path)
  let writable = existsSync(dir) && statSync(dir).isDirectory()
  if (writable) {
    try {
      accessSync(dir, constants.W_OK)
    } catch {
      writable = false
    }
  }
  if (writable && existsSync(path) && statSync(path).isDirectory()) writable = false
  if (!writable) {
    throw new HarnessError(
      'REPORT_WRITE',
      `Failed to write the ${what}: ${path} cannot be written (${unwritableReason(path)}).`,
      { hint },
    )
  }
}

/**
 * Writes `text` to `path` so that a reader never sees half a file; no temp file is left behind.
 * A failure is a REPORT_WRITE error that names `path`, never the temp file.
 */
export function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`
  try {
    writeFileSync(tmp, text)
    renameSync(tmp, path)
  } catch (cause) {
    rmSync(tmp, { force: true })
    throw new HarnessError(
      'REPORT_WRITE',
      `Failed to write ${path}: ${unwritableReason(path, cause as NodeJS.ErrnoException)}.`,
      { hint: 'check that its directory exists and is writable, or pick another path.', cause },
    )
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
