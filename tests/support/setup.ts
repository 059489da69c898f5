// Per-worker setup: the contract matcher and the exchange recorder.
import { expect } from 'vitest'
import { apiNamed } from '../../src/apis/all.ts'
import { formatFailures } from '../../src/contract/failure.ts'
import { fieldsSeen } from '../../src/contract/fields-seen.ts'
import { loadContract } from '../../src/contract/load-schemas.ts'
import { validateExchange } from '../../src/contract/validate-exchange.ts'
import type { Exchange } from '../../src/exchange.ts'
import { indexOf } from '../../src/registry/operations.ts'
import {
  contractFindings,
  describeRequest,
  describeResponse,
  exchangeEvidence,
} from '../../src/report/evidence.ts'
import { installRecorder, rememberContractFailure } from './recorder.ts'
import { contractFlags, recordOf } from './target.ts'

installRecorder()

const contract = loadContract({ strictExtraFields: contractFlags.strictExtraFields })

expect.extend({
  toMatchContract(received: Exchange, status: number) {
    const api = apiNamed(received.api)
    const op = indexOf(api.operations).get(api.name, received.operationId)
    const failures = validateExchange(contract, op, received, status, api.contract.checks)
    const entry = recordOf(received)
    if (entry !== undefined) {
      entry.contract = failures.length === 0 ? 'passed' : 'failed'
      const fields = fieldsSeen(op, received.response)
      if (fields !== undefined) entry.fields = fields
    }
    if (failures.length > 0) {
      rememberContractFailure({
        expectedStatus: status,
        findings: contractFindings(failures),
        exchange: exchangeEvidence(api, received.operationId, received.request, received.response),
      })
    }
    return {
      pass: failures.length === 0,
      message: () =>
        failures.length === 0
          ? `expected ${received.operationId} not to match the contract for ${status}`
          : [
              `${received.api} ${received.operationId} broke the contract for ${status}:`,
              formatFailures(failures),
              '',
              `Request (redacted):\n${describeRequest(received.request)}`,
              `Response (redacted):\n${describeResponse(received.response)}`,
              `Seed: ${contractFlags.seed} (rerun with SUBCONTRACT_SEED=${contractFlags.seed})`,
            ].join('\n'),
    }
  },
})
