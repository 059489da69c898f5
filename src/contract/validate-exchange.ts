/** Runs every registered check on one exchange: the single entry point for all runners. */
import type { Exchange } from '../exchange.ts'
import { getOperation } from '../registry/operations.ts'
import { CHECKS } from './checks/registry.ts'
import { failure as makeFailure } from './checks/types.ts'
import type { ContractFailure } from './failure.ts'
import type { Contract } from './load-schemas.ts'

/**
 * Validates an exchange against the contract. With `expectedStatus`, a different status is a
 * failure too (the test asked for that status).
 */
export function validateExchange(
  contract: Contract,
  exchange: Exchange,
  expectedStatus?: number,
): ContractFailure[] {
  const op = getOperation(exchange.api, exchange.operationId)
  const ctx = { op, exchange, contract }
  const failures: ContractFailure[] = []
  if (expectedStatus !== undefined && exchange.response.status !== expectedStatus) {
    failures.push(
      makeFailure(ctx, 'expected-status', {
        message: `expected status ${expectedStatus}, received ${exchange.response.status}`,
        expected: String(expectedStatus),
        value: String(exchange.response.status),
      }),
    )
  }
  for (const check of CHECKS) failures.push(...check.run(ctx))
  return failures
}
