/**
 * The `subcontract` command: one entry point for every task. `bin/subcontract.js` and the npm
 * scripts call it. Exit codes: 0 success, 1 a failure, 2 a usage or config error, 3 (run only)
 * transport failures with no test failure.
 */
import { HarnessError } from '../errors.ts'
import { suggest } from './args.ts'
import { CLEANUP_USAGE, runCleanup } from './cleanup.ts'
import { DRIFT_USAGE, runDrift } from './drift.ts'
import { IMPORT_USAGE, runImport } from './import.ts'
import type { CommandIo } from './io.ts'
import { LIST_USAGE, runList } from './list.ts'
import { REGRESSION_USAGE, runRegression } from './regression.ts'
import { REPORT_USAGE, runReport } from './report.ts'
import { runSandboxCommand, SANDBOX_USAGE } from './sandbox.ts'
import { versions } from './versions.ts'

/** One subcommand. */
export interface Command {
  summary: string
  usage: string
  run(argv: string[], io: CommandIo): Promise<number>
}

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  run: {
    summary: 'run the suites and the collection against the target, write the reports',
    usage: REGRESSION_USAGE,
    run: runRegression,
  },
  sandbox: {
    summary: 'start the stateful local sandbox until Ctrl-C',
    usage: SANDBOX_USAGE,
    run: runSandboxCommand,
  },
  drift: {
    summary: 'check the collection, environments, registry and suites mirror each other',
    usage: DRIFT_USAGE,
    run: runDrift,
  },
  import: {
    summary: 'match an exported Postman collection against the registry, stub new requests',
    usage: IMPORT_USAGE,
    run: runImport,
  },
  cleanup: {
    summary: 'remove test profiles an interrupted remote run left behind',
    usage: CLEANUP_USAGE,
    run: runCleanup,
  },
  report: {
    summary: "rebuild report.html from an earlier run's summary.json",
    usage: REPORT_USAGE,
    run: runReport,
  },
  list: {
    summary: 'print the operations with their tags and status coverage',
    usage: LIST_USAGE,
    run: runList,
  },
}

/** The top-level help. */
export const USAGE = `Usage: subcontract <command> [options]

Contract tests, a Postman/Newman regression and a local sandbox for the Adapty server-side API.

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(10)} ${command.summary}`)
  .join('\n')}

Run subcontract <command> --help for a command's options and examples.

Examples:
  subcontract run                              every suite and the collection, on the sandbox
  subcontract run --operation getProfile --runner vitest
  subcontract run --target remote --env-file .env
  subcontract list --tag smoke
  subcontract report --from reports/summary.json

Exit codes: 0 success, 1 a test or contract failure, 2 a usage or config error,
3 transport failures only (the target did not answer).`

/** Dispatches argv to a command and returns its exit code; usage errors throw HarnessError. */
export async function runSubcontract(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = rest[0]
    const command = topic === undefined ? undefined : COMMANDS[topic]
    io.print(command?.usage ?? USAGE)
    return 0
  }
  if (name === '--version' || name === '-v') {
    io.print(versions().subcontract ?? 'unknown')
    return 0
  }
  if (name === undefined) {
    throw new HarnessError('CLI_USAGE', 'Failed to read the command line: no command given.', {
      hint: `run one of: ${Object.keys(COMMANDS).join(', ')}. subcontract --help lists them.`,
    })
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined
  if (command === undefined) {
    const near = suggest(name, Object.keys(COMMANDS))
    throw new HarnessError(
      'CLI_USAGE',
      `Failed to read the command line: unknown command "${name}".`,
      {
        hint: `${near === undefined ? '' : `did you mean "subcontract ${near}"? `}Commands: ${Object.keys(COMMANDS).join(', ')}.`,
      },
    )
  }
  return command.run(rest, io)
}
