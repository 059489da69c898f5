import 'vitest'
import type { AdaptySandboxInfo } from '../../src/sandbox/create-sandbox.ts'
import type { ExchangeRecord } from './recorder.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    sandbox: { adapty: AdaptySandboxInfo }
  }
  interface Matchers<T = unknown> {
    /** Asserts the exchange has `status` and satisfies every contract check for it. */
    toMatchContract(status: number): T
  }
  interface TaskMeta {
    /** Exchanges a test made, for per-operation coverage in reports. */
    exchanges?: ExchangeRecord[]
  }
}
