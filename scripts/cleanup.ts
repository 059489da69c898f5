// npm run cleanup -- --target remote: remove test profiles that earlier runs left behind.
import { runCleanup } from '../src/cli/cleanup.ts'
import { runMain } from '../src/cli/main.ts'

await runMain((argv) => runCleanup(argv, (line) => console.log(line)))
