/** Codes for every failure the harness itself can raise, namespaced by area. */
export type HarnessErrorCode =
  | 'CONFIG_MISSING_VARIABLE'
  | 'CONFIG_BAD_VARIABLE'
  | 'CONFIG_BAD_ENVIRONMENT_FILE'
  | 'CLI_USAGE'
  | 'CONTRACT_UNKNOWN_OPERATION'
  | 'CONTRACT_NO_SCHEMA_FOR_STATUS'
  | 'CONTRACT_SCHEMA_COMPILE'
  | 'CONTRACT_SCHEMA_MISSING'
  | 'HTTP_MISSING_PARAMETER'
  | 'HTTP_TIMEOUT'
  | 'HTTP_RETRIES_EXHAUSTED'
  | 'HTTP_CONNECTION'
  | 'SANDBOX_UNKNOWN_SEED'
  | 'SANDBOX_PORT_IN_USE'
  | 'SANDBOX_INTERNAL'
  | 'REPORT_WRITE'

/** Options for a HarnessError: a hint telling the user how to fix it, and the underlying cause. */
export interface HarnessErrorOptions {
  hint?: string
  cause?: unknown
}

/**
 * The one base error of subcontract. Its message follows the grammar
 * `Failed to <verb> <object>: <what is wrong>.` and `hint` holds the `Fix: …` line.
 */
export class HarnessError extends Error {
  override name = 'HarnessError'
  readonly code: HarnessErrorCode
  readonly hint: string | undefined

  constructor(code: HarnessErrorCode, message: string, options: HarnessErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.hint = options.hint
  }

  /** The message plus its `Fix:` line, as printed by the CLI. */
  describe(): string {
    return this.hint === undefined ? this.message : `${this.message}\nFix: ${this.hint}`
  }
}

/** Type guard for HarnessError, also across module copies. */
export function isHarnessError(error: unknown): error is HarnessError {
  return error instanceof HarnessError
}
