/**
 * The `subcontract` command: one entry point for every task. `bin/subcontract.js` and the npm
 * scripts call it. Exit codes: 0 success, 1 a failure, 2 a usage or config error, 3 (run only)
 * transport failures with no test failure.
 */
import { HarnessError } from '../errors.ts'
import { suggest } from './args.ts'
import type { CommandIo } from './io.ts'
import { versions } from './versions.ts'

/** What a command module provides once loaded. */
export interface LoadedCommand {
  usage: string
  run(argv: string[], io: CommandIo): Promise<number>
}

/** One subcommand. Its module loads only when it runs: `--help` stays fast. */
export interface Command {
  summary: string
  load(): Promise<LoadedCommand>
}

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  run: {
    summary: 'run the suites and the collection against the target, write the reports',
    load: async () => {
      const m = await import('./regression.ts')
      return { usage: m.REGRESSION_USAGE, run: m.runRegression }
    },
  },
  sandbox: {
    summary: 'start the stateful local sandbox until Ctrl-C',
    load: async () => {
      const m = await import('./sandbox.ts')
      return { usage: m.SANDBOX_USAGE, run: m.runSandboxCommand }
    },
  },
  drift: {
    summary: 'check the collection, environments, registry and suites mirror each other',
    load: async () => {
      const m = await import('./drift.ts')
      return { usage: m.DRIFT_USAGE, run: m.runDrift }
    },
  },
  import: {
    summary: 'match an exported Postman collection against the registry, stub new requests',
    load: async () => {
      const m = await import('./import.ts')
      return { usage: m.IMPORT_USAGE, run: m.runImport }
    },
  },
  cleanup: {
    summary: 'remove test profiles an interrupted remote run left behind',
    load: async () => {
      const m = await import('./cleanup.ts')
      return { usage: m.CLEANUP_USAGE, run: m.runCleanup }
    },
  },
  merge: {
    summary: 'combine the parts of a sharded run (run --shard i/n) into one set of reports',
    load: async () => {
      const m = await import('./merge.ts')
      return { usage: m.MERGE_USAGE, run: m.runMerge }
    },
  },
  report: {
    summary: "rebuild report.html from an earlier run's summary.json",
    load: async () => {
      const m = await import('./report.ts')
      return { usage: m.REPORT_USAGE, run: m.runReport }
    },
  },
  list: {
    summary: 'print the operations with their tags and status coverage',
    load: async () => {
      const m = await import('./list.ts')
      return { usage: m.LIST_USAGE, run: m.runList }
    },
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
  subcontract run --target remote --env .env
  subcontract run --shard 1/3 --report-dir reports/shard-1   (then: subcontract merge reports/shard-*)
  subcontract list --tag smoke
  subcontract report --from reports/summary.json

Exit codes: 0 all passed; 1 a test or contract failure, or an error outside any test;
2 a usage or config error (a refused API key too); 3 the target did not answer;
130/143 stopped by Ctrl-C/SIGTERM, after the teardown.`

/** Dispatches argv to a command and returns its exit code; usage errors throw HarnessError. */
export async function runSubcontract(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv
  // No command at all is a request for the usage, not a mistake.
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = rest[0]
    const command =
      topic !== undefined && Object.hasOwn(COMMANDS, topic) ? COMMANDS[topic] : undefined
    io.print(command === undefined ? USAGE : (await command.load()).usage)
    return 0
  }
  if (name === '--version' || name === '-v') {
    io.print(versions().subcontract ?? 'unknown')
    return 0
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
  return (await command.load()).run(rest, io)
}
