/** Typed contract failures and their rendering, shared by vitest, Newman and the sandbox self-check. */
import type { ApiName } from '../registry/types.ts'

/** One way a response broke the contract. */
export interface ContractFailure {
  /** The check that found it, e.g. `response-schema`. */
  check: string
  api: ApiName
  operationId: string
  /** The HTTP status received. */
  status: number
  /** What went wrong, in one line. */
  message: string
  /** JSON pointer into the body, for schema failures. */
  pointer?: string
  /** The failing JSON Schema keyword, for schema failures. */
  keyword?: string
  /** The offending value, already redacted and shortened. */
  value?: string
  /** What the contract expected instead. */
  expected?: string
}

/** Renders failures schemathesis-style: title, received vs documented, pointer, keyword, value. */
export function formatFailures(failures: readonly ContractFailure[]): string {
  return failures
    .map((f, i) => {
      const lines = [`${i + 1}. [${f.check}] ${f.api} ${f.operationId} → ${f.status}: ${f.message}`]
      if (f.pointer !== undefined) lines.push(`   at ${f.pointer === '' ? '(root)' : f.pointer}`)
      if (f.keyword !== undefined) lines.push(`   keyword: ${f.keyword}`)
      if (f.expected !== undefined) lines.push(`   expected: ${f.expected}`)
      if (f.value !== undefined) lines.push(`   received: ${f.value}`)
      return lines.join('\n')
    })
    .join('\n')
}
