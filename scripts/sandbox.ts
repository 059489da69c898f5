// npm run sandbox: the stateful Adapty sandbox on loopback until Ctrl-C; see --help.

import { runSandbox } from '../src/cli/sandbox.ts'
import { isHarnessError } from '../src/errors.ts'

try {
  const sandbox = await runSandbox(process.argv.slice(2), (line) => console.log(line))
  if (sandbox !== undefined) {
    const stop = () => void sandbox.close().then(() => process.exit(0))
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  }
} catch (error) {
  console.error(isHarnessError(error) ? error.describe() : (error as Error).stack)
  process.exit(isHarnessError(error) ? 2 : 1)
}
