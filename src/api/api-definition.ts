/**
 * The seam: everything one vendor API hands the engines. Engines (sandbox, client, contract,
 * Postman, drift, importer, cleanup, reports, CLI) take an ApiDefinition as a parameter and
 * never import an API folder; only the composition root (src/apis/all.ts) names every API.
 * Types only: nothing here runs.
 */
import type { Context, Hono, MiddlewareHandler } from 'hono'
import type { ApiVariable } from '../config/target-variables.ts'
import type { Check } from '../contract/checks/types.ts'
import type { Contract } from '../contract/load-schemas.ts'
import type { ExchangeResponse } from '../exchange.ts'
import type { ApiName, Operation } from '../registry/types.ts'

export type { ApiVariable } from '../config/target-variables.ts'
export type { ApiName } from '../registry/types.ts'

/** Why the shared pipeline refused a request body (src/sandbox/request-body.ts decides it). */
export interface BodyProblem {
  status: 400 | 415
  /** What is wrong: not JSON (or not UTF-8), not the operation's media type, or a bad value. */
  errorCode: 'parse_error' | 'unsupported_media_type' | 'validation_error'
  /** The dotted path of the field it is about, `''` for the whole body. */
  source: string
  /** The JSON pointer of the same place (`''` for the whole body). */
  pointer: string
  detail: string
}

/** An error the shared sandbox pipeline decides; only the API's `errors.respond` knows its envelope. */
export type PipelineFailure =
  | { kind: 'unauthenticated'; message: string }
  | { kind: 'unauthorized'; message: string }
  | { kind: 'forbidden'; message: string }
  | { kind: 'not-found'; message: string }
  | { kind: 'method-not-allowed'; message: string; allowed: readonly string[] }
  | { kind: 'too-large'; message: string }
  | { kind: 'bad-body'; message: string; problem: BodyProblem }
  | { kind: 'rate-limited'; message: string; retryAfterSeconds: number }
  | { kind: 'unavailable'; message: string; retryAfterSeconds?: number }
  | {
      kind: 'server-error'
      message: string
      /** Set when the sandbox's self-check replaced an answer that broke the contract. */
      selfCheck?: boolean
    }
  | { kind: 'not-implemented'; message: string }

/** The variables every sandbox route can read (`c.get(...)`). */
export interface SandboxVariables {
  /** The registry operation this request matched. */
  op: Operation
  /** The compiled contract (request bodies are validated against it). */
  contract: Contract
  /** What the API key opens (the API's own state type; its routes narrow it). */
  state: unknown
  /** The API key the request authenticated with. */
  apiKey: string
  /** The parsed JSON body, for operations that take one. */
  body: unknown
  /** Set when an injected fault shapes this answer (the self-check skips it). */
  fault: string
  /** Set when the client went away mid-request: nobody reads the answer. */
  disconnected: boolean
}

/** The Hono environment of every API's sandbox routes. */
export interface SandboxEnv {
  Variables: SandboxVariables
}

/** What the shared pipeline gives an API's sandbox factory. */
export interface SandboxDeps {
  /** Seed name under fixtures/seeds/<api>/ (`default`). */
  seed: string
  /** The sandbox's injected clock (structurally sandbox/clock.ts's Clock). */
  clock: { now(): Date }
  /** Seeded ids (structurally sandbox/ids.ts's Ids). */
  ids: { uuid(): string; token(prefix: string): string }
  /** Replaces seeded API keys by key name (a canary key for redaction tests). */
  apiKeys?: Readonly<Record<string, string>>
  /**
   * Lift the API's emulated rate limits (keys with a limit of their own keep it): for load
   * measurements, which would otherwise measure 429s.
   */
  liftRateLimits?: boolean
}

/** Who a key is, once authenticated: the state it opens, or why it may not go on. */
export type Authentication = { ok: true; state: unknown } | { ok: false; failure: PipelineFailure }

/**
 * One API's emulator, wrapped by the shared pipeline (src/sandbox/create-api-app.ts). `E` is the
 * API's own Hono environment: SandboxEnv's variables plus what its middleware sets.
 */
