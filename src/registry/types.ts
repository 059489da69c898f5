/** The APIs subcontract knows. */
export type ApiName = 'adapty' | 'revenuecat'

/** HTTP methods used by the operations we cover. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** What the contract says about the body of one documented status. */
export type ResponseBody =
  | { kind: 'json'; schema: string; contentType: string }
  | { kind: 'empty' }
  | { kind: 'undocumented' }

/** A response header the contract documents for one status. Names are lower-case. */
export interface ResponseHeaderSpec {
  name: string
  /** Absent when required is a failure; an optional header is checked only when present. */
  required: boolean
  type: 'integer' | 'string'
}

/** One documented status: its body, and the headers it carries. */
export type ResponseSpec = ResponseBody & { readonly headers?: readonly ResponseHeaderSpec[] }

/** A header or query parameter an operation accepts. */
export interface ParameterSpec {
  name: string
  required: boolean
  format?: 'uuid'
  /** The value's type when it is not a plain string (query parameters). */
  type?: 'string' | 'integer' | 'boolean' | 'array'
  /** Allowed values (for an array: of its items). */
  enum?: readonly string[]
  maxLength?: number
}

/** One operation of a vendor API: the single source for sandbox, suites, collections and reports. */
export interface Operation {
  api: ApiName
  /** The vendor's operationId, verbatim. */
  operationId: string
  method: HttpMethod
  /**
   * Path template with `{name}` placeholders, exactly as the vendor's spec writes it: relative to
   * the API's base URL, which may itself carry a path (RevenueCat's `/v2`; see ApiDefinition.basePath).
   */
  path: string
  /** The vendor's tag: one collection folder per tag. */
  tag: string
  /** Our own one-line summary. */
  summary: string
  /** `read` operations never change data; `write` ones need --allow-writes on a remote target. */
  safety: 'read' | 'write'
  /** Labels for selecting subsets, such as `smoke`. */
  labels: readonly string[]
  /** Permissions the API key needs (RevenueCat's `x-scopes`); none when the API has no scopes. */
  scopes?: readonly string[]
  /** The rate-limit domain the operation counts against (RevenueCat's `x-revenuecat-rate-limiting-domain`). */
  rateLimitDomain?: string
  headers: readonly ParameterSpec[]
  query: readonly ParameterSpec[]
  pathParams: readonly string[]
  request?: { contentType: string; schema: string }
  /** Documented statuses, as strings ("200"), each with its body contract. */
  responses: Readonly<Record<string, ResponseSpec>>
}
