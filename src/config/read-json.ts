/** Reads a JSON file a user handed us; a missing file or bad JSON is a config error with a fix. */
import { existsSync, readFileSync } from 'node:fs'
import { HarnessError } from '../errors.ts'

/** What to say about the file: its name in messages and how to fix each problem. */
export interface JsonFileHints {
  /** "collection", "summary", … */
  what: string
  /** Fix for a missing file. */
  missing: string
  /** Fix for a file that is not JSON (default: the `missing` fix). */
  invalid?: string
}

/** Parses the file, or throws CONFIG_BAD_ENVIRONMENT_FILE naming the file and the fix. */
export function readJsonFile(path: string, hints: JsonFileHints): unknown {
  if (!existsSync(path)) {
    throw new HarnessError(
      'CONFIG_BAD_ENVIRONMENT_FILE',
      `Failed to read the ${hints.what}: ${path} does not exist.`,
      { hint: hints.missing },
    )
  }
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown
  } catch (cause) {
    throw new HarnessError(
      'CONFIG_BAD_ENVIRONMENT_FILE',
      `Failed to read the ${hints.what}: ${path} ${cause instanceof SyntaxError ? 'is not valid JSON' : 'cannot be read'}.`,
      { hint: hints.invalid ?? hints.missing, cause },
    )
  }
}
