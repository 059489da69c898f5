// An additive vendor change, end to end: a whole `subcontract run` against a sandbox that adds an
// unknown property to every object of every JSON body it sends (the `additive` fault). The default
// run tolerates it: every suite and the collection pass, exit 0. `--strict` fails (exit 1) and
// names the added property at each object, and nothing else, for updatePaywall (one operation, to
// keep this file fast; src/contract/tolerance.test.ts covers every object of every documented body).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { ADDITIVE_PROPERTY } from '../../src/sandbox/fault-middleware.ts'
import type { FaultRule } from '../../src/sandbox/faults.ts'
import { type FaultyRun, runAgainstFaultySandbox } from '../support/faulty-run.ts'

const faults: FaultRule[] = [{ operationId: '*', kind: 'additive' }]
let tolerant: FaultyRun
let strict: FaultyRun

type Finding = { pointer?: string; keyword?: string; expected?: string }
type Failure = { operationId: string | null; evidence?: { contract?: Finding[] } }

function findingsOf(run: FaultyRun): Array<Finding & { operationId: string | null }> {
  const summary = JSON.parse(readFileSync(join(run.reportDir, 'summary.json'), 'utf8')) as {
    failures: Failure[]
  }
  return summary.failures.flatMap((f) =>
    (f.evidence?.contract ?? []).map((finding) => ({ ...finding, operationId: f.operationId })),
  )
}

describe('a run against a vendor that adds a property to every object', () => {
  beforeAll(async () => {
    // The sandbox is in this process: remote pacing (5 requests a second) would only slow it down.
    vi.stubEnv('SUBCONTRACT_RATE_LIMIT', '1000')
    // Two sandboxes, two child processes: the runs are independent, so they go side by side.
    ;[tolerant, strict] = await Promise.all([
      runAgainstFaultySandbox({ faults, args: [] }),
      runAgainstFaultySandbox({
        faults,
        args: ['--strict', '--runner', 'vitest', '--operation', 'updatePaywall'],
      }),
    ])
  }, 300_000)
  afterAll(async () => {
    vi.unstubAllEnvs()
    await Promise.all([tolerant?.sandbox.close(), strict?.sandbox.close()])
  })

  it('passes by default, every suite and the collection, with exit 0', () => {
    expect(tolerant.output).toMatch(/^[1-9]\d* passed, 0 failed, \d+ skipped$/m)
    expect(tolerant.output).toMatch(/^ok {3}newman /m)
    expect(tolerant.status, tolerant.output).toBe(0)
  })

  it('does not count the added property as a sandbox self-check problem', () => {
    expect(tolerant.sandbox.selfCheck.problems).toEqual([])
  })

  it('fails with --strict (exit 1), naming the added property at each object', () => {
    expect(strict.status, strict.output).toBe(1)
    const findings = findingsOf(strict)
    const strictFinding = (operationId: string, pointer: string) =>
      expect.objectContaining({
        operationId,
        pointer,
        keyword: 'unevaluatedProperties',
        expected: `no property "${ADDITIVE_PROPERTY}" (strict extra-field mode)`,
      })
    // The top level of the paywall, an item of its remote_configs, an error item (an anyOf branch).
    expect(findings).toContainEqual(strictFinding('updatePaywall', ''))
    expect(findings).toContainEqual(strictFinding('updatePaywall', '/remote_configs/0'))
    expect(findings).toContainEqual(strictFinding('updatePaywall', '/errors/0'))
    expect(findings.filter((f) => f.keyword !== 'unevaluatedProperties')).toEqual([])
  })
})
