/**
 * What an API hands the collection builder: its requests, by folder, as data. The registry
 * supplies method, path and the auth scheme, so nothing here repeats a URL or a header scheme.
 */

/** One request of a collection. */
export interface RequestSpec {
  /** `<operationId>` for the main request, `<operationId>: <variant>` for negative variants. */
  name: string
  operationId: string
  expectStatus: number
  headers?: Record<string, string>
  query?: Record<string, string>
  pathParams?: Record<string, string>
  body?: unknown
  /** Send no Authorization header (overrides the collection's auth). */
  noAuth?: boolean
  /** Extra pm.test lines, run after the status and content-type tests. */
  tests?: string[]
  prerequest?: string[]
  /**
   * What this request needs to exist first, so that it passes when run alone (Postman's Send, or
   * `subcontract run --operation <id>`). Its pre-request script sends each one with
   * pm.sendRequest, and a pm.test of this request checks that it answered `expectStatus`.
   */
  setup?: SetupSpec[]
}

/** A prerequisite request, sent from a request's pre-request script (see RequestSpec.setup). */
export interface SetupSpec {
  operationId: string
  expectStatus: number
  headers?: Record<string, string>
  /** Values of its path parameters; a parameter without one takes the variable of its name. */
  pathParams?: Record<string, string>
  body?: unknown
}

/** One folder of a collection: the vendor's tag and its requests, in run order. */
export interface RequestFolder {
  tag: string
  requests: RequestSpec[]
}

/** Everything one API's collection is built from, besides its ApiDefinition. */
export interface CollectionSource {
  info: {
    /** A fixed id, so that Postman replaces the collection on import instead of adding a copy. */
    _postman_id: string
    name: string
    description: string
  }
  /** The folders, in run order. */
  folders: readonly RequestFolder[]
  /** Collection-level pre-request lines, run before every request (run ids, shared fixtures). */
  prerequest?: readonly string[]
}
