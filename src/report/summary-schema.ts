/**
 * The shape `subcontract report` and `subcontract list` need from a summary.json, checked with
 * Ajv before anything reads it: a hand-edited or older file fails with the path that is wrong.
 */
import { Ajv2020 } from 'ajv/dist/2020.js'
import type { Summary } from './summary.ts'

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
    retries: { type: 'object', required: ['requests', 'attempts', 'waitMs'] },
    runErrors: { type: 'array', items: { type: 'string' } },
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

/** Narrows a parsed value to a Summary when it has the needed shape. */
export function isSummary(value: unknown): value is Summary {
  return summaryProblem(value) === undefined
}
