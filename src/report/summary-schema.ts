/**
 * The shape `subcontract report` and `subcontract list` need from a summary.json, checked with
 * Ajv before anything reads it: a hand-edited or older file fails with the path that is wrong.
 */
import { Ajv2020 } from 'ajv/dist/2020.js'
import type { RunError } from './run-error.ts'
import type { FailureGroup, Summary } from './summary.ts'

const counts = {
  type: 'object',
  required: ['passed', 'failed', 'skipped'],
  properties: {
    passed: { type: 'integer', minimum: 0 },
    failed: { type: 'integer', minimum: 0 },
    skipped: { type: 'integer', minimum: 0 },
  },
}

const SUMMARY_SCHEMA = {
  type: 'object',
  required: [
    'target',
    'baseUrls',
    'startedAt',
    'durationMs',
    'seed',
    'versions',
    'totals',
    'runners',
    'apis',
    'operations',
    'failures',
    'retries',
    'runErrors',
  ],
  properties: {
    target: { type: 'string' },
    baseUrls: { type: 'object', additionalProperties: { type: 'string' } },
    startedAt: { type: 'string' },
    durationMs: { type: 'number', minimum: 0 },
    seed: { type: 'integer' },
    versions: { type: 'object', additionalProperties: { type: 'string' } },
    totals: counts,
    runners: { type: 'object', additionalProperties: counts },
    apis: { type: 'object' },
    operations: {
      type: 'array',
      items: {
        type: 'object',
        required: [
          'api',
          'operationId',
          'method',
          'path',
          'tag',
          'documentedStatuses',
          'unexercisedStatuses',
          'undocumentedStatuses',
          'coverage',
          'latency',
          'retried',
          'waitMs',
          'passed',
          'failed',
        ],
        properties: {
          coverage: {
            type: 'array',
            items: {
              type: 'object',
              required: ['status', 'documented', 'runners'],
              properties: { status: { type: 'string' }, documented: { type: 'boolean' } },
            },
          },
          latency: {
            anyOf: [{ type: 'null' }, { type: 'object', required: ['count', 'p50', 'p95', 'max'] }],
          },
          fieldCoverage: {
            type: 'object',
            required: ['documented', 'seen', 'allowed', 'ratio', 'statuses'],
            properties: {
              ratio: { type: 'number', minimum: 0, maximum: 1 },
              statuses: {
                type: 'array',
                items: {
                  type: 'object',
                  required: [
                    'status',
                    'schema',
                    'documented',
                    'seen',
                    'allowed',
                    'ratio',
                    'unseen',
                  ],
                  properties: {
                    ratio: { type: 'number', minimum: 0, maximum: 1 },
                    unseen: { type: 'array', items: { type: 'string' } },
                  },
                },
              },
            },
          },
        },
      },
    },
    failures: {
      type: 'array',
      items: {
        type: 'object',
        required: ['runner', 'api', 'file', 'test', 'kind', 'reason'],
        properties: { kind: { enum: ['contract', 'assertion', 'transport'] } },
      },
    },
    groups: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'runner', 'api', 'kind', 'cause', 'count', 'failures'],
        properties: {
          kind: { enum: ['contract', 'assertion', 'transport'] },
          count: { type: 'integer', minimum: 1 },
          failures: { type: 'array', items: { type: 'integer', minimum: 0 } },
        },
      },
    },
    unattributed: { type: 'object', additionalProperties: counts },
    retries: { type: 'object', required: ['requests', 'attempts', 'waitMs'] },
    runErrors: {
      type: 'array',
      // Plain strings are what summaries written before structured run errors hold.
      items: {
        anyOf: [
          { type: 'string' },
          {
            type: 'object',
            required: ['source', 'message'],
            properties: {
              source: { enum: ['vitest', 'newman', 'sandbox', 'harness'] },
              message: { type: 'string' },
              file: { type: 'string' },
              where: { type: 'string' },
              stack: { type: 'string' },
              kind: { enum: ['transport', 'error'] },
            },
          },
        ],
      },
    },
    timings: {
      type: 'object',
      required: ['startupMs', 'sandboxMs', 'vitestMs', 'newmanMs', 'reportsMs'],
      properties: {
        startupMs: { type: 'number', minimum: 0 },
        sandboxMs: { type: 'number', minimum: 0 },
        vitestMs: { type: 'number', minimum: 0 },
        newmanMs: { type: 'object', additionalProperties: { type: 'number', minimum: 0 } },
        reportsMs: { type: 'number', minimum: 0 },
        shards: {
          type: 'array',
          items: {
            type: 'object',
            required: ['index', 'count', 'wallMs'],
            properties: {
              index: { type: 'integer', minimum: 1 },
              count: { type: 'integer', minimum: 1 },
              wallMs: { type: 'number', minimum: 0 },
            },
          },
        },
      },
    },
    invocation: {
      type: 'object',
      required: ['allowWrites', 'strict'],
      properties: {
        envFile: { type: 'string' },
        allowWrites: { type: 'boolean' },
        strict: { type: 'boolean' },
      },
    },
  },
} as const

const validate = new Ajv2020({ allErrors: false }).compile(SUMMARY_SCHEMA)

/** Returns the problem with a parsed summary.json, or undefined when it has the needed shape. */
export function summaryProblem(value: unknown): string | undefined {
  if (validate(value)) return undefined
  const error = validate.errors?.[0]
  if (error === undefined) return 'it does not have the shape of a summary'
  return `${error.instancePath === '' ? '(root)' : error.instancePath} ${error.message ?? 'is invalid'}`
}

/**
 * Brings a valid summary.json from an earlier version up to the current shape: plain-string run
 * errors become structured ones, and missing failure groups become one group per failure.
 */
export function upgradeSummary(value: Summary): Summary {
  const runErrors = (value.runErrors as ReadonlyArray<RunError | string>).map(
    (e): RunError => (typeof e === 'string' ? { source: 'harness', message: e } : e),
  )
  const groups: FailureGroup[] = Array.isArray(value.groups)
    ? value.groups
    : value.failures.map((f, i) => ({
        key: String(i),
        runner: f.runner,
        api: f.api,
        kind: f.kind,
        operationId: f.operationId,
        status: f.status ?? null,
        cause: f.reason,
        count: 1,
        failures: [i],
      }))
  const failures = value.failures.map((f) => ({ ...f, status: f.status ?? null }))
  return { ...value, failures, runErrors, groups, unattributed: value.unattributed ?? {} }
}

/** Narrows a parsed value to a Summary when it has the needed shape. */
export function isSummary(value: unknown): value is Summary {
  return summaryProblem(value) === undefined
}
