// Per-worker setup: the contract matcher and the exchange recorder.
import { expect } from 'vitest'
import { formatFailures } from '../../src/contract/failure.ts'
import { loadContract } from '../../src/contract/load-schemas.ts'
import { validateExchange } from '../../src/contract/validate-exchange.ts'
import type { Exchange } from '../../src/exchange.ts'
import { preview, redactHeaders, redactText } from '../../src/redact/redact.ts'
import { installRecorder } from './recorder.ts'
import { contractFlags, recordOf } from './target.ts'

installRecorder()

const contract = loadContract({ strictExtraFields: contractFlags.strictExtraFields })

function describeRequest(exchange: Exchange): string {
  const { method, url, headers, body } = exchange.request
  const lines = [`${method} ${redactText(url)}`]
  for (const [name, value] of Object.entries(redactHeaders(headers)))
    lines.push(`${name}: ${value}`)
  if (body !== undefined)
    lines.push('', preview(body.startsWith('{') ? JSON.parse(body) : body, 600))
  return lines.join('\n')
}

expect.extend({
  toMatchContract(received: Exchange, status: number) {
    const failures = validateExchange(contract, received, status)
    const entry = recordOf(received)
    if (entry !== undefined) entry.contract = failures.length === 0 ? 'passed' : 'failed'
    return {
      pass: failures.length === 0,
      message: () =>
        failures.length === 0
          ? `expected ${received.operationId} not to match the contract for ${status}`
          : [
              `${received.api} ${received.operationId} broke the contract for ${status}:`,
              formatFailures(failures),
              '',
              `Request (redacted):\n${describeRequest(received)}`,
              `Response body: ${preview(received.response.json ?? received.response.bodyText, 600)}`,
              `Seed: ${contractFlags.seed} (rerun with SUBCONTRACT_SEED=${contractFlags.seed})`,
            ].join('\n'),
    }
  },
})
