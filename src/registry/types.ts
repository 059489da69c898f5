/** The APIs subcontract knows. */
export type ApiName = 'adapty' | 'revenuecat'

/** HTTP methods used by the operations we cover. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** What the contract says about the body of one documented status. */
export type ResponseBody =
  | { kind: 'json'; schema: string; contentType: string }
  | { kind: 'empty' }
  | { kind: 'undocumented' }

/** A header or query parameter an operation accepts. */
export interface ParameterSpec {
  name: string
  required: boolean
  format?: 'uuid'
}

/** One operation of a vendor API: the single source for sandbox, suites, collections and reports. */
export interface Operation {
  api: ApiName
  /** The vendor's operationId, verbatim. */
  operationId: string
  method: HttpMethod
  /** Path template with `{name}` placeholders, exactly as the vendor writes it. */
  path: string
  /** The vendor's tag: one collection folder per tag. */
  tag: string
  /** Our own one-line summary. */
  summary: string
  /** `read` operations never change data; `write` ones need --allow-writes on a remote target. */
  safety: 'read' | 'write'
  /** Labels for selecting subsets, such as `smoke`. */
  labels: readonly string[]
  /** How the operation identifies the profile or customer it acts on. */
  identifies: 'profile' | 'none'
  headers: readonly ParameterSpec[]
  query: readonly ParameterSpec[]
  pathParams: readonly string[]
  request?: { contentType: string; schema: string }
  /** Documented statuses, as strings ("200"), each with its body contract. */
  responses: Readonly<Record<string, ResponseBody>>
}
