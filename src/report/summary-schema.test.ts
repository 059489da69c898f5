import { describe, expect, it } from 'vitest'
import { apiNamed } from '../apis/all.ts'
import { fixtureRun } from './fixtures/run.ts'
import { toRunError } from './run-error.ts'
import { buildSummary } from './summary.ts'
import { summaryProblem, upgradeSummary } from './summary-schema.ts'

const ADAPTY = [apiNamed('adapty')]

describe('summary schema', () => {
  const run = {
    ...fixtureRun(),
    runErrors: [toRunError('vitest', new Error('boom'), { file: 'tests/adapty/x.test.ts' })],
    invocation: { envFile: 'sb.env', allowWrites: true, strict: false },
  }
  const summary = JSON.parse(JSON.stringify(buildSummary(run, ADAPTY)))

  it('accepts the summary a run writes now: structured run errors, groups, invocation', () => {
    expect(summaryProblem(summary)).toBeUndefined()
    expect(summaryProblem({ ...summary, runErrors: [{ source: 'jest', message: 'x' }] })).toMatch(
      /^\/runErrors\/0 /,
    )
  })

  it('still reads a summary from before: plain-string run errors, no groups', () => {
    const { groups: _groups, unattributed: _u, ...older } = summary
    const old = { ...older, runErrors: ['tests/adapty/x.test.ts: boom'] }
    expect(summaryProblem(old)).toBeUndefined()
    const upgraded = upgradeSummary(old)
    expect(upgraded.runErrors).toEqual([
      { source: 'harness', message: 'tests/adapty/x.test.ts: boom' },
    ])
    expect(upgraded.groups.map((g) => g.count)).toEqual([1, 1, 1])
  })
})
