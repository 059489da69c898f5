/** Process entry for the CLI scripts: maps outcomes to exit codes (the only place that exits). */
import { isHarnessError } from '../errors.ts'
import { redactText } from '../redact/redact.ts'

/** Runs a command and exits: its own code, 2 for usage/config errors, 1 for anything unexpected. */
export async function runMain(command: (argv: string[]) => Promise<number>): Promise<never> {
  let code: number
  try {
    code = await command(process.argv.slice(2))
  } catch (error) {
    if (isHarnessError(error)) {
      console.error(redactText(error.describe()))
      code = 2
    } else {
      console.error(redactText((error as Error).stack ?? String(error)))
      code = 1
    }
  }
  process.exit(code)
}
