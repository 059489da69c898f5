/** Runs every registered check on one exchange: the single entry point for all runners. */
import type { Exchange } from '../exchange.ts'
import type { Operation } from '../registry/types.ts'
import { CHECKS } from './checks/registry.ts'
import type { Check } from './checks/types.ts'
import { failure as makeFailure } from './checks/types.ts'
import type { ContractFailure } from './failure.ts'
import type { Contract } from './load-schemas.ts'

/**
 * Validates an exchange of `op` against the contract: the shared checks, then the API's own
 * (`extraChecks`, an ApiDefinition's contract.checks). With `expectedStatus`, a different status
 * is a failure too (the test asked for that status).
 */
export function validateExchange(
  contract: Contract,
  op: Operation,
  exchange: Exchange,
  expectedStatus?: number,
  extraChecks: readonly Check[] = [],
): ContractFailure[] {
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
  for (const check of extraChecks) failures.push(...check.run(ctx))
  return failures
}
