/** The shape of one contract check: a small named function over an exchange. */
import type { Exchange } from '../../exchange.ts'
import type { Operation } from '../../registry/types.ts'
import type { ContractFailure } from '../failure.ts'
import type { Contract } from '../load-schemas.ts'

/** What every check receives. */
export interface CheckContext {
  op: Operation
  exchange: Exchange
  contract: Contract
}

/** A check returns the failures it found; an empty list means it passed. */
export interface Check {
  name: string
  run: (ctx: CheckContext) => ContractFailure[]
}

/** Builds a failure pre-filled with the operation and status of the context. */
export function failure(
  ctx: CheckContext,
  check: string,
  fields: Omit<ContractFailure, 'check' | 'api' | 'operationId' | 'status'>,
): ContractFailure {
  return {
    check,
    api: ctx.op.api,
    operationId: ctx.op.operationId,
    status: ctx.exchange.response.status,
    ...fields,
  }
}
