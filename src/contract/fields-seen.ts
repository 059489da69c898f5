/**
 * What both runners record on each response they check: the indexes of the schema items its body
 * showed (src/contract/field-coverage.ts), for the field coverage in the reports.
 */
import type { ExchangeResponse } from '../exchange.ts'
import type { Operation } from '../registry/types.ts'
import { coverageModel } from './field-coverage.ts'

/** The items `response` shows of its status's documented JSON body; undefined when there is none. */
export function fieldsSeen(
  op: Operation,
  response: Pick<ExchangeResponse, 'status' | 'json'>,
): number[] | undefined {
  const spec = op.responses[String(response.status)]
  if (spec?.kind !== 'json' || response.json === undefined) return undefined
  return coverageModel(op.api, spec.schema).seen(response.json)
}