export interface ApiSandbox<E extends SandboxEnv = SandboxEnv> {
  /** The operation routes, at the spec's paths (the pipeline mounts them under basePath). */
  routes: Hono<E>
  /**
   * Looks a key up for an operation: unknown keys are unauthorized, missing scopes forbidden.
   * `op` is undefined for the sandbox's control routes (`/__sandbox/…`), which need only a key.
   */
  authenticate(apiKey: string, op: Operation | undefined): Authentication
  /** Runs after authentication and before the body is read (rate limits, header limits). */
  middleware?: readonly MiddlewareHandler<E>[]
  /** API-specific control routes under `/__sandbox/` (listing what a run left, holds). */
  control?: Hono<E>
  /** Seeded values, by ApiVariable name (base URL excluded: the listener decides it). */
  values: Readonly<Record<string, string>>
}

/** What one API hands every engine. */
export interface ApiDefinition {
  name: ApiName
  /** Human name for messages and reports (`Adapty server-side API`). */
  title: string
  operations: readonly Operation[]
  /**
   * The path every operation path is relative to, as the default base URL ends (`/v2` for
   * RevenueCat, '' for Adapty). The sandbox mounts its routes there.
   */
  basePath: string
  /** The scheme of `Authorization: <scheme> <key>`. */
  auth: { scheme: 'Api-Key' | 'Bearer' }
  target: {
    defaultBaseUrl: string
    variables: readonly ApiVariable[]
    /**
     * One cheap authenticated read that needs no seeded data, sent before a remote run: a refused
     * key or a base URL that is not the API stops the run with one message.
     */
    preflight: { operationId: string; query?: Readonly<Record<string, string | number>> }
    /** Where a user finds the key, for the message when the target refuses it. */
    keyHint: string
  }
  contract: {
    /** Checks this API adds to the shared list (error-envelope invariants). */
    checks: readonly Check[]
  }
  /** The retry delay a response asks for beyond Retry-After (RevenueCat's `backoff_ms`). */
  retryAfterMs?(response: ExchangeResponse): number | undefined
  errors: {
    /** The only place that knows the API's error envelope on the wire. */
    respond(c: Context, failure: PipelineFailure, op: Operation | undefined): Response
  }
  sandbox: {
    // biome-ignore lint/suspicious/noExplicitAny: each API's sandbox has its own Hono environment
    create(deps: SandboxDeps): ApiSandbox<any>
  }
  collection: {
    /** The committed collection, relative to the project root (`collections/adapty.postman_collection.json`). */
    file: string
    /** Builds the collection's JSON text from the registry and the API's request list. */
    build(): unknown
    /** Variables the collection sets itself while it runs, with their starting values. */
    runtimeVariables: Readonly<Record<string, string>>
    /**
     * What a run of the collection creates on the target (ids for testData.remove), recorded in
     * the ledger before it runs so that it is removed even when Newman stops halfway. `data` is
     * the target's data values by data key (a project id, say).
     */
    createdByRun?(runId: string, data: Readonly<Record<string, string>>): readonly string[]
  }
  testData: {
    /** The kind of thing a run creates, for messages (`test profile`). */
    noun: string
    /** What a successful call created (an id to remove later), if it created anything. */
    createdBy(operationId: string, request: CreatedInput): string | undefined
    /** Removes one created thing through the API. */
    remove(client: TestDataClient, id: string): Promise<'removed' | 'gone' | { failed: string }>
    /**
     * Removal rank of a recorded id (lower first), for data that references other data: what
     * refers goes before what it refers to. Without it, the ledger's order.
     */
    order?(id: string): number
  }
}

/** What a creating call sent, as testData.createdBy sees it. */
export interface CreatedInput {
  headers: Readonly<Record<string, string>>
  path: Readonly<Record<string, string>>
  body: unknown
}

/** The slice of the client that removal needs (http/create-client.ts's Client has it). */
export interface TestDataClient {
  call(
    operationId: string,
    input: {
      headers?: Record<string, string>
      path?: Record<string, string>
      query?: Record<string, string>
    },
  ): Promise<{ response: { status: number; json?: unknown } }>
}
