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
  | 'REPORT_BAD_SHARD'

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

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0
      row[j] = Math.min(
        (row[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        prev + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
      prev = current
    }
  }
  return row[b.length] ?? 0
}

/** The candidate closest to `input`, if it is close enough to be a plausible typo. */
export function suggest(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Number.POSITIVE_INFINITY
  for (const candidate of candidates) {
    const d = distance(input.toLowerCase(), candidate.toLowerCase())
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3))
    ? best
    : undefined
}
