// npm run bench: throughput, validation speed and suite wall time; writes bench/results.json.
import { runBench } from '../src/cli/bench.ts'
import { runMain } from '../src/cli/main.ts'

await runMain(() => runBench((line) => console.log(line)))
