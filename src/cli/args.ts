/** Argument parsing helpers: node:util parseArgs with usage errors that suggest the nearest flag. */
import { type ParseArgsConfig, parseArgs } from 'node:util'
import { HarnessError, suggest } from '../errors.ts'

/** `suggest` lives in src/errors.ts, so every layer (the sandbox too) can say "did you mean". */
export { suggest }

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
