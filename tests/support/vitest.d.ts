import 'vitest'
import type { ContractFinding, ExchangeEvidence } from '../../src/report/evidence.ts'
import type { SandboxApi } from '../../src/sandbox/create-sandbox.ts'
import type { ExchangeRecord } from './recorder.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The embedded sandbox's APIs (local target): base URL, main key and seeded values. */
    sandbox: Partial<Record<string, SandboxApi>>
  }
  interface Matchers<T = unknown> {
    /** Asserts the exchange has `status` and satisfies every contract check for it. */
    toMatchContract(status: number): T
  }
  interface TaskMeta {
    /** Exchanges a test made, for per-operation coverage in reports. */
    exchanges?: ExchangeRecord[]
    /** The latest exchange (redacted), shown when the test fails. */
    lastExchange?: ExchangeEvidence
    /** The contract failure that failed the test, if one did. */
    contractFailure?: {
      expectedStatus: number
      findings: ContractFinding[]
      exchange: ExchangeEvidence
    }
  }
}
