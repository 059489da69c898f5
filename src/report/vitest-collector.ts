/**
 * A vitest reporter that turns finished test cases into runner-neutral TestRecords (with the
 * exchanges each test recorded in its meta) and prints one plain progress line per file.
 */
import { basename } from 'node:path'
import type { Reporter, TestCase, TestModule } from 'vitest/node'
import { redactText, truncate } from '../redact/redact.ts'
import { OPERATIONS } from '../registry/operations.ts'
import type { ApiName } from '../registry/types.ts'
import type { ContractFinding, ExchangeEvidence, FailureEvidence } from './evidence.ts'
import type { Progress } from './progress.ts'
import type { ExchangeSummary, TestRecord } from './run-result.ts'
import type { Colors } from './terminal.ts'

type TestError = Extract<ReturnType<TestCase['result']>, { state: 'failed' }>['errors'][number]
type HttpAttempt = { attempt: number; outcome: string; waitMs: number }

const OPERATION_BY_STEM = new Map(
  OPERATIONS.map((op) => [
    `${op.api}/${op.operationId.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`,
    op,
  ]),
)

function apiOf(moduleId: string): ApiName {
  return moduleId.includes('/revenuecat/') ? 'revenuecat' : 'adapty'
}

/** What the worker-side recorder leaves in a test's meta (see tests/support/recorder.ts). */
interface TestMeta {
  exchanges?: ExchangeSummary[]
  lastExchange?: ExchangeEvidence
  contractFailure?: {
    expectedStatus: number
    findings: ContractFinding[]
    exchange: ExchangeEvidence
  }
}

function clip(text: string | undefined): string | undefined {
  return text === undefined ? undefined : truncate(redactText(text), 600)
}

function evidenceOf(
  errors: readonly TestError[],
  meta: TestMeta,
  kind: 'contract' | 'assertion' | 'transport',
): FailureEvidence {
  const contract = meta.contractFailure
  if (kind === 'contract' && contract !== undefined) {
    const first = contract.findings[0]
    const expected =
      first?.expected ?? `status ${contract.expectedStatus} and a body that matches the contract`
    return {
      expected,
      actual: first?.value ?? first?.message ?? 'a response that breaks the contract',
      contract: contract.findings,
      exchange: contract.exchange,
    }
  }
  const error = errors[0] as (TestError & { attempts?: HttpAttempt[] }) | undefined
  const expected = clip(typeof error?.expected === 'string' ? error.expected : undefined)
  const actual = clip(typeof error?.actual === 'string' ? error.actual : undefined)
  return {
    ...(expected === undefined ? {} : { expected }),
    ...(actual === undefined ? {} : { actual }),
    ...(kind === 'transport' && Array.isArray(error?.attempts) ? { attempts: error.attempts } : {}),
    ...(meta.lastExchange === undefined ? {} : { exchange: meta.lastExchange }),
  }
}

function toRecord(test: TestCase, moduleId: string): TestRecord {
  const result = test.result()
  const api = apiOf(moduleId)
  const file = basename(moduleId)
  const op = OPERATION_BY_STEM.get(`${api}/${file.replace(/\.test\.ts$/, '')}`)
  const state =
    result.state === 'passed' ? 'passed' : result.state === 'failed' ? 'failed' : 'skipped'
  const errors = result.state === 'failed' ? result.errors : []
  const firstLine = errors[0]?.message.split('\n')[0]
  const note = result.state === 'skipped' ? result.note : undefined
  const errorText = errors.map((e) => `${e.name ?? ''} ${e.message}`).join('\n')
  const failureKind = /HttpError|HTTP_(TIMEOUT|RETRIES_EXHAUSTED|CONNECTION)/.test(errorText)
    ? 'transport'
    : /broke the contract/.test(errorText)
      ? 'contract'
      : 'assertion'
  const meta = test.meta() as TestMeta
  const evidence = errors.length === 0 ? undefined : evidenceOf(errors, meta, failureKind)
  const finding = failureKind === 'contract' ? meta.contractFailure : undefined
  const firstFinding = finding?.findings[0]
  // A contract failure's one-line reason names the first finding, not just the operation.
  const contractReason =
    finding === undefined || firstFinding === undefined
      ? undefined
      : `${finding.exchange.operationId} broke the contract for ${finding.expectedStatus}: [${firstFinding.check}] ${firstFinding.message}${firstFinding.pointer ? ` at ${firstFinding.pointer}` : ''}`
  const exchanges = ((test.meta() as { exchanges?: ExchangeSummary[] }).exchanges ?? []).map(
    (e) => ({ ...e }),
  )
  return {
    runner: 'vitest',
    api,
    operationId: op?.operationId,
    file: moduleId.slice(moduleId.indexOf('/tests/') + 1),
    name: test.name,
    fullName: test.fullName,
    state,
    durationMs: test.diagnostic()?.duration ?? 0,
    ...(firstLine === undefined ? {} : { reason: redactText(contractReason ?? firstLine) }),
    ...(note === undefined ? {} : { reason: redactText(note) }),
    ...(errors.length === 0
      ? {}
      : { detail: redactText(errors.map((e) => e.message).join('\n\n')), failureKind }),
    ...(evidence === undefined ? {} : { evidence }),
    exchanges,
  }
}

/** Collects records while vitest runs. */
export interface VitestCollector extends Reporter {
  readonly records: TestRecord[]
  readonly runErrors: string[]
}

/** Creates the collector; it tells `progress` about every test and logs one line per file. */
export function createVitestCollector(progress: Progress, colors: Colors): VitestCollector {
  const records: TestRecord[] = []
  const runErrors: string[] = []
  return {
    records,
    runErrors,
    onTestModuleCollected(module: TestModule) {
      progress.plan(apiOf(module.moduleId), 'vitest', [...module.children.allTests()].length)
    },
    onTestCaseResult(test: TestCase) {
      const state = test.result().state
      if (state === 'pending') return
      progress.done(apiOf(test.module.moduleId), 'vitest', state === 'failed')
    },
    onTestModuleEnd(module: TestModule) {
      const mine = [...module.children.allTests()].map((t) => toRecord(t, module.moduleId))
      records.push(...mine)
      for (const error of module.errors())
        runErrors.push(redactText(`${basename(module.moduleId)}: ${error.message}`))
      const failed = mine.filter((r) => r.state === 'failed').length
      const passed = mine.filter((r) => r.state === 'passed').length
      const mark =
        failed > 0 || module.errors().length > 0 ? colors.red('FAIL') : colors.green('ok  ')
      const ms = Math.round(module.diagnostic().duration)
      progress.log(
        redactText(
          `${mark} ${module.moduleId.slice(module.moduleId.indexOf('/tests/') + 1)}  ${passed} passed, ${failed} failed  ${ms}ms`,
        ),
        apiOf(module.moduleId),
      )
    },
    onTestRunEnd(_modules, unhandledErrors) {
      for (const error of unhandledErrors)
        runErrors.push(redactText(String((error as Error).message ?? error)))
    },
  }
}
