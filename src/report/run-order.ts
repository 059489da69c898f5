/**
 * One order for a run's test records, whatever ran them and however the work was split: by API
 * (in the order of the run's APIs), then vitest before Newman, then vitest's by suite file (a
 * file's own tests keep the order they ran in) and Newman's by their place in the API's whole
 * collection. vitest finishes files in whatever order its workers free up, and a sharded run
 * (--shard) runs parts of both: sorting both ways the same is what makes a merged report equal
 * the report of one machine.
 */
import type { TestRecord } from './run-result.ts'

const RUNNERS: Readonly<Record<TestRecord['runner'], number>> = { vitest: 0, newman: 1 }

/** The records in report order (a new array; a stable sort, so ties keep the order they came). */
export function orderTests(
  tests: readonly TestRecord[],
  apis: ReadonlyArray<{ name: string }>,
): TestRecord[] {
  const apiRank = new Map(apis.map((api, i) => [api.name, i]))
  const rank = (api: string) => apiRank.get(api) ?? apis.length
  return [...tests].sort((a, b) => {
    if (a.api !== b.api) return rank(a.api) - rank(b.api) || (a.api < b.api ? -1 : 1)
    if (a.runner !== b.runner) return RUNNERS[a.runner] - RUNNERS[b.runner]
    if (a.runner === 'newman')
      return (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER)
    return a.file < b.file ? -1 : a.file > b.file ? 1 : 0
  })
}
