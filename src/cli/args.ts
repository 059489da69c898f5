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
    const unknown = /^Unknown option '([^']+)'/.exec(message)?.[1]
    // Only an unknown flag gets a "did you mean"; a known one lacking its value gets told so.
    const near =
      unknown === undefined ? undefined : suggest(unknown.replace(/^-+/, ''), Object.keys(options))
    let what = message.split('\n')[0]
    let fix = usage
    if (unknown !== undefined) what = `unknown flag "${unknown}".`
    else if (/argument is ambiguous/.test(message) && flag !== undefined) {
      what = `${flag} is followed by a value that starts with "-".`
      fix = `if that is its value, write ${flag}=<value> (for example ${flag}=-1); otherwise give ${flag} a value. ${usage}`
    } else if (/argument missing/.test(message) && flag !== undefined) {
      what = `${flag} needs a value.`
      fix = `write ${flag} <value>. ${usage}`
    }
    throw new HarnessError('CLI_USAGE', `Failed to read the command line: ${what}`, {
      hint: `${near === undefined ? '' : `did you mean --${near}? `}${fix}`,
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

/**
 * `--env <file>`, and its older spelling `--env-file`. Node 20 reads `--env-file` itself wherever
 * it appears in argv, so through `npx` (whose own node has no `--`) that spelling never reached
 * us; `--env` cannot collide. Both flags go into a command's flag table.
 */
export const ENV_FILE_FLAGS = {
  env: { type: 'string' },
  'env-file': { type: 'string' },
} as const

/** The dotenv file given with --env or --env-file; both with different values is a usage error. */
export function envFileOf(values: { env?: string | undefined; 'env-file'?: string | undefined }) {
  const { env, 'env-file': envFile } = values
  if (env !== undefined && envFile !== undefined && env !== envFile) {
    throw new HarnessError(
      'CLI_USAGE',
      `Failed to read the command line: --env "${env}" and --env-file "${envFile}" name different files.`,
      { hint: 'pass one of them (--env is the spelling to use; --env-file is its older name).' },
    )
  }
  return env ?? envFile
}
