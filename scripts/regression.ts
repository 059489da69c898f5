// npm run regression: every contract suite against the target; see --help.
import { runMain } from '../src/cli/main.ts'
import { runRegression } from '../src/cli/regression.ts'

await runMain((argv) => runRegression(argv, (line) => console.log(line)))
