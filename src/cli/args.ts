/** Argument parsing helpers: node:util parseArgs with usage errors that suggest the nearest flag. */
import { type ParseArgsConfig, parseArgs } from 'node:util'
import { HarnessError } from '../errors.ts'

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

/**
 * Parses argv strictly; an unknown flag, a missing value or an unexpected argument becomes a
 * CLI_USAGE error. `positionals` is how many bare arguments the command takes (default none).
 */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  usage: string,
  { positionals = 0 }: { positionals?: number } = {},
) {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: true }>
  >
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true })
  } catch (cause) {
    const message = (cause as Error).message
    const flag = /'(-{1,2}[^' ]+)/.exec(message)?.[1]
    const near =
      flag === undefined ? undefined : suggest(flag.replace(/^-+/, ''), Object.keys(options))
    const unknown = /^Unknown option '([^']+)'/.exec(message)?.[1]
    const what = unknown === undefined ? message.split('\n')[0] : `unknown flag "${unknown}".`
    throw new HarnessError('CLI_USAGE', `Failed to read the command line: ${what}`, {
      hint: `${near === undefined ? '' : `did you mean --${near}? `}${usage}`,
      cause,
    })
  }
  const extra = parsed.positionals.slice(positionals)
  if (extra.length > 0) {
    throw new HarnessError(
      'CLI_USAGE',
      `Failed to read the command line: unexpected argument "${extra[0]}".`,
      { hint: `flags start with --. ${usage}` },
    )
  }
  return parsed
}
