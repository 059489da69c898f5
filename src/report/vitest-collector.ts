/**
 * A vitest reporter that turns finished test cases into runner-neutral TestRecords (with the
 * exchanges each test recorded in its meta) and prints one plain progress line per file.
 */
import { basename } from 'node:path'
import type { Reporter, TestCase, TestModule } from 'vitest/node'
import { redactText } from '../redact/redact.ts'
import { OPERATIONS } from '../registry/operations.ts'
import type { ApiName } from '../registry/types.ts'
import type { ExchangeSummary, TestRecord } from './run-result.ts'

const OPERATION_BY_STEM = new Map(
  OPERATIONS.map((op) => [
    `${op.api}/${op.operationId.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`,
    op,
  ]),
)

function apiOf(moduleId: string): ApiName {
  return moduleId.includes('/revenuecat/') ? 'revenuecat' : 'adapty'
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
    ...(firstLine === undefined ? {} : { reason: redactText(firstLine) }),
    ...(note === undefined ? {} : { reason: redactText(note) }),
    ...(errors.length === 0
      ? {}
      : { detail: redactText(errors.map((e) => e.message).join('\n\n')), failureKind }),
    exchanges,
  }
}

/** Collects records while vitest runs. */
export interface VitestCollector extends Reporter {
  readonly records: TestRecord[]
  readonly runErrors: string[]
}

/** Creates the collector; `print` receives one plain line per finished test file. */
export function createVitestCollector(print: (line: string) => void): VitestCollector {
  const records: TestRecord[] = []
  const runErrors: string[] = []
  return {
    records,
    runErrors,
    onTestModuleEnd(module: TestModule) {
      const mine = [...module.children.allTests()].map((t) => toRecord(t, module.moduleId))
      records.push(...mine)
      for (const error of module.errors())
        runErrors.push(redactText(`${basename(module.moduleId)}: ${error.message}`))
      const failed = mine.filter((r) => r.state === 'failed').length
      const passed = mine.filter((r) => r.state === 'passed').length
      const mark = failed > 0 || module.errors().length > 0 ? 'FAIL' : 'ok  '
      const ms = Math.round(module.diagnostic().duration)
      print(
        `${mark} ${module.moduleId.slice(module.moduleId.indexOf('/tests/') + 1)}  ${passed} passed, ${failed} failed  ${ms}ms`,
      )
    },
    onTestRunEnd(_modules, unhandledErrors) {
      for (const error of unhandledErrors)
        runErrors.push(redactText(String((error as Error).message ?? error)))
    },
  }
}
